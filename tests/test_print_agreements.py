"""Heads of units print an agreement's summary, the summary bundled with the signed scan, and a partner's status
report; each reads the facts a person would look for, and nobody prints what they may not read."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from agreements.models import Agreement, AgreementDocument
from programs.models import TargetGroup
from tests.factories import (
    ActivityFactory,
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramCategoryFactory,
    ProgramFactory,
)
from tests.pdftext import pdf_bytes, pdf_pages, pdf_text, scanned_pdf

pytestmark = pytest.mark.django_db

KEMENAG_BLORA = "Kantor Kementerian Agama Kabupaten Blora"
PRINTED_AT = datetime.datetime(2026, 11, 23, 14, 5, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture(autouse=True)
def _printed_on_23_november_2026():
    with time_machine.travel(PRINTED_AT, tick=False):
        yield


@pytest.fixture
def kemenag_blora(db):
    return PartnerFactory(name=KEMENAG_BLORA, short_name="Kemenag Blora")


@pytest.fixture
def blora_pks(rutan_blora, kemenag_blora, operator_blora):
    """The real case: signed in Blora on 30 Desember 2024, continuing the 2022 agreement."""
    earlier = AgreementFactory(
        unit=rutan_blora,
        subject="Pembinaan keagamaan bagi warga binaan (2022)",
        signed_on=datetime.date(2022, 1, 17),
        ends_on=datetime.date(2024, 12, 31),
    )
    pks = AgreementFactory(
        unit=rutan_blora,
        kind=Agreement.Kind.PKS,
        subject="Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora",
        number="W.13.PAS.PAS.1-UM.01.01-101 Tahun 2024",
        signed_on=datetime.date(2024, 12, 30),
        signed_place="Blora",
        our_signatory_name="Budi Hardiono",
        our_signatory_position="Kepala Rutan Kelas IIB Blora",
        starts_on=datetime.date(2025, 1, 2),
        ends_on=datetime.date(2027, 12, 31),
        scope="Penyediaan layanan bimbingan keagamaan, pelatihan rohani, dan pendampingan moral.",
        renews=earlier,
        created_by=operator_blora,
    )
    AgreementPartyFactory(
        agreement=pks,
        partner=kemenag_blora,
        number="B-101/Kk.11.16/HM.01/12/2024",
        signatory_name="Roziqun",
        signatory_position="Kepala Kantor Kementerian Agama Kabupaten Blora",
    )
    category = ProgramCategoryFactory(name="Pembinaan kepribadian")
    programs = {}
    for name, group, target in [
        ("Bimbingan keagamaan", TargetGroup.NARAPIDANA, 60),
        ("Pelatihan rohani", TargetGroup.NARAPIDANA, 30),
        ("Pendampingan moral", TargetGroup.TAHANAN, 40),
    ]:
        programs[name] = AgreementProgramFactory(
            agreement=pks,
            program=ProgramFactory(category=category, name=name),
            target_group=group,
            target_participants=target,
        )
    bimbingan = programs["Bimbingan keagamaan"]
    ActivityFactory(agreement_program=bimbingan, starts_on=datetime.date(2025, 2, 14), narapidana=25)
    ActivityFactory(agreement_program=bimbingan, starts_on=datetime.date(2026, 3, 6), narapidana=20, tahanan=5)
    ActivityFactory(
        agreement_program=bimbingan,
        starts_on=datetime.date(2026, 4, 3),
        narapidana=90,
        cancelled_on=datetime.date(2026, 4, 1),
        cancellation_reason="Hujan deras",
    )
    return pks


def get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


def summary_of(client, user, agreement):
    return get(client, user, "agreements:summary_pdf", agreement.pk)


def attach_scan(agreement, user, pages=2, kind=AgreementDocument.Kind.SIGNED_SCAN):
    return AgreementDocumentFactory(
        agreement=agreement, kind=kind, uploaded_by=user, file__data=scanned_pdf(pages), file__filename="naskah.pdf"
    )


# Agreement summary ---------------------------------------------------------------------------------------------


def test_summary_of_the_blora_pks_reads_like_the_agreement(client, kepala_blora, blora_pks):
    response = summary_of(client, kepala_blora, blora_pks)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="ringkasan-pks-w13paspas1-um0101-101-tahun-2024.pdf"'
    text = pdf_text(pdf_bytes(response))
    for fact in [
        "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN",
        "DIREKTORAT JENDERAL PEMASYARAKATAN",
        "RUMAH TAHANAN NEGARA KELAS IIB BLORA",
        "RINGKASAN PERJANJIAN KERJA SAMA",
        "Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora",
        "W.13.PAS.PAS.1-UM.01.01-101 Tahun 2024",
        "B-101/Kk.11.16/HM.01/12/2024",
        "Blora, 30 Desember 2024",
        "2 Januari 2025 s.d. 31 Desember 2027",
        "Status per 23 November 2026 : Berlaku, sisa 403 hari",
        "Budi Hardiono",
        "Kepala Rutan Kelas IIB Blora",
        "Roziqun",
        KEMENAG_BLORA,
        "Bimbingan keagamaan",
        "Pelatihan rohani",
        "Pendampingan moral",
        "Pembinaan keagamaan bagi warga binaan (2022)",
    ]:
        assert fact in text, fact


def test_summary_of_a_draft_without_number_is_named_after_its_subject(client, operator_blora, rutan_blora):
    subject = "Layanan Kesehatan: Rutan & Puskesmas"
    draft = AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.MOU, number="", subject=subject)

    response = summary_of(client, operator_blora, draft)

    assert response["Content-Disposition"] == 'inline; filename="ringkasan-mou-layanan-kesehatan-rutan-puskesmas.pdf"'


def test_summary_counts_activities_carried_out_against_targets(client, kepala_blora, blora_pks):
    text = pdf_text(pdf_bytes(summary_of(client, kepala_blora, blora_pks)))

    # Two activities carried out (the cancelled one does not count): 25 + 25 participants, all warga binaan.
    assert "2 kegiatan dengan 50 peserta, di antaranya 50 warga binaan." in text
    # Bimbingan keagamaan: target 60, 2 activities, 50 reached, 83 %.
    assert "Bimbingan keagamaan Pembinaan kepribadian Narapidana selama perjanjian 60 2 25 warga binaan 42%" in text


def test_summary_footer_says_when_it_was_printed_and_where_the_record_lives(client, kepala_blora, blora_pks, settings):
    settings.SITE_URL = "https://sinergi.contoh.go.id"
    pages = pdf_pages(pdf_bytes(summary_of(client, kepala_blora, blora_pks)))

    for number, page in enumerate(pages, start=1):
        assert "Dicetak 23 November 2026 pukul 14.05 WIB" in page
        assert f"Halaman {number} dari {len(pages)}" in page
        assert f"https://sinergi.contoh.go.id/perjanjian/{blora_pks.pk}/" in page


def test_summary_stays_indonesian_for_someone_reading_the_site_in_english(client, kepala_blora, blora_pks, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    text = pdf_text(pdf_bytes(summary_of(client, kepala_blora, blora_pks)))

    assert "Blora, 30 Desember 2024" in text
    assert "Halaman 1 dari" in text


def test_markup_typed_into_a_subject_prints_as_literal_text(client, operator_blora, blora_pks):
    blora_pks.subject = "<script>alert(1)</script> & <b>tebal</b>"
    blora_pks.save()

    text = pdf_text(pdf_bytes(summary_of(client, operator_blora, blora_pks)))

    assert "<script>alert(1)</script> & <b>tebal</b>" in text


def test_kanwil_prints_the_summary_of_a_unit_in_its_region(client, operator_kanwil_jateng, blora_pks):
    assert summary_of(client, operator_kanwil_jateng, blora_pks).status_code == 200


def test_another_unit_gets_404_for_the_summary_and_the_bundle(
    client, operator_kudus, kepala_kudus, operator_kanwil_jatim, operator_blora, blora_pks
):
    attach_scan(blora_pks, operator_blora)
    for outsider in (operator_kudus, kepala_kudus, operator_kanwil_jatim):
        assert summary_of(client, outsider, blora_pks).status_code == 404
        assert get(client, outsider, "agreements:bundle_pdf", blora_pks.pk).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, blora_pks):
    response = client.get(reverse("agreements:summary_pdf", args=[blora_pks.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Signed-agreement bundle ---------------------------------------------------------------------------------------


def test_bundle_is_the_summary_followed_by_every_page_of_the_signed_scan(client, operator_blora, blora_pks):
    attach_scan(blora_pks, operator_blora, pages=2)
    summary_pages = pdf_pages(pdf_bytes(summary_of(client, operator_blora, blora_pks)))

    response = get(client, operator_blora, "agreements:bundle_pdf", blora_pks.pk)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="berkas-pks-w13paspas1-um0101-101-tahun-2024.pdf"'
    pages = pdf_pages(pdf_bytes(response))
    assert len(pages) == len(summary_pages) + 2
    assert "RINGKASAN PERJANJIAN KERJA SAMA" in pages[0]
    assert pages[-2:] == ["Naskah bertanda tangan, lembar 1", "Naskah bertanda tangan, lembar 2"]


def test_bundle_uses_the_latest_signed_scan_not_attachments(client, operator_blora, blora_pks):
    attach_scan(blora_pks, operator_blora, pages=1)
    attach_scan(blora_pks, operator_blora, pages=3)
    attach_scan(blora_pks, operator_blora, pages=5, kind=AgreementDocument.Kind.ATTACHMENT)
    summary_pages = pdf_pages(pdf_bytes(summary_of(client, operator_blora, blora_pks)))

    pages = pdf_pages(pdf_bytes(get(client, operator_blora, "agreements:bundle_pdf", blora_pks.pk)))

    assert len(pages) == len(summary_pages) + 3


def test_no_bundle_and_no_button_without_a_signed_scan(client, operator_blora, blora_pks):
    attach_scan(blora_pks, operator_blora, kind=AgreementDocument.Kind.ATTACHMENT)

    assert get(client, operator_blora, "agreements:bundle_pdf", blora_pks.pk).status_code == 404
    page = get(client, operator_blora, "agreements:detail", blora_pks.pk).content.decode()
    assert reverse("agreements:summary_pdf", args=[blora_pks.pk]) in page
    assert "Cetak ringkasan (PDF)" in page
    assert reverse("agreements:bundle_pdf", args=[blora_pks.pk]) not in page


def test_detail_offers_the_bundle_once_the_signed_scan_is_there(client, kepala_blora, operator_blora, blora_pks):
    attach_scan(blora_pks, operator_blora)

    page = get(client, kepala_blora, "agreements:detail", blora_pks.pk).content.decode()

    assert reverse("agreements:bundle_pdf", args=[blora_pks.pk]) in page
    assert "Unduh berkas lengkap (PDF)" in page


def test_a_damaged_scan_sends_the_user_back_with_an_explanation(client, operator_blora, blora_pks):
    AgreementDocumentFactory(agreement=blora_pks, file__data=b"%PDF-1.4\nrusak\n%%EOF\n")

    response = get(client, operator_blora, "agreements:bundle_pdf", blora_pks.pk)

    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:detail", args=[blora_pks.pk])
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("tidak dapat dibaca sebagai PDF" in message for message in messages)


# Partner status report -----------------------------------------------------------------------------------------


@pytest.fixture
def national_agreement_with_kemenag(ditjenpas, kemenag_blora):
    mou = AgreementFactory(
        unit=ditjenpas,
        kind=Agreement.Kind.MOU,
        subject="Nota kesepahaman pembinaan keagamaan nasional",
        signed_on=datetime.date(2025, 7, 1),
        signed_place="Jakarta",
        ends_on=datetime.date(2030, 6, 30),
    )
    AgreementPartyFactory(agreement=mou, partner=kemenag_blora)
    return mou


def report_of(client, user, partner):
    return get(client, user, "partners:status_report_pdf", partner.pk)


def test_partner_report_lists_agreements_programs_and_totals_per_year(
    client, kepala_blora, blora_pks, kemenag_blora, national_agreement_with_kemenag
):
    response = report_of(client, kepala_blora, kemenag_blora)

    assert response.status_code == 200
    expected = "laporan-mitra-kantor-kementerian-agama-kabupaten-blora.pdf"
    assert response["Content-Disposition"] == f'inline; filename="{expected}"'
    text = pdf_text(pdf_bytes(response))
    assert "LAPORAN STATUS KERJA SAMA MITRA" in text
    assert "RUMAH TAHANAN NEGARA KELAS IIB BLORA" in text
    assert "Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora" in text
    assert "Nota kesepahaman pembinaan keagamaan nasional" in text
    assert "2 Januari 2025 s.d. 31 Desember 2027" in text
    assert "Bimbingan keagamaan (narapidana): 25 dari target 60 warga binaan" in text
    # One activity in 2025 and one in 2026 (the cancelled one is not counted), 25 participants each.
    assert "2025 1 25 25 0 0 2026 1 25 25 0 0 Jumlah 2 50 50 0 0" in text


def test_partner_report_holds_only_agreements_the_user_may_read(
    client, kepala_kudus, blora_pks, kemenag_blora, national_agreement_with_kemenag
):
    # Partners are a national directory: Kudus may print the report, but Blora's agreement is not in it.
    response = report_of(client, kepala_kudus, kemenag_blora)

    assert response.status_code == 200
    text = pdf_text(pdf_bytes(response))
    assert "Nota kesepahaman pembinaan keagamaan nasional" in text
    assert "Rutan Kelas IIB Blora" not in text
    assert "Bimbingan keagamaan" not in text
    assert "RUMAH TAHANAN NEGARA KELAS IIB KUDUS" in text


def test_partner_page_offers_the_report(client, kepala_blora, kemenag_blora):
    page = get(client, kepala_blora, "partners:detail", kemenag_blora.pk).content.decode()

    assert reverse("partners:status_report_pdf", args=[kemenag_blora.pk]) in page
    assert "Cetak laporan mitra (PDF)" in page


def test_unknown_partner_report_is_404(client, kepala_blora):
    assert get(client, kepala_blora, "partners:status_report_pdf", 999999).status_code == 404
