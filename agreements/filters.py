"""The agreement register's filters: one FilterSet, every choice scoped to what the user may read."""

from datetime import timedelta

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agreements.forms import PartnerInput
from agreements.models import IN_FORCE_STATUSES, Agreement, AgreementParty, Status
from partners.models import Partner
from programs.models import AgreementProgram, Program, ProgramCategory
from units.models import Unit

FIRST_YEAR = 2000

# Status in the order an agreement lives through it, for sorting the status column.
STATUS_RANK = Case(
    *[When(current_status=status.value, then=Value(rank)) for rank, status in enumerate(Status)],
    output_field=IntegerField(),
)


def _descending_label(label):
    return _("%(field)s, urutan menurun") % {"field": label}


descending_label = lazy(_descending_label, str)


class TranslatedDescendingMixin:
    """django-filter writes "<label> (descending)" once, when the module is imported: in whatever language is
    active then, with a suffix it has no Indonesian for. These are worded like the register's ordering line
    and translated each time the form is shown."""

    def build_choices(self, fields, labels):
        descending = {f"-{param}": descending_label(labels.get(field, param)) for field, param in fields.items()}
        return super().build_choices(fields, {**descending, **labels})


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
        label=_("Status"), choices=Status.choices, method="filter_status", empty_label=_("Semua status")
    )
    partner = django_filters.CharFilter(
        label=pgettext_lazy("satu mitra", "Mitra"),
        method="filter_partner",
        widget=PartnerInput(attrs={"autocomplete": "off"}),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sektor mitra"), choices=Partner.Sector.choices, method="filter_sector", empty_label=_("Semua sektor")
    )
    program = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("satu program", "Program"),
        queryset=Program.objects.none(),
        method="filter_program",
        empty_label=_("Semua program"),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Kategori program"),
        queryset=ProgramCategory.objects.none(),
        method="filter_category",
        empty_label=_("Semua kategori"),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit pemilik"), queryset=Unit.objects.none(), empty_label=_("Semua unit")
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

    def __init__(self, data=None, queryset=None, *, request=None, show_unit=True, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = request.user
        self.today = timezone.localdate()
        self._show_partner_name()
        self.filters["dormant"].label = _("Tidak aktif (tanpa kegiatan %(days)s hari)") % {
            "days": settings.SINERGI_DORMANT_DAYS
        }
        self.filters["dormant"].extra["label_suffix"] = ""
        self.filters["program"].queryset = Program.objects.only("pk", "name")
        self.filters["category"].queryset = ProgramCategory.objects.all()
        if show_unit:
            units = Unit.objects.only("pk", "name")
            if user.visible_unit_ids is not None:
                units = units.filter(pk__in=user.visible_unit_ids)
            self.filters["unit"].queryset = units
        else:
            del self.filters["unit"]
            ordering = self.filters["o"]
            ordering.extra["choices"] = [c for c in ordering.extra["choices"] if c[0].lstrip("-") != "unit"]

    def filter_search(self, queryset, name, value):
        """Agreements where every word is in our number, the subject, or a party's number or partner's name."""
        words = value.split()
        if not words:
            return queryset
        # An OR of the agreement's own columns with an EXISTS over its parties can only be tested row by row, so
        # on a large unit every agreement was read. One word, the one most likely to be rare (a number, else the
        # longest), instead picks the candidate rows through indexes: the trigram indexes on PostgreSQL
        # (migration agreements 0006) for our number, the subject and party numbers, and for names the partners
        # first (a small table), then their parties. The other words are tested on those candidates only. A lead
        # word found in nearly every agreement (a subject word such as "kemandirian") makes this slower than the
        # plain scan (benchmarks/list_pages.py).
        lead = max(words, key=lambda word: (any(c.isdigit() for c in word), len(word)))
        scoped = queryset.order_by()
        partners = Partner.objects.filter(Q(name__icontains=lead) | Q(short_name__icontains=lead))
        lead_matches = (
            scoped.filter(Q(number__icontains=lead) | Q(subject__icontains=lead))
            .values("pk")
            .union(
                scoped.filter(parties__number__icontains=lead).values("pk"),
                scoped.filter(parties__partner__in=partners).values("pk"),
                all=True,
            )
        )
        queryset = queryset.filter(pk__in=lead_matches)
        words.remove(lead)
        for word in words:
            party_matches = AgreementParty.objects.filter(agreement=OuterRef("pk")).filter(
                Q(number__icontains=word) | Q(partner__name__icontains=word) | Q(partner__short_name__icontains=word)
            )
            queryset = queryset.filter(Q(number__icontains=word) | Q(subject__icontains=word) | Exists(party_matches))
        return queryset

    def filter_status(self, queryset, name, value):
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

    def filter_partner(self, queryset, name, value):
        """One partner when the name matches one (as picked from the suggestions), else any partner whose name
        contains the text."""
        partner = Partner.objects.similar_to(value).first()
        parties = AgreementParty.objects.filter(agreement=OuterRef("pk"))
        if partner is not None:
            parties = parties.filter(partner=partner)
        else:
            parties = parties.filter(partner__name__icontains=value.strip())
        return queryset.filter(Exists(parties))

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
        limit = self.today + timedelta(days=int(value))
        return queryset.having_status(*IN_FORCE_STATUSES, today=self.today).filter(
            Q(ends_on__lte=limit) | Q(terminated_on__lte=limit)
        )
