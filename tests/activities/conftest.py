"""Fixtures of the activity tests. Time is frozen on 15 June 2025 (Jakarta) so "today", "the last 90 days" and
"not in the future" never move."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from partners.models import Partner
from programs.models import TargetGroup
from tests.activities.helpers import (
    GROUPS,
    TODAY,
    D,
    days,
)
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramCategoryFactory,
    ProgramFactory,
)


@pytest.fixture(autouse=True)
def today(settings):
    settings.SINERGI_ENDING_SOON_DAYS = 90
    settings.SINERGI_DORMANT_DAYS = 90
    with time_machine.travel(datetime.datetime(2025, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield TODAY


@pytest.fixture
def kemenag_blora():
    return PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora", sector=Partner.Sector.KEMENTERIAN_LEMBAGA)


@pytest.fixture
def bimbingan():
    return ProgramFactory(category=ProgramCategoryFactory(name="Pembinaan kepribadian"), name="Bimbingan keagamaan")


@pytest.fixture
def blora_pks(rutan_blora, kemenag_blora):
    agreement = AgreementFactory(
        unit=rutan_blora,
        subject="Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora",
        signed_on=D(2024, 12, 30),
        ends_on=D(2027, 12, 31),
    )
    AgreementPartyFactory(agreement=agreement, partner=kemenag_blora, signatory_name="Roziqun")
    return agreement


@pytest.fixture
def blora_bimbingan(blora_pks, bimbingan):
    return AgreementProgramFactory(
        agreement=blora_pks, program=bimbingan, target_group=TargetGroup.NARAPIDANA, target_participants=50
    )


@pytest.fixture
def kudus_activity(rutan_kudus):
    agreement = AgreementFactory(unit=rutan_kudus, subject="Layanan kesehatan warga binaan Rutan Kudus")
    return ActivityFactory(agreement_program__agreement=agreement, title="Pemeriksaan kesehatan Kudus")


@pytest.fixture
def varied(rutan_blora, rutan_kudus, bimbingan):
    """Two units, three agreement programs with different target groups, activities over several months, one
    of them cancelled, counts spread over every group."""
    blora = AgreementFactory(unit=rutan_blora, signed_on=D(2024, 12, 30))
    kudus = AgreementFactory(unit=rutan_kudus, signed_on=D(2025, 1, 10))
    training = ProgramFactory(name="Pelatihan petugas")
    programs = [
        AgreementProgramFactory(agreement=blora, program=bimbingan, target_participants=50),
        AgreementProgramFactory(agreement=blora, program=training, target_group=TargetGroup.PETUGAS),
        AgreementProgramFactory(agreement=kudus, program=bimbingan, target_group=TargetGroup.TAHANAN),
    ]
    activities = []
    for n in range(18):
        counts = {group: (n * (i + 3)) % 7 for i, group in enumerate(GROUPS)}
        counts["narapidana"] += 1  # never an activity without participants
        activities.append(
            ActivityFactory(
                agreement_program=programs[n % 3],
                starts_on=D(2025, 1 + n % 5, 1 + n),
                cancelled_on=TODAY if n % 7 == 3 else None,
                cancellation_reason="Salah catat" if n % 7 == 3 else "",
                **counts,
            )
        )
    return {"programs": programs, "activities": activities}


@pytest.fixture
def agreements_with_and_without_activities(rutan_blora):
    def agreement(**fields):
        item = AgreementProgramFactory(agreement=AgreementFactory(unit=rutan_blora, **fields))
        return item

    cases = {
        "idle": agreement(signed_on=D(2024, 1, 5)),
        "recent": agreement(signed_on=D(2024, 1, 5)),
        "old_only": agreement(signed_on=D(2024, 1, 5)),
        "cancelled_recent": agreement(signed_on=D(2024, 1, 5)),
        "exactly_90_days_ago": agreement(signed_on=D(2024, 1, 5)),
        "91_days_ago": agreement(signed_on=D(2024, 1, 5)),
        "long_activity_ending_recently": agreement(signed_on=D(2024, 1, 5)),
        "young": agreement(signed_on=days(-30)),
        "started_late": agreement(signed_on=D(2024, 1, 5), starts_on=days(-60)),
        "ending_soon_idle": agreement(signed_on=D(2023, 1, 5), ends_on=days(30)),
        "ended": agreement(signed_on=D(2023, 1, 5), ends_on=days(-1)),
        "terminated": agreement(signed_on=D(2024, 1, 5), terminated_on=days(-10), termination_reason="Mitra mundur"),
        "draft": agreement(signed_on=None, our_signatory_name=""),
        "not_yet": agreement(signed_on=days(-5), starts_on=days(10)),
    }
    activities = [
        ActivityFactory(agreement_program=cases["recent"], starts_on=days(-10)),
        ActivityFactory(agreement_program=cases["old_only"], starts_on=days(-200)),
        ActivityFactory(
            agreement_program=cases["cancelled_recent"],
            starts_on=days(-5),
            cancelled_on=TODAY,
            cancellation_reason="Salah catat",
        ),
        ActivityFactory(agreement_program=cases["exactly_90_days_ago"], starts_on=days(-90)),
        ActivityFactory(agreement_program=cases["91_days_ago"], starts_on=days(-91)),
        ActivityFactory(
            agreement_program=cases["long_activity_ending_recently"], starts_on=days(-120), ends_on=days(-80)
        ),
        ActivityFactory(agreement_program=cases["ended"], starts_on=days(-400)),
    ]
    return {name: item.agreement for name, item in cases.items()}, activities
