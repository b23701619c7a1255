"""A partner's change history as its page shows it: the entry itself, its contacts, its other names and the
decisions on proposed corrections, with who made each change and for which unit."""

from django.utils.translation import gettext as _

from partners.models import Contact, PartnerAlias, PartnerCorrection
from sinergi.history import history_entries

BY_DATE = ("history_date", "history_id")


def partner_history(partner):
    """Every change to `partner`'s entry, newest first: [{when, who, unit, text, changes, reason}]."""
    own = partner.history.select_related("history_user__unit").order_by(*BY_DATE)
    contacts = Contact.history.filter(partner_id=partner.pk).select_related("history_user__unit").order_by(*BY_DATE)
    aliases = PartnerAlias.history.filter(partner_id=partner.pk).select_related("history_user__unit").order_by(*BY_DATE)
    corrections = (
        PartnerCorrection.history.filter(partner_id=partner.pk)
        .select_related("history_user__unit", "unit")
        .order_by(*BY_DATE)
    )
    partner_texts = {
        "created": _("Mitra didaftarkan"),
        "changed": _("Data mitra diubah"),
        "deleted": _("Mitra dihapus"),
    }
    contact_texts = {
        "created": _("Narahubung ditambahkan: %(name)s"),
        "changed": _("Narahubung diubah: %(name)s"),
        "deleted": _("Narahubung dihapus: %(name)s"),
    }
    alias_texts = {
        "created": _("Nama lain dicatat: %(name)s"),
        "changed": _("Nama lain diubah: %(name)s"),
        "deleted": _("Nama lain dihapus: %(name)s"),
    }
    correction_texts = {
        PartnerCorrection.State.PENDING: _("Usulan perbaikan diajukan oleh %(unit)s"),
        PartnerCorrection.State.ACCEPTED: _("Usulan perbaikan dari %(unit)s diterima"),
        PartnerCorrection.State.DECLINED: _("Usulan perbaikan dari %(unit)s ditolak"),
    }

    def correction_text(record, action):
        return correction_texts[record.state] % {"unit": record.unit}

    entries = [
        *history_entries(own, lambda record, action: partner_texts[action]),
        *history_entries(contacts, lambda record, action: contact_texts[action] % {"name": record.name}),
        *history_entries(aliases, lambda record, action: alias_texts[action] % {"name": record.name}),
        *history_entries(corrections, correction_text),
    ]
    for entry in entries:
        entry["unit"] = entry["who"].unit if entry["who"] is not None else None
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries
