"""Filter pieces about partners, for the directory and for every list of agreements or activities."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import pgettext_lazy

from partners.forms import PartnerInput
from partners.models import Partner


def search_partners(queryset, value):
    """Name, short name or region containing every word typed, in any order."""
    for word in value.split():
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(short_name__icontains=word)
            | Q(regency__icontains=word)
            | Q(province__icontains=word)
        )
    return queryset


class PartnerNameFilter(django_filters.CharFilter):
    """Rows with a partner typed by name: one partner when the name matches one (as picked from the
    suggestions), else any partner whose name contains the text. `agreement` is the path from the row to its
    agreement ("pk" for agreements themselves)."""

    def __init__(self, *args, agreement="pk", **kwargs):
        self.agreement = agreement
        kwargs.setdefault("label", pgettext_lazy("satu mitra", "Mitra"))
        kwargs.setdefault("widget", PartnerInput(attrs={"autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = " ".join((value or "").split())
        if not value:
            return qs
        partner = Partner.objects.similar_to(value).first()
        partners = Partner.objects.filter(agreement_parties__agreement=OuterRef(self.agreement))
        partners = partners.filter(pk=partner.pk) if partner else partners.filter(name__icontains=value)
        return qs.filter(Exists(partners))
