"""Filters of the pages that summarise the directory against the agreements: the directory itself and the
partner status page."""

from datetime import timedelta
from functools import cached_property

import django_filters
from django import forms
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Status
from partners.filters import search_partners
from partners.models import Partner
from sinergi.filters import NullsLastOrderingFilter


class PartnerFilter(django_filters.FilterSet):
    """The national directory: everyone searches the same list."""

    q = django_filters.CharFilter(
        label=_("Cari"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("nama atau daerah")}),
    )
    sector = django_filters.ChoiceFilter(label=_("Sektor"), choices=Partner.Sector.choices, empty_label=_("Semua"))
    level = django_filters.ChoiceFilter(label=_("Tingkat"), choices=Partner.Level.choices, empty_label=_("Semua"))
    province = django_filters.ChoiceFilter(label=_("Provinsi"), empty_label=_("Semua"))
    with_my_unit = django_filters.BooleanFilter(
        label=_("Ada perjanjian berlaku dengan unit saya"),
        method="filter_with_my_unit",
        widget=forms.CheckboxInput,
        label_suffix="",
    )

    class Meta:
        model = Partner
        fields = ["q", "sector", "level", "province", "with_my_unit"]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        provinces = (
            Partner.objects.for_user(user).exclude(province="").order_by("province").values_list("province", flat=True)
        )
        self.filters["province"].extra["choices"] = [(p, p) for p in provinces.distinct()]

    def filter_q(self, queryset, name, value):
        return search_partners(queryset, value)

    def filter_with_my_unit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.party_to(Agreement.objects.own_side(self.user).in_force(timezone.localdate()))


# Sorting by status puts what needs attention first.
STATUS_RANK = [
    Status.ENDING_SOON,
    Status.IN_FORCE,
    Status.NOT_YET_IN_FORCE,
    Status.DRAFT,
    Status.ENDED,
    Status.TERMINATED,
]


class PartnerStatusFilter(django_filters.FilterSet):
    """Partners the user's unit works with, each with its latest agreement (by signing date).

    The rows are annotated in the database: `latest_agreement_id`, `latest_status`, `latest_ends_on`,
    `latest_last_day` (the day the latest agreement stops running, null unless it is in force) and
    `agreements_in_force`."""

    SCOPE_OWN = "own"
    SCOPE_VISIBLE = "visible"

    scope = django_filters.ChoiceFilter(
        label=_("Cakupan"),
        choices=[
            (SCOPE_OWN, _("Perjanjian unit saya")),
            (SCOPE_VISIBLE, _("Termasuk Kanwil & pusat")),
        ],
        empty_label=None,
        method="filter_nothing",
    )
    q = django_filters.CharFilter(
        label=_("Cari mitra"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("nama atau daerah")}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status terakhir"),
        choices=Status.choices,
        field_name="latest_status",
        empty_label=_("Semua"),
    )
    sector = django_filters.ChoiceFilter(label=_("Sektor"), choices=Partner.Sector.choices, empty_label=_("Semua"))
    ends_within = django_filters.NumberFilter(
        label=_("Berakhir dalam … hari"),
        method="filter_ends_within",
        min_value=0,
        widget=forms.NumberInput(attrs={"placeholder": _("mis. 90"), "min": 0}),
    )
    o = NullsLastOrderingFilter(
        tie_breakers=("name", "pk"),
        label=_("Urutkan"),
        fields=[
            ("name", "name"),
            ("latest_ends_on", "ends_on"),
            ("latest_last_day", "days_left"),
            ("latest_status_rank", "status"),
        ],
        field_labels={
            "name": _("Nama mitra"),
            "latest_ends_on": _("Tanggal berakhir"),
            "latest_last_day": _("Sisa hari"),
            "latest_status_rank": _("Status"),
        },
        empty_label=None,
    )

    class Meta:
        model = Partner
        fields = ["scope", "q", "status", "sector", "ends_within", "o"]

    def __init__(self, data=None, *args, user, today=None, counting=False, **kwargs):
        self.user = user
        self.today = today or timezone.localdate()
        # Counting partners per status (the snapshot's figures) needs each one's status even where the page
        # would not sort or filter by it.
        self.counting = counting
        data = data.copy() if data is not None else {}
        data.setdefault("scope", self.SCOPE_OWN)
        data.setdefault("o", "name")
        super().__init__(data, *args, **kwargs)
        if not self.offers_scope:
            del self.filters["scope"]

    @property
    def offers_scope(self):
        """Only a unit below Ditjenpas has agreements above it to leave out or take in."""
        return self.user.has_units_above

    @cached_property
    def agreements(self):
        """The agreements the rows are about (read once the form is validated)."""
        if self.offers_scope and self.form.cleaned_data.get("scope") == self.SCOPE_VISIBLE:
            return Agreement.objects.for_user(self.user)
        return Agreement.objects.own_side(self.user)

    def filter_queryset(self, queryset):
        return super().filter_queryset(self.with_latest_agreement(queryset))

    @property
    def is_whole_side(self):
        """No filter but the default scope: the page everyone opens, whose totals may come from a snapshot."""
        narrowing = {key: value for key, value in self.data.items() if value and key not in ("page", "o")}
        return not narrowing or narrowing == {"scope": self.SCOPE_OWN}

    def with_latest_agreement(self, queryset):
        agreements = self.agreements
        latest = agreements.latest_with_partner(OuterRef("pk"), today=self.today)
        partners = queryset.party_to(agreements).with_agreement_count(
            agreements.in_force(self.today), name="agreements_in_force"
        )
        partners = partners.annotate(latest_agreement_id=Subquery(latest.values("pk")[:1]))
        order = (self.form.cleaned_data.get("o") or ["name"])[0].lstrip("-")
        if self.is_whole_side and order == "name" and not self.counting:
            # The rows show the latest agreement itself (read afterwards with its status) and the totals come
            # from the snapshot: three more correlated subqueries per partner would sort and filter nothing.
            return partners
        rank = Case(
            *(When(latest_status=status.value, then=Value(i)) for i, status in enumerate(STATUS_RANK)),
            output_field=IntegerField(),
        )
        return partners.annotate(
            latest_status=Subquery(latest.values("current_status")[:1]),
            latest_ends_on=Subquery(latest.values("ends_on")[:1]),
            latest_last_day=Subquery(latest.values("running_until")[:1]),
        ).annotate(latest_status_rank=rank)

    def filter_nothing(self, queryset, name, value):
        # The scope is applied in `with_latest_agreement`, where the annotations are built.
        return queryset

    def filter_q(self, queryset, name, value):
        return search_partners(queryset, value)

    def filter_ends_within(self, queryset, name, value):
        limit = self.today + timedelta(days=int(value))
        return queryset.filter(latest_last_day__lte=limit)
