"""Writes that span an agreement and the rows that belong to it: all of it is saved, or none."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    FollowUp,
    FollowUpState,
    SigningEvent,
    SigningEventFile,
)
from agreements.verification import (
    KEY_FIELDS,
    VerificationState,
    VerificationStep,
    batch_recorded,
    step_recorded,
)
from programs.models import AgreementProgram
from sinergi.concurrency import claim_version


def save_agreement(*, form, formsets, user) -> Agreement:
    """Save a valid `AgreementForm` with its valid inline formsets (parties, programs) and the signed scan the
    form carries, in one transaction. A new agreement, or a change to a verified one's key facts, goes to the
    unit's head for verification (`changes_need_verification`)."""
    with transaction.atomic():
        agreement = form.save(commit=False)
        claim_version(agreement, form.cleaned_data.get("version"))  # StaleEdit: saved by someone else meanwhile
        created = agreement.pk is None
        if created:
            agreement.created_by = user
        agreement.save()
        for formset in formsets:
            formset.instance = agreement
            formset.save()
        advance_follow_up(agreement, user=user)
        scan = form.cleaned_data.get("scan")
        if scan:
            AgreementDocument.objects.create(
                agreement=agreement,
                kind=AgreementDocument.Kind.SIGNED_SCAN,
                file=scan,
                original_name=scan.name[:255],
                uploaded_by=user,
            )
        changed = set(form.changed_data) & KEY_FIELDS
        if any(formset.model is AgreementParty and formset.has_changed() for formset in formsets):
            changed.add("parties")
        if scan:
            changed.add("scan")
        changes_need_verification(agreement, user=user, created=created, changed=changed)
    return agreement


CHANGED_LABELS = {
    "parties": gettext_lazy("para pihak"),
    "scan": gettext_lazy("pindaian naskah"),
}


def changes_need_verification(agreement, *, user, created=False, changed=()):
    """After `user` saved `agreement`: a new one, or a draft or a returned one, is submitted to the head; a
    verified one goes back to the head only when key facts (`KEY_FIELDS`, parties, signed scan) changed."""
    state = agreement.verification_state
    if state == VerificationState.SUBMITTED:
        return
    if state == VerificationState.VERIFIED and not changed:
        return
    note = ""
    if state == VerificationState.VERIFIED and not created:
        names = [str(CHANGED_LABELS.get(name) or Agreement._meta.get_field(name).verbose_name) for name in changed]
        note = _("Diubah: %(fields)s.") % {"fields": ", ".join(sorted(names))}
    record_step(agreement, action=VerificationStep.Action.SUBMITTED, user=user, note=note)


def record_step(agreement, *, action, user, note=""):
    """Log one step and move the agreement to the state it leads to. Listeners (notifications) are told inside
    the same transaction: the step and what it tells people are saved together or not at all."""
    with transaction.atomic():
        step = VerificationStep.objects.create(agreement=agreement, action=action, actor=user, note=note.strip())
        # A plain update: the step is the record of this change, the agreement's own history stays about its facts.
        Agreement.objects.filter(pk=agreement.pk).update(verification_state=action)
        agreement.verification_state = action
        step_recorded.send(sender=VerificationStep, step=step)
    return step


def submit_agreement(*, agreement, user, note=""):
    """The operator sends a draft or returned agreement (back) to the head."""
    if not user.can_edit_unit_records(agreement.unit_id):
        raise PermissionDenied
    if agreement.verification_state not in (VerificationState.DRAFT, VerificationState.RETURNED):
        raise ValidationError(_("Perjanjian ini tidak sedang menunggu untuk diajukan."))
    return record_step(agreement, action=VerificationStep.Action.SUBMITTED, user=user, note=note)


def return_agreement(*, agreement, user, note):
    """The head sends a submitted agreement back to the operators, saying what to correct."""
    _check_head(agreement, user)
    if not note.strip():
        raise ValidationError({"note": _("Tuliskan apa yang perlu diperbaiki.")})
    return record_step(agreement, action=VerificationStep.Action.RETURNED, user=user, note=note)


def verify_agreement(*, agreement, user, note=""):
    """The head vouches for a submitted agreement."""
    _check_head(agreement, user)
    return record_step(agreement, action=VerificationStep.Action.VERIFIED, user=user, note=note)


