"""Staff print the agreements list as currently filtered (Daftar Perjanjian Kerja Sama); long registers are made
by the background worker while the page shows how far it is."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from agreements.models import Agreement, Status
from monitoring.models import RegisterExport
from tests.factories import AgreementFactory, AgreementPartyFactory, PartnerFactory
from tests.pdftext import pdf_bytes, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _printed_on_23_november_2026():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def blora_agreements(rutan_blora):
    """Blora's register: PKS and MoU in every status, each subject naming its status."""
    kemenag = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    made = []
    for kind, status, fields in [
        (Agreement.Kind.PKS, "berlaku 1", {"signed_on": days(-400), "ends_on": days(700)}),
        (Agreement.Kind.PKS, "berlaku 2", {"signed_on": days(-100), "ends_on": days(900)}),
        (Agreement.Kind.PKS, "segera berakhir", {"signed_on": days(-600), "ends_on": days(30)}),
        (Agreement.Kind.PKS, "berakhir", {"signed_on": days(-900), "ends_on": days(-10)}),
        (Agreement.Kind.PKS, "draf", {"signed_on": None, "our_signatory_name": "", "ends_on": days(800)}),
        (
            Agreement.Kind.PKS,
            "diakhiri",
            {"signed_on": days(-300), "ends_on": days(300), "terminated_on": days(-5), "termination_reason": "Mitra"},
        ),
        (Agreement.Kind.MOU, "MoU berlaku", {"signed_on": days(-50), "ends_on": days(1000)}),
    ]:
        agreement = AgreementFactory(unit=rutan_blora, kind=kind, subject=f"Kerja sama Blora ({status})", **fields)
        AgreementPartyFactory(agreement=agreement, partner=kemenag, number=f"B-{len(made) + 1:03d}/Kk/2026")
        made.append(agreement)
    return made


@pytest.fixture
def kudus_agreement(rutan_kudus):
    return AgreementFactory(unit=rutan_kudus, subject="Kerja sama Kudus", signed_place="Kudus")


def export_url(export):
    return reverse("agreements:register_export", args=[export.pk])


def download_url(export):
    return reverse("agreements:register_export_download", args=[export.pk])


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def register(client, user, query=""):
    return get(client, user, reverse("agreements:register_pdf") + query)


def request_register(client, user, query=""):
    """Ask for a register too long to print at once: the confirmation page's button posts to the same address."""
    client.force_login(user)
    return client.post(reverse("agreements:register_pdf") + query)


def listed(client, user, query=""):
    """The agreements the list page shows for `query`, over all its pages."""
    response = get(client, user, reverse("agreements:list") + query)
    return response.context["page_obj"].paginator.count


def totals_in(first_page):
    """{status: count, "total": count} from the totals row at the top of the register."""
    header = " ".join(str(status.label) for status in Status) + " Jumlah "
    counts = first_page[first_page.index(header) + len(header) :].split()[: len(Status) + 1]
    return dict(zip([*Status, "total"], map(int, counts), strict=True))


def test_register_prints_the_filtered_list_with_totals_that_match_it(client, operator_blora, blora_agreements):
    query = "?kind=pks"

    response = register(client, operator_blora, query)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="daftar-perjanjian-20261123.pdf"'
    pages = pdf_pages(pdf_bytes(response))
    text = " ".join(pages)
    assert "DAFTAR PERJANJIAN KERJA SAMA" in text
    assert "RUMAH TAHANAN NEGARA KELAS IIB BLORA" in text
    assert "Jenis: Perjanjian Kerja Sama (PKS)" in text
    totals = totals_in(pages[0])
    assert totals["total"] == listed(client, operator_blora, query) == 6
    for status in Status:
        assert totals[status] == listed(client, operator_blora, f"{query}&status={status.value}"), status
    assert "Kerja sama Blora (berlaku 1)" in text
    assert "Kerja sama Blora (MoU berlaku)" not in text
    assert "B-001/Kk/2026" in text


def test_register_prints_the_filters_in_words(client, operator_blora, blora_agreements):
    text = pdf_text(pdf_bytes(register(client, operator_blora, "?status=in_force&q=Blora&ends_within=800&o=-ends_on")))

    assert "Status: Berlaku" in text
    assert "Cari: “Blora”" in text
    assert "Masih berlaku, berakhir dalam 800 hari" in text
    assert "Urutan : Tanggal berakhir, urutan menurun" in text
    # Berlaku today and ending within 800 days: only "berlaku 1" (700 days); "berlaku 2" ends in 900.
    assert "Kerja sama Blora (berlaku 1)" in text
    assert "Kerja sama Blora (berlaku 2)" not in text


def test_register_of_another_unit_never_prints_blora_rows(client, operator_kudus, blora_agreements, kudus_agreement):
    blora = blora_agreements[0].unit
    # Even asking for Blora's unit by id: the choice is outside Kudus's scope and the filter is ignored.
    text = pdf_text(pdf_bytes(register(client, operator_kudus, f"?unit={blora.pk}")))

    assert "Kerja sama Kudus" in text
    assert "Kerja sama Blora" not in text
    assert "RUMAH TAHANAN NEGARA KELAS IIB KUDUS" in text


def test_header_row_repeats_on_every_page(client, operator_blora, rutan_blora):
    long_subject = "Pembinaan kemandirian dan pelatihan kerja bersertifikat bagi warga binaan " * 3
    for number in range(24):
        AgreementFactory(unit=rutan_blora, subject=f"{number:02d} {long_subject}")

    pages = pdf_pages(pdf_bytes(register(client, operator_blora)))

    assert len(pages) >= 2
    for page in pages:
        assert "No. Jenis Perihal Mitra dan nomornya Nomor kami" in page
    # Every row printed once, none split across two pages.
    text = " ".join(pages)
    assert all(text.count(f"{number:02d} Pembinaan kemandirian") == 1 for number in range(24))


