"""An operator withdraws a wrong scan or a photo showing faces, with a reason: it leaves the page, the bundle and
the downloads at once, stays in the history, and only an administrator removes the file for good."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agreements.models import AgreementDocument
from programs.models import ActivityEvidence, TargetGroup
from tests.factories import (
    ActivityEvidenceFactory,
    ActivityFactory,
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
)
from tests.pdftext import blank_pdf, pdf_bytes, pdf_pages, scanned_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(rutan_blora):
    agreement = AgreementFactory(
        unit=rutan_blora, subject="Pembinaan kerohanian", signed_on=datetime.date(2024, 12, 30)
    )
    AgreementPartyFactory(agreement=agreement)
    return agreement


@pytest.fixture
def scans(agreement):
    right = AgreementDocumentFactory(agreement=agreement, original_name="naskah-benar.pdf", file__data=scanned_pdf(2))
    wrong = AgreementDocumentFactory(agreement=agreement, original_name="naskah-salah.pdf", file__data=blank_pdf())
    return right, wrong


def withdraw_document(client, user, document, reason="Salah unggah: naskah perjanjian lain."):
    client.force_login(user)
    return client.post(reverse("agreements:document_withdraw", args=[document.pk]), {"withdrawal_reason": reason})


def test_a_withdrawn_scan_leaves_the_page_and_the_bundle_and_stays_in_history(client, operator_blora, agreement, scans):
    right, wrong = scans
    client.force_login(operator_blora)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert reverse("agreements:document_withdraw", args=[wrong.pk]) in page

    response = withdraw_document(client, operator_blora, wrong)

    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.withdrawn_by == operator_blora
    assert wrong.withdrawal_reason == "Salah unggah: naskah perjanjian lain."
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "naskah-benar.pdf" in page
    assert reverse("agreements:document_download", args=[wrong.pk]) not in page
    assert "Dokumen ditarik: naskah-salah.pdf. Alasan: Salah unggah: naskah perjanjian lain." in page  # history
    assert client.get(reverse("agreements:document_download", args=[wrong.pk])).status_code == 404
    # The bundle takes the latest scan not withdrawn: the summary's page, then the right scan's two pages.
    bundle = pdf_pages(pdf_bytes(client.get(reverse("agreements:bundle_pdf", args=[agreement.pk]))))
    assert "Naskah bertanda tangan, lembar 2" in bundle[-1]


def test_withdrawing_asks_for_a_reason_and_refuses_get_changes(client, operator_blora, agreement, scans):
    _right, wrong = scans
    client.force_login(operator_blora)
    url = reverse("agreements:document_withdraw", args=[wrong.pk])
    html = client.get(url).content.decode()
    assert "<h1>Tarik berkas</h1>" in html
    assert 'method="post"' in html
    html = withdraw_document(client, operator_blora, wrong, reason="  \u202e ").content.decode()
    assert "Tuliskan alasan berkas ini ditarik." in html
    wrong.refresh_from_db()
    assert wrong.withdrawn_at is None


def test_only_those_who_may_edit_can_withdraw(client, kepala_blora, operator_kudus, agreement, scans):
    _right, wrong = scans
    assert withdraw_document(client, kepala_blora, wrong).status_code == 403
    assert withdraw_document(client, operator_kudus, wrong).status_code == 404
    wrong.refresh_from_db()
    assert wrong.withdrawn_at is None


@pytest.fixture
def evidence(agreement):
    item = AgreementProgramFactory(agreement=agreement, target_group=TargetGroup.NARAPIDANA)
    activity = ActivityFactory(agreement_program=item, title="Kajian rutin")
    return ActivityEvidenceFactory(activity=activity, original_name="foto-wajah.jpg")


def test_a_withdrawn_evidence_photo_leaves_the_pages(client, operator_blora, evidence):
    activity = evidence.activity
    client.force_login(operator_blora)
    url = reverse("programs:evidence_withdraw", args=[evidence.pk])
    assert url in client.get(activity.get_absolute_url()).content.decode()

    response = client.post(url, {"withdrawal_reason": "Foto memperlihatkan wajah warga binaan."})

    assert response.status_code == 302
    download = reverse("programs:evidence_download", args=[evidence.pk])
    for page in (activity.get_absolute_url(), activity.agreement.get_absolute_url(), reverse("programs:activity_list")):
        assert download not in client.get(page).content.decode(), page
    assert client.get(download).status_code == 404
    html = client.get(activity.get_absolute_url()).content.decode()
    assert "Bukti ditarik: foto-wajah.jpg. Alasan: Foto memperlihatkan wajah warga binaan." in html


def test_only_an_administrator_purges_withdrawn_files_for_good(client, operator_blora, agreement, scans, evidence):
    right, wrong = scans
    withdraw_document(client, operator_blora, wrong)
    evidence.withdrawn_at, evidence.withdrawal_reason = timezone.now(), "Wajah"
    evidence.save()
    stored = [wrong.file.name, evidence.file.name]
    storage = wrong.file.storage

    out = StringIO()
    call_command("purge_withdrawn_files", stdout=out)

    assert "2 berkas yang ditarik dihapus." in out.getvalue()
    assert list(AgreementDocument.objects.all()) == [right]
    assert not ActivityEvidence.objects.exists()
    assert not any(storage.exists(name) for name in stored)
    assert storage.exists(right.file.name)
    # History keeps the record of what was withdrawn, and why.
    assert AgreementDocument.history.filter(id=wrong.pk, withdrawal_reason__startswith="Salah unggah").exists()
