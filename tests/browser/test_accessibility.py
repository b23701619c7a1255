"""axe-core finds no serious or critical problem on the main pages, on a desktop and on a phone.

With SINERGI_SCREENSHOTS=dir each page is also saved as a full-page PNG per screen size, to be looked at.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from programs.models import Program, TargetGroup
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    ContactFactory,
    PartnerFactory,
)

KEMENAG = "Kantor Kementerian Agama Kabupaten Blora"
SUBJECT = "Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora"


@pytest.fixture
def blora_pks(rutan_blora, operator_blora):
    """The Blora PKS as it stands once registered, so that every page has something real to show."""
    kemenag = PartnerFactory(
        name=KEMENAG,
        short_name="Kemenag Blora",
        sector="kementerian_lembaga",
        regency="Kabupaten Blora",
        province="Jawa Tengah",
        address="Jl. Pemuda No. 20, Blora",
    )
    ContactFactory(partner=kemenag, name="Roziqun", position="Kepala Kantor")
    pks = AgreementFactory(
        unit=rutan_blora,
        subject=SUBJECT,
        number="W13.PAS.PAS15-UM.01.01-101 Tahun 2024",
        signed_on=datetime.date(2024, 12, 30),
        starts_on=datetime.date(2025, 1, 2),
        ends_on=datetime.date(2027, 12, 31),
        our_signatory_position="Kepala Rutan Kelas IIB Blora",
        scope="Bimbingan keagamaan, pelatihan rohani, dan pendampingan moral bagi warga binaan.",
        created_by=operator_blora,
    )
    AgreementPartyFactory(
        agreement=pks,
        partner=kemenag,
        number="B-101/Kk.11.16/HM.01/12/2024",
        signatory_position="Kepala Kantor Kementerian Agama Kabupaten Blora",
    )
    for name, group, participants in [
        ("Bimbingan keagamaan", TargetGroup.NARAPIDANA, 60),
        ("Pelatihan rohani", TargetGroup.NARAPIDANA, 30),
        ("Pendampingan moral", TargetGroup.TAHANAN, 40),
    ]:
        AgreementProgramFactory(
            agreement=pks, program=Program.objects.get(name=name), target_group=group, target_participants=participants
        )
    AgreementDocumentFactory(
        agreement=pks, original_name="PKS Rutan Blora - Kemenag Blora.pdf", uploaded_by=operator_blora
    )
    ended = AgreementFactory(
        unit=rutan_blora,
        subject="Pembinaan keagamaan bagi warga binaan",
        signed_on=datetime.date(2022, 1, 17),
        ends_on=datetime.date(2024, 12, 31),
    )
    AgreementPartyFactory(agreement=ended, partner=kemenag)
    pks.renews = ended
    pks.save()
    return pks


def agreement_form_with_errors(page, live_server, pks):
    page.goto(f"{live_server.url}/perjanjian/baru/")
    page.get_by_role("button", name="Simpan perjanjian").click()
    expect(page.get_by_role("alert").first).to_contain_text("Perjanjian belum tersimpan.")


def partner_form_with_warning(page, live_server, pks):
    page.goto(f"{live_server.url}/mitra/baru/")
    page.get_by_role("group", name="Identitas").get_by_label(re.compile("^Nama")).fill("Kantor Kemenag Kab. Blora")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert").first).to_be_visible()


PAGES = {
    "home": ("/", "Rutan Kelas IIB Blora"),
    "agreements-list": ("/perjanjian/", "Perjanjian"),
    "agreement-detail": ("/perjanjian/{pk}/", SUBJECT),
    "agreement-form": ("/perjanjian/baru/", "Catat perjanjian baru"),
    "agreement-form-errors": (agreement_form_with_errors, "Catat perjanjian baru"),
    "partner-directory": ("/mitra/", "Direktori mitra"),
    "partner-page": ("/mitra/{partner}/", KEMENAG),
    "partner-form": ("/mitra/baru/", "Daftarkan mitra baru"),
    "partner-form-warning": (partner_form_with_warning, "Daftarkan mitra baru"),
    "partner-status": ("/mitra/status/", "Status mitra kerja sama"),
    "partner-propose": ("/mitra/{partner}/usulkan-perbaikan/", "Usulkan perbaikan identitas mitra"),
    "partner-corrections": ("/mitra/usulan/", "Usulan perbaikan mitra"),
    "not-found": ("/perjanjian/999999/", "Halaman tidak ditemukan"),
}


@pytest.mark.parametrize("name", PAGES)
def test_main_page_has_no_serious_accessibility_problem(
    name, page, live_server, login, operator_blora, blora_pks, check_page
):
    where, heading = PAGES[name]
    login(operator_blora)
    if callable(where):
        where(page, live_server, blora_pks)
    else:
        partner = blora_pks.parties.get().partner_id
        page.goto(live_server.url + where.format(pk=blora_pks.pk, partner=partner))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    check_page(name)


def test_login_page_has_no_serious_accessibility_problem(page, live_server, check_page):
    page.goto(f"{live_server.url}/akun/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Masuk ke Sinergi")
    check_page("login")
    page.get_by_label("Nama pengguna").fill("operator.blora")
    page.get_by_label("Kata sandi").fill("salah")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check_page("login-errors")
