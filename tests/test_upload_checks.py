"""Uploads are checked by parsing them: a file that only looks like a PDF at some byte is refused, and a file is
stored and served as what it really is, whatever its name says."""

import os
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from agreements.models import AgreementDocument
from programs.evidence import check_upload
from programs.models import ActivityEvidence, TargetGroup
from sinergi.uploads import validate_pdf
from tests.factories import AgreementFactory, AgreementPartyFactory, AgreementProgramFactory
from tests.pdftext import blank_pdf

pytestmark = pytest.mark.django_db

# What was accepted as a signed scan: a Windows executable header, with "%PDF-1.4" at byte 64.
DRESSED_UP_EXE = b"MZ" + b"\x90\x00" * 31 + b"%PDF-1.4\n" + b"\x00" * 400 + b"%%EOF\n"


def test_an_executable_carrying_a_pdf_header_is_not_a_pdf():
    with pytest.raises(ValidationError) as refused:
        validate_pdf(SimpleUploadedFile("naskah.pdf", DRESSED_UP_EXE))
    assert refused.value.code == "not_pdf"


def test_a_header_alone_is_not_a_pdf():
    with pytest.raises(ValidationError):
        validate_pdf(SimpleUploadedFile("naskah.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"))


def test_a_pdf_without_pages_is_refused():
    output = BytesIO()
    PdfWriter().write(output)
    with pytest.raises(ValidationError):
        validate_pdf(SimpleUploadedFile("kosong.pdf", output.getvalue()))


def test_an_executable_is_refused_as_evidence():
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("daftar-hadir.pdf", DRESSED_UP_EXE))
    assert "bukan foto JPEG/PNG atau PDF" in refused.value.messages[0]


def test_a_truncated_photo_is_refused_as_evidence():
    # Pillow's verify() does not read a JPEG's pixels; only decoding finds the missing half.
    photo = BytesIO()
    Image.frombytes("RGB", (200, 200), os.urandom(120_000)).save(photo, format="JPEG")
    truncated = photo.getvalue()[: len(photo.getvalue()) // 2]
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("foto.png", truncated))


@pytest.fixture
def agreement(rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora, subject="Pembinaan kerohanian")
    AgreementPartyFactory(agreement=agreement)
    return agreement


def test_the_executable_is_refused_as_a_document_and_nothing_is_stored(client, operator_blora, agreement):
    client.force_login(operator_blora)
    url = reverse("agreements:document_upload", args=[agreement.pk])
    upload = SimpleUploadedFile("naskah.pdf", DRESSED_UP_EXE, content_type="application/pdf")
    html = client.post(url, {"kind": "signed_scan", "title": "", "file": upload}).content.decode()
    assert "Berkas “naskah.pdf” bukan PDF." in html
    assert not AgreementDocument.objects.exists()


def test_a_scan_named_jpg_is_stored_and_served_as_a_pdf(client, operator_blora, agreement):
    document = AgreementDocument.objects.create(
        agreement=agreement, file=SimpleUploadedFile("pindaian.jpg", blank_pdf()), original_name="pindaian.jpg"
    )
    assert document.file.name.endswith(".pdf")
    client.force_login(operator_blora)
    response = client.get(reverse("agreements:document_download", args=[document.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="pindaian.pdf"'


def test_evidence_pdf_named_jpg_is_stored_and_served_as_a_pdf(client, operator_blora, agreement):
    item = AgreementProgramFactory(agreement=agreement, target_group=TargetGroup.NARAPIDANA)
    agreement.signed_on = agreement.signed_on or agreement.ends_on
    client.force_login(operator_blora)
    from programs.services import add_evidence
    from tests.factories import ActivityFactory

    activity = ActivityFactory(agreement_program=item)
    checked = check_upload(SimpleUploadedFile("foto-kegiatan.jpg", blank_pdf(), content_type="image/jpeg"))
    (evidence,) = add_evidence(activity=activity, uploads=[checked], user=operator_blora)
    assert evidence.kind == ActivityEvidence.Kind.PDF
    assert evidence.file.name.endswith(".pdf")
    response = client.get(reverse("programs:evidence_download", args=[evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="foto-kegiatan.pdf"'


def test_a_file_name_with_quotes_cannot_break_the_header(client, operator_blora, agreement):
    document = AgreementDocument.objects.create(
        agreement=agreement, file=SimpleUploadedFile("x.pdf", blank_pdf()), original_name='a";b\r\nX-Evil: 1.pdf'
    )
    client.force_login(operator_blora)
    response = client.get(reverse("agreements:document_download", args=[document.pk]))
    assert "X-Evil" not in response.headers
    assert response["Content-Disposition"].startswith("attachment;")
