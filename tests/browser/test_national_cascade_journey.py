"""The second source story in one journey: Ditjenpas registers the 1 Juli 2025 ceremony with nine partners in one
form (a bad row is refused and nothing typed is lost), cascades a MoU and a PKS to the UPT of Kanwil Jawa Tengah,
Rutan Kelas IIB Kudus records its local PKS with the bank's Kudus branch and an activity under the national PKS,
and the coverage matrix shows it."""

import pytest
from playwright.sync_api import expect

from agreements.models import Agreement, FollowUp, FollowUpState, SigningEvent
from partners.models import Partner
from programs.models import Activity
from tests.factories import PartnerFactory

PARTNERS = [
    ("Bank Contoh Nusantara (contoh)", "mou"),
    ("Bank Rakyat Contoh (contoh)", "pks"),
    ("Bank Syariah Contoh Indonesia (contoh)", "mou"),
    ("Universitas Contoh Nasional (contoh)", "mou"),
    ("Politeknik Contoh Indonesia (contoh)", "pks"),
    ("PT Teknologi Contoh Digital (contoh)", "mou"),
    ("PT Data Contoh Nusantara (contoh)", "pks"),
    ("Yayasan Contoh Peduli Warga Binaan (contoh)", "mou"),
    ("Lembaga Amil Zakat Contoh (contoh)", "pks"),
]


@pytest.fixture
def partners():
    return [PartnerFactory(name=name, sector=Partner.Sector.PERBANKAN_KEUANGAN) for name, _kind in PARTNERS]


def fill_row(page, index, name, kind, ends_on="2030-06-30"):
    prefix = f"#id_rows-{index}-"
    page.locator(prefix + "partner").fill(name)
    page.locator(prefix + "kind").select_option(kind)
    page.locator(prefix + "subject").fill(f"Kerja sama nasional dengan {name}")
    page.locator(prefix + "number").fill(f"PAS-HM.05.01-{index + 1:03d} (contoh)")
    page.locator(prefix + "partner_number").fill(f"NK-{index + 1:03d}/VII/2025 (contoh)")
    page.locator(prefix + "partner_signatory_name").fill(f"Direktur {index + 1} (contoh)")
    page.locator(prefix + "ends_on").fill(ends_on)


def register_ceremony(page, live_server, check_page):
    page.goto(f"{live_server.url}/perjanjian/acara/baru/")
    page.get_by_label("Nama acara").fill("Penandatanganan MoU dan PKS Ditjenpas dengan sembilan mitra strategis")
    page.get_by_label("Tanggal").fill("2025-07-01")
    page.get_by_label("Daring (virtual)").check()
    page.get_by_label("Sambutan oleh").fill("Direktur Jenderal Pemasyarakatan Mashudi")
    page.get_by_label("Penanda tangan pihak kami").first.fill("Pejabat Ditjenpas (contoh)")
    while page.locator("fieldset.formset-row").count() < len(PARTNERS):
        page.get_by_role("button", name="Tambah mitra").click()
    for index, (name, kind) in enumerate(PARTNERS):
        fill_row(page, index, name, kind, ends_on="2025-01-01" if index == 8 else "2030-06-30")
    page.locator("#id_rows-4-programs").select_option(label="Pelatihan keterampilan")
    page.locator("#id_rows-4-target_group").select_option("narapidana")
    page.get_by_role("button", name="Simpan acara dan semua perjanjiannya").click()
    # Row 9 ends before the ceremony: nothing is saved, the page says which row, and every row is kept.
    alert = page.get_by_role("alert").first
    expect(alert).to_contain_text("Baris 9")
    expect(alert).to_contain_text("Tanggal berakhir tidak boleh sebelum tanggal penandatanganan.")
    assert not SigningEvent.objects.exists() and not Agreement.objects.exists()
    expect(page.locator("#id_rows-0-partner")).to_have_value(PARTNERS[0][0])
    expect(page.locator("#id_rows-7-subject")).to_have_value(f"Kerja sama nasional dengan {PARTNERS[7][0]}")
    check_page("event-form-errors")
    page.locator("#id_rows-8-ends_on").fill("2028-06-30")
    page.get_by_role("button", name="Simpan acara dan semua perjanjiannya").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("sembilan mitra strategis")
    expect(page.get_by_role("heading", level=2, name="9 perjanjian ditandatangani")).to_be_visible()


