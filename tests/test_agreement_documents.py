"""Signed scans and attachments: uploaded as checked PDFs, downloaded only by those who may read the agreement."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import AgreementDocument
from tests.factories import AgreementDocumentFactory, AgreementFactory
from tests.pdftext import blank_pdf

pytestmark = pytest.mark.django_db

PDF = blank_pdf()


@pytest.fixture
def agreement(rutan_blora):
    return AgreementFactory(unit=rutan_blora, subject="Pembinaan kerohanian warga binaan")


@pytest.fixture
def scan(agreement, operator_blora):
    return AgreementDocumentFactory(
        agreement=agreement,
        original_name="PKS Kemenag Blora 2024.pdf",
        uploaded_by=operator_blora,
        file__data=PDF,
        file__filename="ignored.pdf",
    )


def download(client, user, document):
    client.force_login(user)
    return client.get(reverse("agreements:document_download", args=[document.pk]))


def test_download_returns_the_pdf_as_an_attachment(client, operator_blora, scan):
    response = download(client, operator_blora, scan)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "PKS Kemenag Blora 2024.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_head_of_unit_and_kanwil_may_download(client, kepala_blora, operator_kanwil_jateng, scan):
    assert download(client, kepala_blora, scan).status_code == 200
    assert download(client, operator_kanwil_jateng, scan).status_code == 200


def test_another_unit_cannot_download(client, operator_kudus, operator_kanwil_jatim, scan):
    assert download(client, operator_kudus, scan).status_code == 404
    assert download(client, operator_kanwil_jatim, scan).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, scan):
    response = client.get(reverse("agreements:document_download", args=[scan.pk]))
    assert response.status_code == 302


def test_detail_links_to_the_checked_download_never_to_the_stored_file(client, operator_blora, agreement, scan):
    client.force_login(operator_blora)
    html = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert reverse("agreements:document_download", args=[scan.pk]) in html
    assert "PKS Kemenag Blora 2024.pdf" in html
    assert "/media/" not in html
    assert scan.file.name not in html


def test_a_document_whose_uploader_account_is_gone_still_shows(client, kepala_blora, agreement):
    AgreementDocumentFactory(agreement=agreement, original_name="naskah lama.pdf", uploaded_by=None)
    client.force_login(kepala_blora)
    response = client.get(reverse("agreements:detail", args=[agreement.pk]))
    assert response.status_code == 200
    assert "naskah lama.pdf" in response.content.decode()


def test_upload_an_attachment(client, operator_blora, agreement):
    client.force_login(operator_blora)
    url = reverse("agreements:document_upload", args=[agreement.pk])
    html = client.get(url).content.decode()
    assert "<h1>Unggah dokumen</h1>" in html
    assert "PDF, paling besar 20 MB." in html
    upload = SimpleUploadedFile("rencana-kegiatan.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {"kind": "attachment", "title": "Rencana kegiatan 2026", "file": upload}, follow=True)
    assert "Dokumen “Rencana kegiatan 2026” tersimpan." in response.content.decode()
    document = agreement.documents.get()
    assert document.kind == AgreementDocument.Kind.ATTACHMENT
    assert document.uploaded_by == operator_blora
    assert document.original_name == "rencana-kegiatan.pdf"
    assert document.file.read() == PDF
    assert "Rencana kegiatan 2026" in response.content.decode()


def test_upload_refuses_what_is_not_a_pdf(client, operator_blora, agreement):
    client.force_login(operator_blora)
    url = reverse("agreements:document_upload", args=[agreement.pk])
    png = SimpleUploadedFile("foto.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, content_type="application/pdf")
    html = client.post(url, {"kind": "attachment", "title": "Foto seremoni", "file": png}).content.decode()
    assert "Berkas “foto.pdf” bukan PDF." in html
    assert "Pilih ulang berkas." in html
    assert 'value="Foto seremoni"' in html
    docx = SimpleUploadedFile("naskah.docx", b"PK\x03\x04", content_type="application/octet-stream")
    html = client.post(url, {"kind": "signed_scan", "title": "", "file": docx}).content.decode()
    assert "bukan PDF" in html
    assert not agreement.documents.exists()


def test_upload_refuses_a_file_over_the_limit(client, operator_blora, agreement, settings):
    settings.SINERGI_MAX_UPLOAD_MB = 1
    client.force_login(operator_blora)
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (1024 * 1024), content_type="application/pdf")
    html = client.post(
        reverse("agreements:document_upload", args=[agreement.pk]), {"kind": "signed_scan", "file": big}
    ).content.decode()
    assert "Berkas terlalu besar" in html
    assert not agreement.documents.exists()


def test_only_the_owning_units_operator_may_upload(client, kepala_blora, operator_kudus, agreement):
    url = reverse("agreements:document_upload", args=[agreement.pk])
    client.force_login(kepala_blora)
    assert client.get(url).status_code == 403
    client.force_login(operator_kudus)
    assert client.get(url).status_code == 404
    upload = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
    assert client.post(url, {"kind": "attachment", "file": upload}).status_code == 404
    assert not agreement.documents.exists()


def test_upload_appears_in_the_history(client, operator_blora, agreement):
    client.force_login(operator_blora)
    upload = SimpleUploadedFile("naskah.pdf", PDF, content_type="application/pdf")
    client.post(reverse("agreements:document_upload", args=[agreement.pk]), {"kind": "signed_scan", "file": upload})
    html = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Dokumen diunggah: naskah.pdf" in html
