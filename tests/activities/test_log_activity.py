"""An operator logs what was done: participants, dates, facilitator, photos and PDFs as evidence; changes and
cancellations keep the record.

Time is frozen on 15 June 2025 (Jakarta) so "today", "the last 90 days" and "not in the future" never move.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs.models import Activity, ActivityEvidence
from tests.activities.helpers import TODAY, D, activity_data, create_url, photo
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    ProgramFactory,
)
from tests.pdftext import blank_pdf

pytestmark = pytest.mark.django_db


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