def verify_batch(agreements, user, note="", link=""):
    """Verify in one step every agreement of `agreements` (a list or a queryset) not yet verified (a signing
    event's, an import batch): all of them or, when `user` does not head one of their units, none
    (PermissionDenied). Returns how many."""
    pending = batch_of(agreements).unverified()
    if not all(user.can_verify_unit_records(unit_id) for unit_id in unit_ids(pending)):
        raise PermissionDenied
    return record_batch(pending, action=VerificationStep.Action.VERIFIED, user=user, note=note, link=link)


def submit_batch(agreements, *, user, note="", link=""):
    """Send every agreement of `agreements` not yet verified to its unit's head at once (an import): one step each,
    one message to each head. Returns how many."""
    pending = batch_of(agreements).unverified()
    if not all(user.can_edit_unit_records(unit_id) for unit_id in unit_ids(pending)):
        raise PermissionDenied
    return record_batch(pending, action=VerificationStep.Action.SUBMITTED, user=user, note=note, link=link)


def unit_ids(agreements):
    return set(agreements.order_by().values_list("unit_id", flat=True).distinct())


def batch_of(agreements):
    if isinstance(agreements, QuerySet):
        return Agreement.objects.filter(pk__in=agreements.values("pk"))
    return Agreement.objects.filter(pk__in=[agreement.pk for agreement in agreements])


def record_batch(agreements, *, action, user, note="", link=""):
    """`record_step` for many agreements in a few statements, however many they are, and one `batch_recorded`
    signal instead of one `step_recorded` per agreement."""
    with transaction.atomic():
        pks = list(agreements.select_for_update().values_list("pk", flat=True))
        VerificationStep.objects.bulk_create(
            [VerificationStep(agreement_id=pk, action=action, actor=user, note=note.strip()) for pk in pks],
            batch_size=1000,
        )
        agreements.exclude(verification_state=action).update(verification_state=action)
        # Named by id: the state just changed, so what chose them may no longer match.
        batch = Agreement.objects.filter(pk__in=pks)
        if pks:
            batch_recorded.send(
                sender=VerificationStep, action=action, agreements=batch, actor=user, note=note.strip(), link=link
            )
    return len(pks)


def _check_head(agreement, user):
    if not user.can_verify_unit_records(agreement.unit_id):
        raise PermissionDenied
    if agreement.verification_state != VerificationState.SUBMITTED:
        raise ValidationError(_("Perjanjian ini tidak sedang menunggu verifikasi."))


def advance_follow_up(agreement: Agreement, *, user) -> None:
    """A local agreement under a national one moves the unit's follow-up along: a draft means it is planned, a
    signed one that it is running. A follow-up further along (or not relevant) is left as the unit set it."""
    if not agreement.parent_id:
        return
    target = FollowUpState.RUNNING if agreement.signed_on else FollowUpState.PLANNED
    earlier = [FollowUpState.NOT_STARTED] + ([FollowUpState.PLANNED] if target == FollowUpState.RUNNING else [])
    item = FollowUp.objects.filter(agreement_id=agreement.parent_id, unit_id=agreement.unit_id, state__in=earlier)
    for follow_up in item:
        follow_up.state = target
        follow_up._history_user = user
        follow_up.save()


def cascade_follow_ups(*, agreement: Agreement, units, user) -> list[FollowUp]:
    """Ask `units` to follow `agreement` up: one follow-up per unit that has none yet, written as ONE bulk insert
    with its history rows (700 UPT are 2 queries, not 700 saves). Units already asked keep their state."""
    asked = set(agreement.follow_ups.values_list("unit_id", flat=True))
    new = [FollowUp(agreement=agreement, unit_id=unit_id) for unit_id in units if unit_id not in asked]
    with transaction.atomic():
        return bulk_create_with_history(new, FollowUp, default_user=user, default_change_reason="cascade")


def save_ceremony(*, event_form, rows, user) -> SigningEvent:
    """Save a valid ceremony: the event, its files and, for each row, an agreement signed at it with its partner
    and programs. All of it, or none."""
    with transaction.atomic():
        event = event_form.save(commit=False)
        event.unit_id, event.created_by = user.unit_id, user
        event.save()
        for checked in event_form.cleaned_data.get("files") or []:
            stored = SigningEventFile(event=event, original_name=checked.original_name)
            stored.file.save(f"berkas.{checked.extension}", checked.upload, save=False)
            stored.save()
        for row in rows:
            agreement = row.agreement_for(event)
            agreement.created_by = user
            agreement.save()
            party = row.party_for(agreement)
            party.save()
            for program in row.cleaned_data.get("programs") or []:
                AgreementProgram.objects.create(
                    agreement=agreement, program=program, target_group=row.cleaned_data["target_group"]
                )
    return event
