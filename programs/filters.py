"""The activities list's filters: one FilterSet, every choice scoped to what the user may read."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.filters import PartnerNameFilter
from programs.models import Activity, Program, ProgramCategory
from sinergi.filters import ScopedModelChoiceFilter
from units.filters import UnitChoiceFilter, use_unit_filter_for

FIRST_YEAR = 2015


def year_choices():
    return [(year, str(year)) for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


def month_choices():
    return [(number, name) for number, name in MONTHS.items()]


class ProgramChoiceFilter(ScopedModelChoiceFilter):
    """A program of the national catalogue."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", pgettext_lazy("satu program", "Program"))
        kwargs.setdefault("empty_label", _("Semua program"))
        super().__init__(*args, model=Program, **kwargs)


class ProgramCategoryChoiceFilter(ScopedModelChoiceFilter):
    """A category of the national catalogue."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Kategori program"))
        kwargs.setdefault("empty_label", _("Semua kategori"))
        super().__init__(*args, model=ProgramCategory, **kwargs)


class ActivityFilter(django_filters.FilterSet):
    month = django_filters.ChoiceFilter(
        label=_("Bulan"), choices=month_choices, field_name="starts_on__month", empty_label=_("Semua bulan")
    )
    year = django_filters.ChoiceFilter(
        label=_("Tahun"), choices=year_choices, field_name="starts_on__year", empty_label=_("Semua tahun")
    )
    program = ProgramChoiceFilter(field_name="agreement_program__program")
    category = ProgramCategoryChoiceFilter(field_name="agreement_program__program__category")
    partner = PartnerNameFilter(agreement="agreement_program__agreement")
    unit = UnitChoiceFilter(field_name="agreement_program__agreement__unit")
    # Set by the "all activities" link on an agreement's page; shown there as a note, not as a field.
    agreement = django_filters.NumberFilter(field_name="agreement_program__agreement", widget=forms.HiddenInput)
    scope = django_filters.ChoiceFilter(
        label=_("Cakupan"),
        choices=[("own", _("Hanya kegiatan unit saya"))],
        empty_label=_("Termasuk kegiatan Kanwil & pusat"),
        method="filter_scope",
    )
    cancelled = django_filters.BooleanFilter(
        label=_("Tampilkan juga kegiatan yang dibatalkan"), method="filter_cancelled", widget=forms.CheckboxInput
    )

    class Meta:
        model = Activity
        fields = []

    def __init__(self, data=None, queryset=None, *, user, show_unit=True, **kwargs):
        self.user = user
        super().__init__(data, queryset, **kwargs)
        if show_unit:
            use_unit_filter_for(self)
        else:
            del self.filters["unit"]
        if not user.has_units_above:
            del self.filters["scope"]
        self.filters["cancelled"].extra["label_suffix"] = ""

    def filter_scope(self, queryset, name, value):
        return queryset.own_side(self.user) if value == "own" else queryset

    @property
    def includes_units_above(self):
        """Whether the rows may include the Kanwil's and Ditjenpas's activities besides the user's own side."""
        return "scope" in self.filters and self.form.cleaned_data.get("scope") != "own"

    def filter_cancelled(self, queryset, name, value):
        # Unticked (and absent) means carried out only: the view always binds the filter, even to no parameters.
        return queryset if value else queryset.carried_out()
