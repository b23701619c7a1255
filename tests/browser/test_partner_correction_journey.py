"""An operator proposes a correction to a partner another unit's signed PKS names; a Ditjenpas operator accepts it;
the proposer sees it accepted; the other unit's PKS still prints the partner's name as signed."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.factories import AgreementFactory, AgreementPartyFactory, PartnerFactory
from tests.pdftext import pdf_text

KEMENAG = "Kantor Kementerian Agama Kabupaten Blora"
CORRECTED = "Kantor Kementerian Agama Kabupaten Blora Provinsi Jawa Tengah"

pytestmark = pytest.mark.browser


def label(text):
    return re.compile(rf"^{re.escape(text)}:?( \*)?$")


def sign_out(page):
    page.get_by_role("button", name="Keluar").click()


def test_a_correction_is_proposed_accepted_and_the_signed_pks_keeps_its_name(
    page, live_server, login, operator_kudus, operator_pusat, operator_blora, rutan_blora
):
    kemenag = PartnerFactory(name=KEMENAG, province="Jawa Tengah", regency="Kabupaten Blora")
    pks = AgreementFactory(unit=rutan_blora, subject="Pembinaan keagamaan", signed_on=datetime.date(2024, 12, 30))
    AgreementPartyFactory(agreement=pks, partner=kemenag)

    # Kudus may not rename a partner Blora's signed PKS names: it proposes the correction.
    login(operator_kudus)
    page.goto(f"{live_server.url}/mitra/{kemenag.pk}/")
    page.get_by_role("link", name="Usulkan perbaikan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Usulkan perbaikan identitas mitra")
    page.get_by_label(label("Nama")).fill(CORRECTED)
    page.get_by_label(label("Alasan perbaikan")).fill("Nama resmi menurut kop surat")
    page.get_by_role("button", name="Kirim usulan").click()
    expect(page.get_by_role("status")).to_contain_text("Usulan perbaikan terkirim.")
    own = page.get_by_role("region", name="Usulan unit Anda")
    expect(own).to_contain_text("Menunggu keputusan")
    expect(own).to_contain_text(CORRECTED)
    sign_out(page)

    # A Ditjenpas operator finds it in the queue and accepts it with a note.
    login(operator_pusat)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Mitra", exact=True).click()
    page.get_by_role("link", name="Usulan perbaikan").click()
    queue = page.get_by_role("region", name="Menunggu keputusan Anda")
    queue.get_by_label("Catatan untuk pengusul").fill("Sesuai kop surat terbaru")
    queue.get_by_role("button", name="Terima").click()
    expect(page.get_by_role("status")).to_contain_text("tersimpan")
    expect(page.get_by_role("region", name="Menunggu keputusan Anda")).to_have_count(0)
    sign_out(page)

    # The proposer sees the outcome, and the partner's page reads the corrected name with its history.
    login(operator_kudus)
    page.goto(f"{live_server.url}/mitra/usulan/")
    own = page.get_by_role("region", name="Usulan unit Anda")
    expect(own).to_contain_text("Diterima")
    expect(own).to_contain_text("Sesuai kop surat terbaru")
    page.goto(f"{live_server.url}/mitra/{kemenag.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(CORRECTED)
    expect(page.get_by_role("region", name="Riwayat perubahan")).to_contain_text(
        "Usulan perbaikan dari Rutan Kelas IIB Kudus diterima"
    )
    sign_out(page)

    # Blora's signed PKS still names the partner as signed, with the new name beside it.
    login(operator_blora)
    page.goto(f"{live_server.url}/perjanjian/{pks.pk}/")
    expect(page.get_by_role("link", name=KEMENAG, exact=True)).to_be_visible()
    expect(page.get_by_text(f"(kini: {CORRECTED})")).to_be_visible()
    summary = page.request.get(f"{live_server.url}/perjanjian/{pks.pk}/ringkasan.pdf")
    text = pdf_text(summary.body())
    assert f"Nomor {KEMENAG}" in text
    assert f"kini: {CORRECTED}" in text