def test_list_page_offers_the_register_with_its_current_filters(client, operator_blora, blora_agreements):
    page = get(client, operator_blora, reverse("agreements:list") + "?kind=pks&page=1").content.decode()

    assert "Cetak daftar (PDF)" in page
    assert f'href="{reverse("agreements:register_pdf")}?kind=pks"' in page


# Long registers: made by the background worker -----------------------------------------------------------------


@pytest.fixture
def small_inline_limit(settings):
    settings.SINERGI_REGISTER_INLINE_LIMIT = 3
    settings.TASKS = IMMEDIATE_TASKS


def test_following_a_link_to_a_long_register_starts_no_job_but_asks_first(
    client, operator_blora, blora_agreements, small_inline_limit
):
    response = register(client, operator_blora, "?kind=pks")

    assert response.status_code == 200
    assert not RegisterExport.objects.exists()
    page = response.content.decode()
    assert 'method="post"' in page
    assert f'action="{reverse("agreements:register_pdf")}?kind=pks"' in page


def test_long_register_is_made_in_the_background_and_offered_when_done(
    client, operator_blora, blora_agreements, small_inline_limit
):
    response = request_register(client, operator_blora, "?kind=pks&page=2")

    export = RegisterExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == export_url(export)
    assert export.requested_by == operator_blora
    assert export.query_string == "kind=pks"
    assert export.status == RegisterExport.State.DONE
    assert export.row_count == 6

    page = get(client, operator_blora, response["Location"]).content.decode()
    assert "Selesai" in page
    assert 'http-equiv="refresh"' not in page
    assert "register-export.js" not in page, "a finished export has nothing to wait for"
    assert download_url(export) in page

    download = get(client, operator_blora, download_url(export))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    pages = pdf_pages(pdf_bytes(download))
    text = " ".join(pages)
    assert totals_in(pages[0])["total"] == 6
    assert "Kerja sama Blora (berlaku 1)" in text
    assert "Kerja sama Blora (MoU berlaku)" not in text


def test_background_register_keeps_to_the_requesters_scope(
    client, operator_kudus, admin_pusat, blora_agreements, kudus_agreement, rutan_kudus, small_inline_limit
):
    for number in range(4):
        AgreementFactory(unit=rutan_kudus, subject=f"Kerja sama Kudus {number}")

    request_register(client, operator_kudus, f"?unit={blora_agreements[0].unit_id}")

    export = RegisterExport.objects.get()
    text = pdf_text(pdf_bytes(get(client, admin_pusat, download_url(export))))
    assert "Kerja sama Kudus 3" in text
    assert "Kerja sama Blora" not in text


def test_only_the_requester_and_administrators_see_an_export(
    client, operator_blora, kepala_blora, operator_kudus, admin_pusat, blora_agreements, small_inline_limit
):
    request_register(client, operator_blora)
    export = RegisterExport.objects.get()

    for stranger in (kepala_blora, operator_kudus):
        assert get(client, stranger, export_url(export)).status_code == 404
        assert get(client, stranger, download_url(export)).status_code == 404
    assert get(client, admin_pusat, export_url(export)).status_code == 200
    assert get(client, admin_pusat, download_url(export)).status_code == 200


def test_waiting_export_watches_its_status_and_offers_nothing_yet(client, operator_blora):
    export = RegisterExport.objects.create(requested_by=operator_blora, query_string="status=in_force", row_count=250)

    page = get(client, operator_blora, export_url(export)).content.decode()

    # No <meta http-equiv="refresh">: a page that reloads on a timer restarts screen readers (axe: critical).
    assert "http-equiv" not in page
    assert "js/register-export.js" in page
    assert f'href="{export_url(export)}">Periksa sekarang</a>' in page
    assert "Menunggu giliran" in page
    assert "Status: Berlaku" in page
    assert get(client, operator_blora, download_url(export)).status_code == 404


def test_failed_export_says_so_and_offers_a_retry(client, operator_blora, blora_agreements, small_inline_limit):
    with mock.patch("monitoring.register.render_pdf", side_effect=RuntimeError("kertas habis")):
        response = request_register(client, operator_blora, "?kind=pks")

    export = RegisterExport.objects.get()
    assert export.status == RegisterExport.State.FAILED
    page = get(client, operator_blora, response["Location"]).content.decode()
    assert "Gagal" in page
    # The requester reads a sentence, never the exception; the detail is in the log.
    assert "Terjadi kesalahan saat menyusun PDF." in page
    assert "kertas habis" not in page
    assert "RuntimeError" not in page
    assert f"{reverse('agreements:register_pdf')}?kind=pks" in page


def test_a_status_is_printed_in_whole_words(client, operator_kanwil_jateng, rutan_blora, rutan_kudus):
    for unit in (rutan_blora, rutan_kudus):
        AgreementFactory(unit=unit, subject=f"Belum berlaku di {unit}", signed_on=days(-5), starts_on=days(20))
    client.force_login(operator_kanwil_jateng)

    response = client.get(reverse("agreements:register_pdf"), {"status": Status.NOT_YET_IN_FORCE})

    text = pdf_text(pdf_bytes(response))
    assert "Ditandatangan i" not in text
    assert text.count("Ditandatangani, belum berlaku") >= 4
