"""The agreement register's filters: one FilterSet, every choice scoped to what the user may read."""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementParty, Status
from agreements.search import WORDS_THEN_PARTNERS, search_agreements
from agreements.verification import VerificationState
from partners.filters import PartnerNameFilter
from partners.models import Partner
from programs.filters import ProgramCategoryChoiceFilter, ProgramChoiceFilter
from programs.models import AgreementProgram
from sinergi.filters import TranslatedDescendingMixin
from units.filters import UnitChoiceFilter, UnitWithUnitsBelowFilter, use_unit_filter_for

FIRST_YEAR = 2000
RUNNING = "running"

# Status in the order an agreement lives through it, for sorting the status column.
STATUS_RANK = Case(
    *[When(current_status=status.value, then=Value(rank)) for rank, status in enumerate(Status)],
    output_field=IntegerField(),
)


class StableOrderingFilter(TranslatedDescendingMixin, django_filters.OrderingFilter):
    """Sorts by the chosen column, then by id, so that pages never repeat or skip a row."""

    def filter(self, qs, value):
        if not value:
            return qs
        if any(v.lstrip("-") == "status" for v in value):
            qs = qs.alias(status_rank=STATUS_RANK)
        ordering = [self.get_ordering_value(param) for param in value]
        return qs.order_by(*ordering, "-pk")


