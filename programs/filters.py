"""The activities list's filters: one FilterSet, every choice scoped to what the user may read."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agreements.forms import PartnerInput
from agreements.models import AgreementParty
from partners.models import Partner
from programs.models import Activity, Program, ProgramCategory
from units.models import Unit

FIRST_YEAR = 2015


def year_choices():
    return [(year, str(year)) for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


def month_choices():
    return [(number, name) for number, name in MONTHS.items()]


class ActivityFilter(django_filters.FilterSet):
    month = django_filters.ChoiceFilter(
        label=_("Bulan"), choices=month_choices, field_name="starts_on__month", empty_label=_("Semua bulan")
    )
    year = django_filters.ChoiceFilter(
        label=_("Tahun"), choices=year_choices, field_name="starts_on__year", empty_label=_("Semua tahun")
    )
    program = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("satu program", "Program"),
        queryset=Program.objects.none(),
        field_name="agreement_program__program",
        empty_label=_("Semua program"),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Kategori program"),
        queryset=ProgramCategory.objects.none(),
        field_name="agreement_program__program__category",
        empty_label=_("Semua kategori"),
    )
    partner = django_filters.CharFilter(
        label=pgettext_lazy("satu mitra", "Mitra"),
        method="filter_partner",
        widget=PartnerInput(attrs={"autocomplete": "off"}),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit pemilik"),
        queryset=Unit.objects.none(),
        field_name="agreement_program__agreement__unit",
        empty_label=_("Semua unit"),
    )
    # Set by the "all activities" link on an agreement's page; shown there as a note, not as a field.
    agreement = django_filters.NumberFilter(field_name="agreement_program__agreement", widget=forms.HiddenInput)
    cancelled = django_filters.BooleanFilter(
        label=_("Tampilkan juga kegiatan yang dibatalkan"), method="filter_cancelled", widget=forms.CheckboxInput
    )

    class Meta:
        model = Activity
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, show_unit=True, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = request.user
        self.filters["program"].queryset = Program.objects.select_related("category")
        self.filters["category"].queryset = ProgramCategory.objects.all()
        if show_unit:
            units = Unit.objects.only("pk", "name")
            if user.visible_unit_ids is not None:
                units = units.filter(pk__in=user.visible_unit_ids)
            self.filters["unit"].queryset = units
        else:
            del self.filters["unit"]
        self.filters["cancelled"].extra["label_suffix"] = ""

    def filter_cancelled(self, queryset, name, value):
        # Unticked (and absent) means carried out only: the view always binds the filter, even to no parameters.
        return queryset if value else queryset.carried_out()

    def filter_partner(self, queryset, name, value):
        """One partner when the name matches one (as picked from the suggestions), else any partner whose name
        contains the text."""
        partner = Partner.objects.similar_to(value).first()
        parties = AgreementParty.objects.filter(agreement=OuterRef("agreement_program__agreement"))
        if partner is not None:
            parties = parties.filter(partner=partner)
        else:
            parties = parties.filter(partner__name__icontains=value.strip())
        return queryset.filter(Exists(parties))
