"""Writes that span an agreement and the rows that belong to it: all of it is saved, or none."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from agreements.models import Agreement, AgreementDocument, FollowUp, FollowUpState, SigningEvent, SigningEventFile
from programs.models import AgreementProgram


def save_agreement(*, form, formsets, user) -> Agreement:
    """Save a valid `AgreementForm` with its valid inline formsets (parties, programs) and the signed scan the
    form carries, in one transaction."""
    with transaction.atomic():
        agreement = form.save(commit=False)
        if agreement.pk is None:
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
    return agreement


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
