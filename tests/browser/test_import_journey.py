"""An operator brings a register kept with its own headers: maps its columns once, sees what will be created and
updated, imports it; the head then verifies the batch in one step."""

import datetime
import os
from pathlib import Path

from tests.factories import AgreementFactory, AgreementPartyFactory, PartnerFactory
from tests.test_exchange_column_mapping import OWN_HEADERS, own_register

# Where to keep a picture of each step, to look at while working on these pages (unset in CI).
SHOTS = os.environ.get("SINERGI_SCREENSHOTS")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_map_preview_import_and_verify(
    page, live_server, login, operator_blora, kepala_blora, assert_accessible, tmp_path
):
    kemenag = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    recorded = AgreementFactory(
        unit=operator_blora.unit, number="L-1", subject="Kerja sama lama", signed_on=datetime.date(2024, 12, 30),
        ends_on=datetime.date(2026, 12, 30), signed_place="", our_signatory_position="",
    )  # fmt: skip
    AgreementPartyFactory(agreement=recorded, partner=kemenag, signatory_name="Roziqun", signatory_position="")
    register = tmp_path / "register-lama.xlsx"
    register.write_bytes(own_register("L-1", "L-2", "L-3"))

    login(operator_blora)
    page.goto(f"{live_server.url}/data/impor/")
    page.locator("input[type=file]").set_input_files(register)
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.get_by_role("heading", name="Petakan kolom: register-lama.xlsx").wait_for()
    shot(page, "1-petakan-kolom")
    assert page.get_by_label("Nomor", exact=True).input_value() == str(OWN_HEADERS.index("No. Perjanjian"))
    assert_accessible(page)
    page.get_by_label("Perihal", exact=True).select_option(label="Judul")
    page.get_by_label("Penanda tangan pihak kami", exact=True).select_option(label="Penandatangan Rutan")
    page.get_by_role("button", name="Simpan pemetaan dan periksa berkas").click()

    page.get_by_text("3 baris: 2 siap dibuat, 1 akan diperbarui, 0 tidak berubah, 0 ditolak.").wait_for()
    assert page.get_by_text("Perihal: “Kerja sama lama” → “Kerja sama L-1”").is_visible()
    assert_accessible(page)
    shot(page, "2-pratinjau")
    page.get_by_role("button", name="Impor 3 baris").click()
    page.get_by_text("3 perjanjian dari impor ini menunggu verifikasi kepala unit.").wait_for()
    shot(page, "3-selesai-operator")
    job_url = page.url

    page.context.clear_cookies()
    login(kepala_blora)
    page.goto(job_url)
    assert_accessible(page)
    shot(page, "4-kepala-sebelum")
    page.get_by_role("button", name="Verifikasi 3 perjanjian sekaligus").click()
    page.get_by_text("Semua perjanjian dari impor ini sudah terverifikasi.").wait_for()
    shot(page, "5-kepala-sesudah")
