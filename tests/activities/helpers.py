"""What the activity tests share: the frozen day, a form's data, files to upload."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import IN_FORCE_STATUSES
from tests.factories import (
    ActivityEvidenceFactory,
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    ProgramFactory,
    png_bytes,
)

D = datetime.date
TODAY = D(2025, 6, 15)
GROUPS = ["narapidana", "tahanan", "anak_binaan", "klien", "petugas", "keluarga"]
LIST = reverse("programs:activity_list")


def days(n):
    return TODAY + datetime.timedelta(days=n)


def activity_data(agreement_program, **changes):
    data = {
        "agreement_program": agreement_program.pk,
        "starts_on": "2025-02-14",
        "ends_on": "",
        "title": "Bimbingan keagamaan: kajian rutin Februari",
        "place": "Masjid Rutan Blora",
        "facilitator_name": "Ahmad Sholeh",
        "facilitator_position": "Penyuluh Agama Islam",
        "narapidana": "25",
        "tahanan": "",
        "anak_binaan": "",
        "klien": "",
        "petugas": "",
        "keluarga": "",
        "summary": "Kajian tentang sabar dan syukur.",
    }
    data.update(changes)
    return data


def photo(name="foto-kajian.png"):
    return SimpleUploadedFile(name, png_bytes((64, 48)), content_type="image/png")


def create_url(agreement_program):
    return reverse("programs:activity_create", args=[agreement_program.pk])


def expected_dormant(agreement, activities, days_idle):
    """The rule, counted by hand: in force, in force for `days_idle` days already, and no activity carried out
    whose last day falls in the last `days_idle` days."""
    since = TODAY - datetime.timedelta(days=days_idle)
    if agreement.status_on(TODAY) not in IN_FORCE_STATUSES or agreement.effective_start > since:
        return False
    return not any(
        a.agreement_program.agreement_id == agreement.pk and a.cancelled_on is None and a.last_day >= since
        for a in activities
    )


def make_activities(count, units, bimbingan):
    for n in range(count):
        agreement = AgreementFactory(unit=units[n % len(units)], subject=f"Kerja sama {n}")
        AgreementPartyFactory(agreement=agreement)
        AgreementPartyFactory(agreement=agreement, order=1)
        item = AgreementProgramFactory(agreement=agreement, program=bimbingan if n % 2 else ProgramFactory())
        ActivityEvidenceFactory(activity=ActivityFactory(agreement_program=item, starts_on=D(2025, 1 + n % 5, 3)))
