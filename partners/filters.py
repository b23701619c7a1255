"""Filter pieces about partners, for the directory and for every list of agreements or activities."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import pgettext_lazy

from partners.forms import PartnerInput
from partners.models import Partner


def search_partners(queryset, value):
    """Every word typed found in the name, short name, region or an alias, in any order, as the duplicate
    warning matches names (`PartnerQuerySet.matching`)."""
    return queryset.matching(value)


class PartnerNameFilter(django_filters.CharFilter):
    """Rows with a partner typed by name: one partner when the name matches one (as picked from the
    suggestions), else any partner the text finds (`PartnerQuerySet.matching`). `agreement` is the path from the
    row to its agreement ("pk" for agreements themselves)."""

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
        found = Partner.objects.filter(pk=partner.pk) if partner else Partner.objects.matching(value)
        partners = partners.filter(pk__in=found)
        return qs.filter(Exists(partners))
