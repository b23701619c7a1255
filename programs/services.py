"""Writes that span an activity and its evidence files: all of it is saved, or none."""

from django.db import transaction

from programs.evidence import CheckedUpload, make_thumbnail
from programs.models import Activity, ActivityEvidence
from sinergi.concurrency import claim_version


def save_activity(*, form, user) -> Activity:
    """Save a valid `ActivityForm` (a new activity or changes to one) with the evidence files it carries."""
    with transaction.atomic():
        activity = form.save(commit=False)
        claim_version(activity, form.cleaned_data.get("version"))  # StaleEdit: saved by someone else meanwhile
        if activity.pk is None:
            activity.created_by = user
            # The unit that carried it out; an administrator (no unit) logs for the agreement's unit.
            activity.unit_id = user.unit_id or activity.agreement_program.agreement.unit_id
        activity.save()
        add_evidence(activity=activity, uploads=form.cleaned_data.get("evidence") or [], user=user)
    return activity


def add_evidence(*, activity: Activity, uploads: list[CheckedUpload], user) -> list[ActivityEvidence]:
    """Store checked uploads under `activity`, each photo with its thumbnail. Names on disk are random and the
    extension follows the content, never the name the file came with."""
    saved = []
    for checked in uploads:
        evidence = ActivityEvidence(
            activity=activity, kind=checked.kind, original_name=checked.original_name, uploaded_by=user
        )
        evidence._history_user = user  # outside a request (demo data, scripts) too
        evidence.file.save(f"bukti.{checked.extension}", checked.upload, save=False)
        if checked.kind == ActivityEvidence.Kind.PHOTO:
            evidence.thumbnail.save("thumb.jpg", make_thumbnail(checked.upload), save=False)
        evidence.save()
        saved.append(evidence)
    return saved
