"""Filter pieces about our own units, for every list that spans several."""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergi.filters import ScopedModelChoiceFilter
from units.models import Unit


class UnitChoiceFilter(ScopedModelChoiceFilter):
    """The owning unit, chosen among the units whose records the user may read."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Unit pemilik"))
        kwargs.setdefault("empty_label", _("Semua unit"))
        super().__init__(*args, model=Unit, **kwargs)


class UnitWithUnitsBelowFilter(UnitChoiceFilter):
    """A unit with the units below it. Offered: Ditjenpas and the Kanwil the user may read, ~35, not ~700;
    accepted too: any unit the user may read that a link names (a UPT's dashboard links here with its id)."""

    def get_queryset(self, request):
        units = super().get_queryset(request)
        named = str(self.parent.data.get(self.field_name, "")) if self.parent.data else ""
        named_unit = Q(pk=int(named)) if named.isdigit() else Q(pk__in=[])
        return units.filter(Q(pk__in=Unit.objects.with_units_below().values("pk")) | named_unit)


# Above this many units a <select> is too long to read and to render: the unit is typed, with suggestions.
SELECT_LIMIT = 60


class UnitInput(forms.TextInput):
    """A unit typed by name, with suggestions of the units the user may read (static/js/agreement-form.js)."""

    template_name = "partners/widgets/partner_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}_options"
        widget_attrs["data-autocomplete-url"] = reverse("unit_autocomplete")
        return context

    def format_value(self, value):
        # Links from dashboards name the unit by id; the box shows its name.
        if value and str(value).isdigit():
            return Unit.objects.filter(pk=value).values_list("name", flat=True).first() or value
        return super().format_value(value)


class UnitNameFilter(django_filters.CharFilter):
    """The owning unit among those the user may read: an id (from a link), a name picked from the suggestions,
    or part of a name (every unit whose name contains it)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Unit pemilik"))
        kwargs.setdefault("widget", UnitInput(attrs={"autocomplete": "off", "placeholder": _("ketik nama unit")}))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = " ".join((value or "").split())
        if not value:
            return qs
        units = Unit.objects.for_user(self.parent.user)
        if value.isdigit():
            units = units.filter(pk=value)
        elif units.filter(name__iexact=value).exists():
            units = units.filter(name__iexact=value)
        else:
            units = units.filter(name__icontains=value)
        return qs.filter(**{f"{self.field_name}__in": units.values("pk")})


def use_unit_filter_for(filterset, name="unit"):
    """Swap the filterset's unit `<select>` for a typed unit when the user reads more units than fit one."""
    user = filterset.user
    if user.visible_unit_ids is not None and len(user.visible_unit_ids) <= SELECT_LIMIT:
        return
    if user.visible_unit_ids is None and Unit.objects.count() <= SELECT_LIMIT:
        return
    typed = UnitNameFilter(field_name=filterset.filters[name].field_name)
    typed.parent, typed.model = filterset, filterset._meta.model
    filterset.filters[name] = typed
