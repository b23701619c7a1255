"""An agreement's change history: the agreement itself and every row that belongs to it, in one timeline."""

from django.utils.translation import gettext as _

from agreements.models import AgreementDocument, AgreementParty
from partners.models import Partner
from programs.models import AgreementProgram, Program
from sinergi.history import history_entries, withdrawn_or


def agreement_history(agreement):
    """Who changed what and when: the agreement itself, its parties, programs and documents, newest first."""
    by_date = ("history_date", "history_id")
    own = agreement.history.select_related("history_user").order_by(*by_date)
    parties = list(
        AgreementParty.history.filter(agreement_id=agreement.pk).select_related("history_user").order_by(*by_date)
    )
    programs = list(
        AgreementProgram.history.filter(agreement_id=agreement.pk).select_related("history_user").order_by(*by_date)
    )
    documents = AgreementDocument.history.filter(agreement_id=agreement.pk).select_related("history_user")
    partner_names = dict(Partner.objects.filter(pk__in={r.partner_id for r in parties}).values_list("pk", "name"))
    program_names = dict(Program.objects.filter(pk__in={r.program_id for r in programs}).values_list("pk", "name"))

    agreement_texts = {
        "created": _("Perjanjian dicatat"),
        "changed": _("Perjanjian diubah"),
        "deleted": _("Perjanjian dihapus"),
    }
    party_texts = {
        "created": _("Pihak mitra ditambahkan: %(name)s"),
        "changed": _("Pihak mitra diubah: %(name)s"),
        "deleted": _("Pihak mitra dihapus: %(name)s"),
    }
    program_texts = {
        "created": _("Program ditambahkan: %(name)s"),
        "changed": _("Program diubah: %(name)s"),
        "deleted": _("Program dihapus: %(name)s"),
    }
    document_texts = {
        "created": _("Dokumen diunggah: %(name)s"),
        "changed": _("Dokumen diubah: %(name)s"),
        "deleted": _("Dokumen dihapus: %(name)s"),
        "withdrawn": _("Dokumen ditarik: %(name)s. Alasan: %(reason)s"),
    }

    def program_name(record):
        return f"{program_names.get(record.program_id, '?')} ({record.get_target_group_display()})"

    entries = [
        *history_entries(own, lambda record, action: agreement_texts[action]),
        *history_entries(
            parties,
            lambda r, action: party_texts[action] % {"name": r.partner_name or partner_names.get(r.partner_id, "?")},
        ),
        *history_entries(programs, lambda r, action: program_texts[action] % {"name": program_name(r)}),
        *history_entries(
            documents.order_by(*by_date),
            lambda r, action: (
                document_texts[withdrawn_or(action, r)]
                % {"name": r.title or r.original_name, "reason": r.withdrawal_reason}
            ),
        ),
    ]
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries
