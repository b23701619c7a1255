"""What was actually done under an agreement: staff log activities with participants and evidence, heads and
Kanwil read the totals, and agreements that produce nothing show up as "tidak aktif".

Time is frozen on 15 June 2025 (Jakarta) so "today", "the last 90 days" and "not in the future" never move.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import IN_FORCE_STATUSES, Agreement
from partners.models import Partner
from programs.models import WARGA_BINAAN_GROUPS, Activity, ActivityEvidence, TargetGroup
from tests.factories import (
    ActivityEvidenceFactory,
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramCategoryFactory,
    ProgramFactory,
    png_bytes,
)
from tests.pdftext import blank_pdf

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2025, 6, 15)
GROUPS = ["narapidana", "tahanan", "anak_binaan", "klien", "petugas", "keluarga"]
LIST = reverse("programs:activity_list")


@pytest.fixture(autouse=True)
def today(settings):
    settings.SINERGI_ENDING_SOON_DAYS = 90
    settings.SINERGI_DORMANT_DAYS = 90
    with time_machine.travel(datetime.datetime(2025, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield TODAY


def days(n):
    return TODAY + datetime.timedelta(days=n)


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


# ----- totals and progress: the database against a count made here ------------------------------------------


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


def test_totals_match_an_independent_count(varied, operator_kanwil_jateng, operator_blora):
    done = [a for a in varied["activities"] if a.cancelled_on is None]
    totals = Activity.objects.all().totals()
    assert totals["activities"] == len(done)
    assert totals["participants"] == sum(getattr(a, g) for a in done for g in GROUPS)
    assert totals["warga_binaan"] == sum(getattr(a, g) for a in done for g in WARGA_BINAAN_GROUPS)

    february = Activity.objects.filter(starts_on__year=2025, starts_on__month=2).totals()
    in_february = [a for a in done if a.starts_on.month == 2]
    assert february["activities"] == len(in_february)
    assert february["participants"] == sum(a.participants_total for a in in_february)

    # Blora's operator reads Blora's activities only; its Kanwil reads both UPTs'.
    blora_done = [a for a in done if a.agreement_program.agreement.unit_id == operator_blora.unit_id]
    assert Activity.objects.for_user(operator_blora).totals()["activities"] == len(blora_done)
    assert Activity.objects.for_user(operator_kanwil_jateng).totals()["activities"] == len(done)


def test_program_progress_matches_an_independent_count(varied):
    done = [a for a in varied["activities"] if a.cancelled_on is None]
    for item in varied["programs"]:
        annotated = type(item).objects.with_progress().get(pk=item.pk)
        mine = [a for a in done if a.agreement_program_id == item.pk]
        assert annotated.activity_count == len(mine)
        assert annotated.participant_count == sum(a.participants_total for a in mine)
        if item.target_group == TargetGroup.PETUGAS:
            assert annotated.achieved == max((a.petugas for a in mine), default=0)
            assert annotated.achievement_label == "petugas"
        else:
            # A Rutan's program for narapidana (or tahanan) counts every warga binaan who took part, at the
            # largest turnout: head counts of repeated sessions cannot be added up into people reached.
            assert annotated.achieved == max((a.warga_binaan_total for a in mine), default=0)
            assert annotated.achievement_label == "warga binaan"


def test_a_program_without_activities_has_zero_not_none(blora_bimbingan):
    item = type(blora_bimbingan).objects.with_progress().get(pk=blora_bimbingan.pk)
    assert (item.activity_count, item.participant_count, item.achieved) == (0, 0, 0)


# ----- dormant agreements ------------------------------------------------------------------------------------


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


@pytest.mark.parametrize("days_idle", [90, 30, 365])
def test_dormant_flag_matches_an_independent_count(settings, agreements_with_and_without_activities, days_idle):
    settings.SINERGI_DORMANT_DAYS = days_idle
    agreements, activities = agreements_with_and_without_activities
    expected = {a.pk for a in agreements.values() if expected_dormant(a, activities, days_idle)}

    assert set(Agreement.objects.dormant().values_list("pk", flat=True)) == expected
    flags = dict(Agreement.objects.with_dormancy().values_list("pk", "is_dormant"))
    assert {pk for pk, flag in flags.items() if flag} == expected
    if days_idle == 90:
        names = {name for name, a in agreements.items() if a.pk in expected}
        assert names == {"idle", "old_only", "cancelled_recent", "91_days_ago", "ending_soon_idle"}


def test_last_activity_ignores_cancelled_ones(agreements_with_and_without_activities):
    agreements, _ = agreements_with_and_without_activities
    last = dict(Agreement.objects.with_last_activity().values_list("pk", "last_activity_on"))
    assert last[agreements["recent"].pk] == days(-10)
    assert last[agreements["long_activity_ending_recently"].pk] == days(-80)
    assert last[agreements["cancelled_recent"].pk] is None
    assert last[agreements["idle"].pk] is None


def test_agreement_list_tags_and_filters_dormant_agreements(client, operator_blora, rutan_blora):
    idle = AgreementFactory(unit=rutan_blora, subject="Kerja sama di atas kertas", signed_on=D(2024, 1, 5))
    AgreementProgramFactory(agreement=idle)
    busy = AgreementFactory(unit=rutan_blora, subject="Kerja sama yang berjalan", signed_on=D(2024, 1, 5))
    ActivityFactory(agreement_program__agreement=busy, starts_on=days(-3))
    client.force_login(operator_blora)

    html = client.get(reverse("agreements:list")).content.decode()
    rows = {subject: html.split(subject, 1)[1].split("</tr>", 1)[0] for subject in (idle.subject, busy.subject)}
    assert "tidak aktif" in rows[idle.subject]
    assert "tidak aktif" not in rows[busy.subject]
    assert "Tidak aktif (tanpa kegiatan 90 hari)" in html

    filtered = client.get(reverse("agreements:list"), {"dormant": "on"}).content.decode()
    assert idle.subject in filtered
    assert busy.subject not in filtered


def test_agreement_list_queries_do_not_grow_with_dormancy(client, operator_blora, rutan_blora):
    def make(count):
        for n in range(count):
            agreement = AgreementFactory(unit=rutan_blora, subject=f"Kerja sama {n}", signed_on=D(2024, 1, 5))
            AgreementPartyFactory(agreement=agreement)
            if n % 2:
                ActivityFactory(agreement_program__agreement=agreement, starts_on=days(-n))

    client.force_login(operator_blora)
    make(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("agreements:list"), {"dormant": "on"}).status_code == 200
    make(30)
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("agreements:list"), {"dormant": "on"}).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert "tidak aktif" in html


# ----- the agreement's page ----------------------------------------------------------------------------------


def test_agreement_page_shows_timeline_and_progress(client, operator_blora, blora_bimbingan):
    ActivityFactory(agreement_program=blora_bimbingan, narapidana=20, tahanan=5, petugas=2, title="Kajian Februari")
    ActivityFactory(agreement_program=blora_bimbingan, narapidana=29, starts_on=D(2025, 3, 7), title="Kajian Maret")
    ActivityFactory(
        agreement_program=blora_bimbingan,
        narapidana=45,
        title="Kajian batal",
        cancelled_on=TODAY,
        cancellation_reason="Salah catat",
    )
    client.force_login(operator_blora)
    html = client.get(reverse("agreements:detail", args=[blora_bimbingan.agreement_id])).content.decode()

    # The largest turnout of warga binaan (20 + 5 in February, 29 in March); petugas and the cancelled one do not count.
    assert "29 dari 50 warga binaan" in html
    assert "Kajian Februari" in html
    assert "Kajian Maret" in html
    assert "Kajian batal" not in html
    assert "2 kegiatan terlaksana dengan 56 peserta" in html
    assert create_url(blora_bimbingan) in html


def test_kepala_reads_the_timeline_but_gets_no_log_button(client, kepala_blora, blora_bimbingan):
    ActivityFactory(agreement_program=blora_bimbingan, title="Kajian Februari")
    client.force_login(kepala_blora)
    html = client.get(reverse("agreements:detail", args=[blora_bimbingan.agreement_id])).content.decode()
    assert "Kajian Februari" in html
    assert "Catat kegiatan" not in html
    assert create_url(blora_bimbingan) not in html


def test_agreement_page_says_when_the_agreement_is_dormant(client, operator_blora, blora_bimbingan):
    client.force_login(operator_blora)
    url = reverse("agreements:detail", args=[blora_bimbingan.agreement_id])
    assert "tidak ada kegiatan tercatat dalam 90 hari terakhir" in client.get(url).content.decode()
    ActivityFactory(agreement_program=blora_bimbingan, starts_on=days(-2))
    assert "tidak ada kegiatan tercatat dalam 90 hari terakhir" not in client.get(url).content.decode()


# ----- logging an activity -----------------------------------------------------------------------------------


def test_operator_logs_an_activity_with_a_photo(client, operator_blora, blora_bimbingan):
    client.force_login(operator_blora)
    response = client.post(create_url(blora_bimbingan), activity_data(blora_bimbingan, evidence=[photo()]))

    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("programs:activity_detail", args=[activity.pk])
    assert (activity.title, activity.narapidana, activity.participants_total) == (
        "Bimbingan keagamaan: kajian rutin Februari",
        25,
        25,
    )
    assert activity.created_by == operator_blora
    evidence = activity.evidence.get()
    assert evidence.kind == ActivityEvidence.Kind.PHOTO
    assert evidence.original_name == "foto-kajian.png"
    assert evidence.file.name.endswith(".png")
    assert "foto-kajian" not in evidence.file.name  # stored under a random name
    assert evidence.thumbnail

    record = activity.history.get()
    assert (record.history_type, record.history_user) == ("+", operator_blora)
    assert evidence.history.get().history_user == operator_blora

    page = client.get(response.url).content.decode()
    assert "Bimbingan keagamaan: kajian rutin Februari" in page
    assert reverse("programs:evidence_thumbnail", args=[evidence.pk]) in page
    assert "Kegiatan dicatat" in page


def test_photo_location_and_device_metadata_are_not_kept(client, operator_blora, blora_bimbingan):
    from io import BytesIO

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    exif[0x8825] = {1: "S", 2: (6.0, 58.0, 12.0)}  # GPS: somewhere in Blora
    buffer = BytesIO()
    Image.new("RGB", (80, 60), "navy").save(buffer, format="JPEG", exif=exif)
    assert b"KameraPonsel" in buffer.getvalue()
    upload = SimpleUploadedFile("kajian.jpg", buffer.getvalue(), content_type="image/jpeg")

    client.force_login(operator_blora)
    client.post(create_url(blora_bimbingan), activity_data(blora_bimbingan, evidence=[upload]))

    stored = ActivityEvidence.objects.get().file.read()
    assert stored.startswith(b"\xff\xd8")
    assert b"KameraPonsel" not in stored
    assert not Image.open(BytesIO(stored)).getexif()


def test_evidence_is_served_by_content_through_the_checked_view(client, operator_blora, kanwil_jateng, blora_bimbingan):
    client.force_login(operator_blora)
    client.post(create_url(blora_bimbingan), activity_data(blora_bimbingan, evidence=[photo()]))
    evidence = ActivityEvidence.objects.get()

    download = client.get(reverse("programs:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert "foto-kajian.png" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")

    thumbnail = client.get(reverse("programs:evidence_thumbnail", args=[evidence.pk]))
    assert thumbnail.status_code == 200
    assert thumbnail["Content-Type"] == "image/jpeg"
    assert b"".join(thumbnail.streaming_content).startswith(b"\xff\xd8")


def test_a_renamed_text_file_is_refused_and_the_form_keeps_its_values(client, operator_blora, blora_bimbingan):
    client.force_login(operator_blora)
    fake = SimpleUploadedFile("daftar-hadir.jpg", b"ini bukan foto, hanya teks biasa\n" * 20, content_type="image/jpeg")
    response = client.post(
        create_url(blora_bimbingan), activity_data(blora_bimbingan, title="Kajian dengan berkas palsu", evidence=[fake])
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert not Activity.objects.exists()
    assert "Berkas “daftar-hadir.jpg” bukan foto JPEG/PNG atau PDF." in html
    assert 'value="Kajian dengan berkas palsu"' in html
    assert 'value="25"' in html
    assert 'value="Ahmad Sholeh"' in html


def test_a_pdf_is_accepted_and_a_too_large_file_refused(client, settings, operator_blora, blora_bimbingan):
    client.force_login(operator_blora)
    pdf = SimpleUploadedFile("daftar-hadir.pdf", blank_pdf(), content_type="application/pdf")
    client.post(create_url(blora_bimbingan), activity_data(blora_bimbingan, evidence=[pdf, photo()]))
    kinds = sorted(ActivityEvidence.objects.values_list("kind", flat=True))
    assert kinds == ["pdf", "photo"]
    pdf_evidence = ActivityEvidence.objects.get(kind="pdf")
    assert not pdf_evidence.thumbnail
    assert client.get(reverse("programs:evidence_thumbnail", args=[pdf_evidence.pk])).status_code == 404
    download = client.get(reverse("programs:evidence_download", args=[pdf_evidence.pk]))
    assert download["Content-Type"] == "application/pdf"

    settings.SINERGI_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("besar.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    html = client.post(create_url(blora_bimbingan), activity_data(blora_bimbingan, evidence=[big])).content.decode()
    assert "Berkas “besar.pdf” terlalu besar" in html
    assert Activity.objects.count() == 1


def test_participants_and_dates_are_checked(client, operator_blora, blora_bimbingan):
    client.force_login(operator_blora)
    url = create_url(blora_bimbingan)

    html = client.post(url, activity_data(blora_bimbingan, narapidana="")).content.decode()
    assert "Isi jumlah peserta, sekurang-kurangnya satu kelompok." in html

    html = client.post(url, activity_data(blora_bimbingan, starts_on="2025-06-16")).content.decode()
    assert "tanggal tidak boleh setelah hari ini (15 Juni 2025)" in html

    html = client.post(url, activity_data(blora_bimbingan, starts_on="2024-12-20")).content.decode()
    assert "sebelum perjanjian mulai berlaku (30 Desember 2024)" in html

    html = client.post(url, activity_data(blora_bimbingan, ends_on="2025-02-10")).content.decode()
    assert "Tanggal selesai kegiatan tidak boleh sebelum tanggal mulainya." in html

    html = client.post(url, activity_data(blora_bimbingan, narapidana="-3")).content.decode()
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 0." in html
    assert not Activity.objects.exists()


def test_facilitator_is_prefilled_from_the_previous_activity(client, operator_blora, blora_pks, blora_bimbingan):
    rohani = AgreementProgramFactory(agreement=blora_pks, program=ProgramFactory(name="Pelatihan rohani"))
    ActivityFactory(
        agreement_program=blora_bimbingan,
        starts_on=D(2025, 1, 20),
        facilitator_name="Siti Maemunah",
        facilitator_position="Penyuluh Agama Islam",
    )
    ActivityFactory(agreement_program=blora_bimbingan, starts_on=D(2025, 3, 20), facilitator_name="Ahmad Sholeh")
    # Another agreement with the same partner: its facilitator is suggested too.
    other = AgreementFactory(unit=blora_pks.unit, signed_on=D(2024, 6, 1))
    AgreementPartyFactory(agreement=other, partner=blora_pks.parties.get().partner)
    ActivityFactory(agreement_program__agreement=other, starts_on=D(2024, 7, 1), facilitator_name="Muhammad Yusuf")

    client.force_login(operator_blora)
    response = client.get(create_url(rohani))
    form = response.context["form"]
    assert form["facilitator_name"].value() == "Ahmad Sholeh"
    assert form["agreement_program"].value() == rohani.pk
    html = response.content.decode()
    for name in ("Ahmad Sholeh", "Siti Maemunah", "Muhammad Yusuf"):
        assert f'<option value="{name}">' in html


def test_operator_changes_an_activity_and_history_keeps_both_versions(client, operator_blora, blora_bimbingan):
    activity = ActivityFactory(agreement_program=blora_bimbingan, narapidana=20, title="Kajian Februari")
    client.force_login(operator_blora)
    url = reverse("programs:activity_update", args=[activity.pk])
    response = client.post(url, activity_data(blora_bimbingan, title="Kajian Februari", narapidana="23"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.narapidana == 23
    assert activity.history.count() == 2
    page = client.get(reverse("programs:activity_detail", args=[activity.pk])).content.decode()
    assert "Kegiatan diubah" in page
    assert "Narapidana" in page.split("Kegiatan diubah", 1)[1].split("</li>", 1)[0] + page


def test_cancelling_keeps_the_record_and_asks_why(client, operator_blora, blora_bimbingan):
    activity = ActivityFactory(agreement_program=blora_bimbingan, narapidana=30, title="Kajian ganda")
    client.force_login(operator_blora)
    url = reverse("programs:activity_cancel", args=[activity.pk])

    html = client.post(url, {"cancellation_reason": "  "}).content.decode()
    assert "Tuliskan alasan kegiatan dibatalkan." in html
    activity.refresh_from_db()
    assert activity.cancelled_on is None

    response = client.post(url, {"cancellation_reason": "Salah catat: sudah dicatat kemarin."})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.cancelled_on == TODAY
    assert activity.cancellation_reason == "Salah catat: sudah dicatat kemarin."
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert Activity.objects.carried_out().totals()["participants"] == 0
    assert activity.history.count() == 2
    page = client.get(reverse("programs:activity_detail", args=[activity.pk])).content.decode()
    assert "Salah catat: sudah dicatat kemarin." in page
    assert "dibatalkan" in page


# ----- who may do what ---------------------------------------------------------------------------------------


def test_kepala_may_not_log_activities(client, kepala_blora, blora_bimbingan):
    client.force_login(kepala_blora)
    assert client.get(create_url(blora_bimbingan)).status_code == 403
    assert client.post(create_url(blora_bimbingan), activity_data(blora_bimbingan)).status_code == 403
    assert not Activity.objects.exists()
    activity = ActivityFactory(agreement_program=blora_bimbingan)
    assert client.get(reverse("programs:activity_detail", args=[activity.pk])).status_code == 200
    assert client.get(reverse("programs:activity_update", args=[activity.pk])).status_code == 403
    assert (
        client.post(reverse("programs:activity_cancel", args=[activity.pk]), {"cancellation_reason": "x"}).status_code
        == 403
    )


def test_the_kanwil_reads_but_does_not_change_a_upt_activity(client, operator_kanwil_jateng, blora_bimbingan):
    activity = ActivityEvidenceFactory(activity__agreement_program=blora_bimbingan).activity
    client.force_login(operator_kanwil_jateng)
    assert client.get(reverse("programs:activity_detail", args=[activity.pk])).status_code == 200
    assert client.get(reverse("programs:evidence_download", args=[activity.evidence.get().pk])).status_code == 200
    assert client.get(reverse("programs:activity_update", args=[activity.pk])).status_code == 403
    assert client.get(create_url(blora_bimbingan)).status_code == 403


def test_another_units_activity_and_evidence_are_404(client, operator_blora, kudus_activity):
    evidence = ActivityEvidenceFactory(activity=kudus_activity)
    client.force_login(operator_blora)
    for url in [
        reverse("programs:activity_detail", args=[kudus_activity.pk]),
        reverse("programs:activity_update", args=[kudus_activity.pk]),
        reverse("programs:activity_cancel", args=[kudus_activity.pk]),
        reverse("programs:evidence_download", args=[evidence.pk]),
        reverse("programs:evidence_thumbnail", args=[evidence.pk]),
        create_url(kudus_activity.agreement_program),
    ]:
        assert client.get(url).status_code == 404, url
    html = client.get(LIST).content.decode()
    assert "Pemeriksaan kesehatan Kudus" not in html


def test_anonymous_is_sent_to_login(client, kudus_activity):
    evidence = ActivityEvidenceFactory(activity=kudus_activity)
    for url in [LIST, reverse("programs:catalogue"), reverse("programs:evidence_download", args=[evidence.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


# ----- the activities list, the catalogue, a program's page --------------------------------------------------


def test_monthly_list_with_totals_over_the_filtered_rows(client, operator_kanwil_jateng, blora_bimbingan, rutan_kudus):
    ActivityFactory(agreement_program=blora_bimbingan, starts_on=D(2025, 2, 14), narapidana=25, title="Kajian Feb")
    ActivityFactory(agreement_program=blora_bimbingan, starts_on=D(2025, 2, 21), narapidana=10, petugas=3)
    ActivityFactory(agreement_program=blora_bimbingan, starts_on=D(2025, 3, 14), narapidana=40, title="Kajian Mar")
    ActivityFactory(
        agreement_program=blora_bimbingan,
        starts_on=D(2025, 2, 28),
        narapidana=99,
        title="Kajian batal",
        cancelled_on=TODAY,
        cancellation_reason="Hujan deras",
    )
    client.force_login(operator_kanwil_jateng)

    response = client.get(LIST, {"month": 2, "year": 2025})
    html = response.content.decode()
    assert response.context["totals"] == {
        "activities": 2,
        "participants": 38,
        "warga_binaan": 35,
        "petugas": 3,
        "keluarga": 0,
    }
    assert "Kajian Feb" in html
    assert "Kajian Mar" not in html
    assert "Kajian batal" not in html

    with_cancelled = client.get(LIST, {"month": 2, "year": 2025, "cancelled": "on"})
    assert "Kajian batal" in with_cancelled.content.decode()
    assert with_cancelled.context["totals"]["activities"] == 2  # listed, never counted

    by_partner = client.get(LIST, {"partner": "Kantor Kementerian Agama Kabupaten Blora"})
    assert by_partner.context["totals"]["activities"] == 3
    assert client.get(LIST, {"partner": "Bank"}).context["totals"]["activities"] == 0
    assert client.get(LIST, {"unit": rutan_kudus.pk}).context["totals"]["activities"] == 0
    by_agreement = client.get(LIST, {"agreement": blora_bimbingan.agreement_id})
    assert by_agreement.context["totals"]["activities"] == 3
    assert blora_bimbingan.agreement.subject in by_agreement.content.decode()


def make_activities(count, units, bimbingan):
    for n in range(count):
        agreement = AgreementFactory(unit=units[n % len(units)], subject=f"Kerja sama {n}")
        AgreementPartyFactory(agreement=agreement)
        AgreementPartyFactory(agreement=agreement, order=1)
        item = AgreementProgramFactory(agreement=agreement, program=bimbingan if n % 2 else ProgramFactory())
        ActivityEvidenceFactory(activity=ActivityFactory(agreement_program=item, starts_on=D(2025, 1 + n % 5, 3)))


@pytest.mark.parametrize(
    "url_name",
    ["programs:activity_list", "programs:catalogue", "programs:detail"],
)
def test_list_queries_do_not_grow_with_rows(
    client, operator_kanwil_jateng, rutan_blora, rutan_kudus, bimbingan, url_name
):
    url = reverse(url_name, args=[bimbingan.pk] if url_name == "programs:detail" else [])
    client.force_login(operator_kanwil_jateng)
    make_activities(3, [rutan_blora, rutan_kudus], bimbingan)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"year": 2025}).status_code == 200
    make_activities(40, [rutan_blora, rutan_kudus], bimbingan)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url, {"year": 2025}).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries), url_name
    assert "Kerja sama" in html or url_name == "programs:catalogue"


def test_catalogue_counts_within_scope(client, operator_blora, operator_pusat, blora_bimbingan, kudus_activity):
    ActivityFactory(agreement_program=blora_bimbingan, narapidana=25, tahanan=5)
    kudus_item = kudus_activity.agreement_program
    kudus_item.program = blora_bimbingan.program
    kudus_item.save()

    client.force_login(operator_blora)
    program = next(
        p for p in client.get(reverse("programs:catalogue")).context["programs"] if p.name == "Bimbingan keagamaan"
    )
    assert (program.agreement_count, program.activity_count, program.participant_count) == (1, 1, 30)

    client.force_login(operator_pusat)
    program = next(
        p for p in client.get(reverse("programs:catalogue")).context["programs"] if p.name == "Bimbingan keagamaan"
    )
    assert (program.agreement_count, program.activity_count, program.participant_count) == (2, 2, 55)


def test_program_page_lists_agreements_in_scope(client, operator_blora, blora_bimbingan, kudus_activity):
    ActivityFactory(agreement_program=blora_bimbingan, narapidana=25)
    kudus_item = kudus_activity.agreement_program
    kudus_item.program = blora_bimbingan.program
    kudus_item.save()
    client.force_login(operator_blora)
    response = client.get(reverse("programs:detail", args=[blora_bimbingan.program_id]))
    html = response.content.decode()
    assert blora_bimbingan.agreement.subject in html
    assert kudus_item.agreement.subject not in html
    assert "25 dari 50 warga binaan" in html
    assert response.context["totals"]["activities"] == 1
    assert response.context["agreement_count"] == 1

    # The same agreement covering the program for a second target group is still one agreement.
    AgreementProgramFactory(
        agreement=blora_bimbingan.agreement, program=blora_bimbingan.program, target_group=TargetGroup.TAHANAN
    )
    response = client.get(reverse("programs:detail", args=[blora_bimbingan.program_id]))
    assert response.context["agreement_count"] == 1
    assert len(response.context["page_obj"].object_list) == 2


# ----- demo data ---------------------------------------------------------------------------------------------


def test_demo_has_blora_activities_from_early_2025_and_some_dormant_agreements():
    from demo import loader as demo
    from programs.catalogue import load_catalogue
    from programs.models import Program, ProgramCategory

    load_catalogue(ProgramCategory, Program)  # a reused test database may have lost the migrated catalogue
    demo.load(today=TODAY)
    blora = Agreement.objects.get(unit__name="Rutan Kelas IIB Blora", signed_on=D(2024, 12, 30))
    activities = Activity.objects.filter(agreement_program__agreement=blora)
    programs = set(activities.values_list("agreement_program__program__name", flat=True))
    assert programs == {"Bimbingan keagamaan", "Pelatihan rohani", "Pendampingan moral"}
    first = activities.order_by("starts_on").first()
    assert D(2025, 1, 2) <= first.starts_on <= D(2025, 3, 31)
    assert activities.order_by("-starts_on").first().starts_on <= TODAY
    for activity in Activity.objects.all():
        assert "(contoh)" in activity.summary or "(contoh)" in activity.title
        assert activity.facilitator_name == "" or "(contoh)" in activity.facilitator_name
    in_force = Agreement.objects.in_force(TODAY).count()
    dormant = Agreement.objects.dormant(TODAY).count()
    assert 0 < dormant < in_force / 2
    assert not Agreement.objects.dormant(TODAY).filter(pk=blora.pk).exists()


# ----- admin and navigation ----------------------------------------------------------------------------------


def test_activities_are_changed_on_their_pages_not_in_the_admin(
    client, operator_blora, admin_pusat, blora_bimbingan, kudus_activity
):
    """Operators record and correct activities on the app's pages; the admin is the administrators'."""
    blora_activity = ActivityEvidenceFactory(activity__agreement_program=blora_bimbingan).activity
    client.force_login(operator_blora)
    assert client.get(reverse("admin:programs_activity_changelist")).status_code == 403
    assert client.get(reverse("admin:programs_activity_change", args=[blora_activity.pk])).status_code == 403

    client.force_login(admin_pusat)
    listing = client.get(reverse("admin:programs_activity_changelist")).content.decode()
    assert blora_activity.title in listing
    assert kudus_activity.title in listing
    change = client.get(reverse("admin:programs_activity_change", args=[blora_activity.pk])).content.decode()
    assert 'value="Simpan"' in change
    assert "foto-kegiatan.png" in change  # the evidence inline, read-only


def test_navigation_marks_the_current_section(client, operator_blora):
    client.force_login(operator_blora)
    html = client.get(reverse("programs:catalogue")).content.decode()
    assert f'<a href="{reverse("programs:catalogue")}" aria-current="page">Program</a>' in html
    html = client.get(LIST).content.decode()
    assert f'<a href="{LIST}" aria-current="page">Kegiatan</a>' in html