def cascade_to_jateng(page, live_server, agreement, kanwil):
    page.goto(f"{live_server.url}/perjanjian/{agreement.pk}/")
    page.get_by_text("Teruskan ke unit").click()
    page.get_by_label("UPT dari Kanwil terpilih").check()
    page.locator("#id_cascade-kanwil").select_option(label=kanwil.name)
    page.get_by_role("button", name="Teruskan").click()
    expect(page.get_by_text("2 unit diminta menindaklanjuti perjanjian ini.").first).to_be_visible()


def test_ceremony_cascade_follow_up_and_coverage(
    page, live_server, login, operator_pusat, operator_kudus, rutan_blora, lapas_surabaya, partners, check_page
):
    kudus, kanwil = operator_kudus.unit, rutan_blora.parent
    login(operator_pusat)
    register_ceremony(page, live_server, check_page)
    check_page("event-detail")
    bank_mou = Agreement.objects.get(parties__partner__name=PARTNERS[0][0])
    national_pks = Agreement.objects.get(parties__partner__name=PARTNERS[4][0])
    cascade_to_jateng(page, live_server, bank_mou, kanwil)
    cascade_to_jateng(page, live_server, national_pks, kanwil)
    assert not FollowUp.objects.filter(unit=lapas_surabaya).exists()
    check_page("national-detail")
    page.goto(f"{live_server.url}/perjanjian/cakupan/")
    expect(page.get_by_role("row").filter(has_text=bank_mou.subject)).to_contain_text(
        "0 dari 2 UPT telah menindaklanjuti"
    )
    check_page("coverage")

    # Kudus: its local PKS with the bank's Kudus branch, then an activity under the national PKS.
    page.context.clear_cookies()
    login(operator_kudus)
    expect(page.get_by_role("heading", name="Perjanjian nasional menunggu tindak lanjut")).to_be_visible()
    check_page("home-follow-ups")
    page.goto(f"{live_server.url}{FollowUp.objects.get(agreement=national_pks, unit=kudus).get_absolute_url()}")
    check_page("follow-up")
    page.goto(f"{live_server.url}/perjanjian/{bank_mou.pk}/pks/")
    page.get_by_role("button", name="Tambahkan kantor setempat").click()
    branch = Partner.objects.get(parent__name=PARTNERS[0][0])
    expect(page.locator("#id_parties-0-partner")).to_have_value(branch.name)
    page.locator("#id_subject").fill("Layanan tabungan warga binaan Rutan Kelas IIB Kudus (contoh)")
    page.locator("#id_signed_on").fill("2025-08-14")
    page.locator("#id_our_signatory_name").fill("Anda Tuning")
    page.locator("#id_ends_on").fill("2028-06-30")
    page.locator("#id_parties-0-signatory_name").fill("Pemimpin Cabang Kudus (contoh)")
    page.get_by_role("button", name="Simpan perjanjian").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Layanan tabungan warga binaan Rutan Kelas IIB Kudus (contoh)"
    )
    assert FollowUp.objects.get(agreement=bank_mou, unit=kudus).state == FollowUpState.RUNNING

    page.goto(f"{live_server.url}/perjanjian/{national_pks.pk}/")
    page.get_by_role("row").filter(has_text="Pelatihan keterampilan").get_by_role("link", name="Catat kegiatan").click()
    page.locator("#id_starts_on").fill("2025-08-04")
    page.locator("#id_title").fill("Kelas menjahit Rutan Kudus (contoh)")
    page.locator("#id_narapidana").fill("12")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelas menjahit Rutan Kudus (contoh)")
    assert Activity.objects.get().unit == kudus

    # Ditjenpas sees the matrix change.
    page.context.clear_cookies()
    login(operator_pusat)
    page.goto(f"{live_server.url}/perjanjian/cakupan/")
    expect(page.get_by_role("row").filter(has_text=bank_mou.subject)).to_contain_text(
        "1 dari 2 UPT telah menindaklanjuti"
    )
    expect(page.get_by_role("row").filter(has_text=bank_mou.subject)).to_contain_text("Berjalan 1")
    page.get_by_role("link", name=kanwil.name).click()
    expect(page.get_by_role("row").filter(has_text=bank_mou.subject)).to_contain_text("Berjalan")
    check_page("coverage-kanwil")