def year_choices():
    return [(year, str(year)) for year in range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)]


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("nomor, perihal, atau nama mitra")}),
    )
    kind = django_filters.ChoiceFilter(label=_("Jenis"), choices=Agreement.Kind.choices, empty_label=_("Semua jenis"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        # "Running" gathers the two statuses of an agreement in force: the home page's "ending soonest" opens
        # the whole of that list, ordered by end date.
        choices=[*Status.choices, (RUNNING, _("Berlaku atau segera berakhir"))],
        method="filter_status",
        empty_label=_("Semua status"),
    )
    partner = PartnerNameFilter()
    sector = django_filters.ChoiceFilter(
        label=_("Sektor mitra"), choices=Partner.Sector.choices, method="filter_sector", empty_label=_("Semua sektor")
    )
    program = ProgramChoiceFilter(method="filter_program")
    category = ProgramCategoryChoiceFilter(method="filter_category")
    unit = UnitChoiceFilter()
    # A unit with the units below it: the link from a unit's dashboard, whose figures count its whole side.
    within = UnitWithUnitsBelowFilter(label=_("Unit beserta jajarannya"), method="filter_within")
    scope = django_filters.ChoiceFilter(
        label=_("Cakupan"),
        choices=[("own", _("Hanya perjanjian unit saya"))],
        empty_label=_("Termasuk perjanjian Kanwil & pusat"),
        method="filter_scope",
    )
    year = django_filters.ChoiceFilter(
        label=_("Tahun penandatanganan"),
        choices=year_choices,
        field_name="signed_on__year",
        empty_label=_("Semua tahun"),
    )
    ends_within = django_filters.NumberFilter(
        label=_("Masih berlaku, berakhir dalam … hari"),
        method="filter_ends_within",
        min_value=0,
        max_value=36500,
        widget=forms.NumberInput(attrs={"placeholder": _("mis. 90")}),
    )
    dormant = django_filters.BooleanFilter(
        label=_("Tidak aktif"),  # with the number of days, from settings, in __init__
        method="filter_dormant",
        widget=forms.CheckboxInput,
    )
    # Links from an agreement's or a ceremony's page: carried along as hidden fields, scoped like every row.
    parent = django_filters.NumberFilter(field_name="parent_id", label=_("Perjanjian induk"), widget=forms.HiddenInput)
    signing_event = django_filters.NumberFilter(
        field_name="signing_event_id", label=_("Acara penandatanganan"), widget=forms.HiddenInput
    )
    verification = django_filters.ChoiceFilter(
        label=_("Verifikasi"),
        choices=[("unverified", _("Belum diverifikasi")), *VerificationState.choices],
        method="filter_verification",
        empty_label=_("Semua"),
    )
    o = StableOrderingFilter(
        label=_("Urutkan"),
        fields=(
            ("subject", "subject"),
            ("signed_on", "signed_on"),
            ("ends_on", "ends_on"),
            ("status_rank", "status"),
            ("unit__name", "unit"),
        ),
        field_labels={
            "subject": _("Perihal"),
            "signed_on": _("Tanggal tanda tangan"),
            "ends_on": _("Tanggal berakhir"),
            "status_rank": _("Status"),
            "unit__name": _("Unit"),
        },
        empty_label=_("Terbaru"),
    )

    # Shown at once; the others wait behind "Saringan lain" so the results stay in view, on a phone too.
    main_fields = ("q", "kind", "status")

    class Meta:
        model = Agreement
        fields = []

    def __init__(self, data=None, queryset=None, *, user, show_unit=True, search_steps=WORDS_THEN_PARTNERS, **kwargs):
        self.user = user
        self.search_steps = search_steps
        if data is not None and data.get("status") == Status.ENDING_SOON and not data.get("o"):
            # What ends soon is read soonest first; read newest first, a page of 25 meant passing over a unit's
            # every agreement that does not end soon (seconds at a million).
            data = data.copy()
            data["o"] = "ends_on"
        super().__init__(data, queryset, **kwargs)
        self.today = timezone.localdate()
        self._show_partner_name()
        self.filters["dormant"].label = _("Tidak aktif (tanpa kegiatan %(days)s hari)") % {
            "days": settings.SINERGI_DORMANT_DAYS
        }
        self.filters["dormant"].extra["label_suffix"] = ""
        if not user.has_units_above:
            del self.filters["scope"]
        if show_unit:
            use_unit_filter_for(self)
        else:
            del self.filters["unit"]
            del self.filters["within"]
            ordering = self.filters["o"]
            ordering.extra["choices"] = [c for c in ordering.extra["choices"] if c[0].lstrip("-") != "unit"]

    @property
    def is_text_search(self):
        return bool(self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("q", "").strip())

    def filter_search(self, queryset, name, value):
        return search_agreements(queryset, value, steps=self.search_steps)

    def filter_status(self, queryset, name, value):
        if value == RUNNING:
            return queryset.in_force(today=self.today)
        return queryset.having_status(value, today=self.today)

    @property
    def active_other_filters(self):
        """How many of the filters behind "Saringan lain" are in use (sorting is not a filter)."""
        return sum(1 for name in self.filters if name not in (*self.main_fields, "o") and (self.data or {}).get(name))

    def _show_partner_name(self):
        """Links from elsewhere filter by partner id; the box shows the partner's name instead."""
        value = (self.data or {}).get("partner", "")
        if value.isdigit():
            name = Partner.objects.filter(pk=value).values_list("name", flat=True).first()
            if name:
                self.data = self.data.copy()
                self.data["partner"] = name

    def filter_sector(self, queryset, name, value):
        return queryset.filter(Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), partner__sector=value)))

    def filter_program(self, queryset, name, value):
        return queryset.filter(Exists(AgreementProgram.objects.filter(agreement=OuterRef("pk"), program=value)))

    def filter_category(self, queryset, name, value):
        return queryset.filter(
            Exists(AgreementProgram.objects.filter(agreement=OuterRef("pk"), program__category=value))
        )

    def filter_dormant(self, queryset, name, value):
        return queryset.dormant(today=self.today) if value else queryset

    def filter_ends_within(self, queryset, name, value):
        return queryset.expiring_within(int(value), today=self.today)

    def filter_verification(self, queryset, name, value):
        if value == "unverified":
            return queryset.unverified()
        return queryset.filter(verification_state=value)

    def filter_within(self, queryset, name, value):
        return queryset.under_unit(value)

    def filter_scope(self, queryset, name, value):
        return queryset.own_side(self.user) if value == "own" else queryset


# Not shown in the register; left in the database so a page of 25 stays small.
LONG_TEXTS = ["scope", "objectives", "legal_basis", "funding_note", "signing_notes", "termination_reason"]


def filter_agreements(user, data, *, search_steps=WORDS_THEN_PARTNERS):
    """The agreements list as `data` (the query) filters it, within what `user` may read. The list page, the
    printed register and its background export all start here, so they always agree."""
    scoped = Agreement.objects.for_user(user)
    # The unit column and filter only help someone who reads other units' agreements too.
    show_unit = scoped.spans_units_besides(user.unit_id)
    agreements = scoped.with_status().select_related("unit").prefetch_related("parties__partner").defer(*LONG_TEXTS)
    filterset = AgreementFilter(
        data or None, queryset=agreements, user=user, show_unit=show_unit, search_steps=search_steps
    )
    filterset.show_unit = show_unit
    return filterset
