"""The programs app's models, one module per record (re-exported here: `from programs.models import ...`)."""

from programs.models.activities import (
    Activity,
    ActivityQuerySet,
    activity_totals,
    participant_field,
)
from programs.models.agreement_programs import (
    AgreementProgram,
    AgreementProgramQuerySet,
)
from programs.models.catalogue import (
    Program,
    ProgramCategory,
    ProgramQuerySet,
)
from programs.models.evidence import (
    ActivityEvidence,
    EvidenceQuerySet,
    current_evidence,
    evidence_upload_to,
)
from programs.models.participants import (
    PARTICIPANT_GROUPS,
    PARTICIPANTS_CEILING,
    WARGA_BINAAN_GROUPS,
    TargetGroup,
    achievement_groups,
    participants_sum,
    validate_participant_count,
)
from programs.models.tally import ActivityTally

__all__ = [
    "ActivityTally",
    "Activity",
    "ActivityEvidence",
    "ActivityQuerySet",
    "AgreementProgram",
    "AgreementProgramQuerySet",
    "EvidenceQuerySet",
    "PARTICIPANTS_CEILING",
    "PARTICIPANT_GROUPS",
    "Program",
    "ProgramCategory",
    "ProgramQuerySet",
    "TargetGroup",
    "WARGA_BINAAN_GROUPS",
    "achievement_groups",
    "activity_totals",
    "current_evidence",
    "evidence_upload_to",
    "participant_field",
    "participants_sum",
    "validate_participant_count",
]
