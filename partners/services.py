"""Merging two directory entries of the same institution: a write across partners, contacts and the agreements'
parties, all or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partners.models import Partner, PartnerAlias


def merge_clashes(*, keep, merged):
    """The agreements a merge would break, as text: an agreement with both entries as parties (one party per
    agreement), or a party number `keep` already uses (numbers are unique per partner)."""
    both = merged.agreement_parties.filter(agreement__parties__partner=keep).select_related("agreement")
    kept_numbers = keep.agreement_parties.exclude(number="").values("number")
    numbers = merged.agreement_parties.filter(number__in=kept_numbers).select_related("agreement")
    clashes = [
        _("“%(agreement)s”: kedua mitra tercantum sebagai pihak") % {"agreement": party.agreement.subject}
        for party in both
    ]
    clashes += [
        _("“%(agreement)s”: nomor %(number)s sudah dipakai %(name)s")
        % {"agreement": party.agreement.subject, "number": party.number, "name": keep.name}
        for party in numbers
    ]
    return clashes


def merge_partners(*, keep, merged, curator):
    """Move every party (agreement) and contact of `merged` to `keep`, hang its branches and proposals under
    `keep` (pending ones declined: they described the other entry), keep its names as aliases of `keep`, then
    remove the entry. Each moved row is saved one by one so
    django-simple-history records the move. Refused, changing nothing, when the merge clashes (see
    `merge_clashes`); the signed names on the agreements stay as signed."""
    if keep.pk == merged.pk:
        raise ValidationError(_("Pilih dua mitra yang berbeda."))
    with transaction.atomic():
        keep, merged = (Partner.objects.select_for_update().get(pk=p.pk) for p in (keep, merged))
        clashes = merge_clashes(keep=keep, merged=merged)
        if clashes:
            raise ValidationError(
                _("Penggabungan ditolak karena bertabrakan pada perjanjian berikut: %(list)s.")
                % {"list": "; ".join(clashes)}
            )
        for party in merged.agreement_parties.select_related("agreement", "partner"):
            party.partner = keep
            party.save(keep_partner_name=True)
        for contact in merged.contacts.all():
            contact.partner = keep
            contact.save()
        for branch in merged.branches.exclude(pk=keep.pk):
            branch.parent = keep
            branch.save()
        if keep.parent_id == merged.pk:
            keep.parent = merged.parent
        for correction in merged.corrections.all():
            correction.partner = keep
            if correction.is_pending:
                correction.decline(curator=curator, note=_("Mitra digabung ke %(name)s.") % {"name": keep.name})
            else:
                correction.save()
        for alias in merged.aliases.all():
            alias.partner = keep
            alias.save()
        if not keep.aliases.filter(name=merged.name).exists():
            PartnerAlias.objects.create(partner=keep, name=merged.name)
        merged._change_reason = _("Digabung ke %(name)s") % {"name": keep.name}
        merged.delete()
        keep._change_reason = _("%(name)s digabung ke mitra ini") % {"name": merged.name}
        keep.save()
    return keep
