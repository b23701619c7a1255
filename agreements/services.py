"""Writes that span an agreement and the rows that belong to it: all of it is saved, or none."""

from django.db import transaction

from agreements.models import Agreement, AgreementDocument
from sinergi.concurrency import claim_version


def save_agreement(*, form, formsets, user) -> Agreement:
    """Save a valid `AgreementForm` with its valid inline formsets (parties, programs) and the signed scan the
    form carries, in one transaction."""
    with transaction.atomic():
        agreement = form.save(commit=False)
        claim_version(agreement, form.cleaned_data.get("version"))  # StaleEdit: saved by someone else meanwhile
        if agreement.pk is None:
            agreement.created_by = user
        agreement.save()
        for formset in formsets:
            formset.instance = agreement
            formset.save()
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
