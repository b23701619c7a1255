"""The agreements app's models, one module per record (re-exported here: `from agreements.models import ...`)."""

from agreements.cascade import FollowUp, FollowUpState, SigningEvent, SigningEventFile
from agreements.models.agreement import Agreement
from agreements.models.documents import AgreementDocument, document_upload_to
from agreements.models.parties import AgreementParty
from agreements.models.queries import AgreementQuerySet
from agreements.models.status import (
    EARLIEST_SIGNING_DATE,
    IN_FORCE_STATUSES,
    Status,
    ending_soon_days,
    last_day_in_force_by,
    last_day_in_force_expression,
    status_condition,
    validate_signing_date,
)
from agreements.models.tally import UnitTally
from agreements.verification import VerificationState, VerificationStep

__all__ = [
    "EARLIEST_SIGNING_DATE",
    "IN_FORCE_STATUSES",
    "Agreement",
    "AgreementDocument",
    "AgreementParty",
    "AgreementQuerySet",
    "FollowUp",
    "FollowUpState",
    "SigningEvent",
    "SigningEventFile",
    "Status",
    "UnitTally",
    "VerificationState",
    "VerificationStep",
    "document_upload_to",
    "ending_soon_days",
    "last_day_in_force_by",
    "last_day_in_force_expression",
    "status_condition",
    "validate_signing_date",
]
