"""A new operator of Rutan Kelas IIB Blora records the PKS of 30 Desember 2024 with Kantor Kementerian Agama
Kabupaten Blora, as they would on their first day: register the partner, type the PKS in, attach the signed scan,
then find it again and download the scan."""

import re

import pytest
from playwright.sync_api import expect
from weasyprint import HTML

from agreements.models import Agreement
from tests.factories import AgreementFactory, AgreementPartyFactory, PartnerFactory

KEMENAG = "Kantor Kementerian Agama Kabupaten Blora"
SUBJECT = "Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora"
PROGRAMS = [
    ("Bimbingan keagamaan", "Narapidana", "60"),
    ("Pelatihan rohani", "Narapidana", "30"),
    ("Pendampingan moral", "Tahanan", "40"),
]


@pytest.fixture
def signed_scan(tmp_path):
    """A real (small) PDF, as a scanner or a word processor would have made it."""
    path = tmp_path / "PKS Rutan Blora - Kemenag Blora.pdf"
    HTML(string="<h1>Perjanjian Kerja Sama</h1><p>Blora, 30 Desember 2024</p>").write_pdf(path)
    return path


@pytest.fixture
def other_blora_pks(rutan_blora):
    """Something else in the register, so that searching and filtering have something to leave out."""
    agreement = AgreementFactory(unit=rutan_blora, subject="Pelatihan keterampilan menjahit", signed_on="2025-03-10")
    AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(name="Balai Latihan Kerja Kabupaten Blora"))
    return agreement


def label(text):
    """A field's label as a user reads it, whatever the ":" or "*" that follows."""
    return re.compile(rf"^{re.escape(text)}:?( \*)?$")


def register_partner(page):
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Mitra", exact=True).click()
    page.get_by_role("link", name="Daftarkan mitra baru").first.click()
    identity = page.get_by_role("group", name="Identitas")
    identity.get_by_label(label("Nama")).fill(KEMENAG)
    identity.get_by_label(label("Singkatan")).fill("Kemenag Blora")
    identity.get_by_label(label("Sektor")).select_option(label="Kementerian/lembaga")
    identity.get_by_label(label("Tingkat")).select_option(label="Kabupaten/kota")
    address = page.get_by_role("group", name="Alamat dan kontak kantor")
    address.get_by_label(label("Provinsi")).fill("Jawa Tengah")
    address.get_by_label(label("Kabupaten/kota")).fill("Kabupaten Blora")
    contact = page.get_by_role("group", name="Narahubung 1")
    contact.get_by_label(label("Nama")).fill("Roziqun")
    contact.get_by_label(label("Jabatan")).fill("Kepala Kantor")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(KEMENAG)
    expect(page.get_by_role("status")).to_contain_text(f"Mitra “{KEMENAG}” tersimpan.")


def is_warned_when_typing_it_again(page):
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Mitra", exact=True).click()
    page.get_by_role("link", name="Daftarkan mitra baru").first.click()
    page.get_by_role("group", name="Identitas").get_by_label(label("Nama")).press_sequentially(
        "kantor kementerian agama KABUPATEN BLORA"
    )
    hint = page.get_by_text("Nama ini sudah terdaftar:")
    expect(hint).to_be_visible()
    expect(hint.get_by_role("link", name=f"{KEMENAG} — Kementerian/lembaga")).to_be_visible()


def type_in_the_pks(page):
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Perjanjian").click()
    page.get_by_role("link", name="Catat perjanjian baru").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Catat perjanjian baru")

    page.get_by_label(label("Jenis")).select_option(label="Perjanjian Kerja Sama (PKS)")
    page.get_by_label(label("Nomor pihak kami")).fill("W13.PAS.PAS15-UM.01.01-101 Tahun 2024")
    page.get_by_label(label("Perihal")).fill(SUBJECT)
    page.get_by_label(label("Tanggal penandatanganan")).fill("2024-12-30")
    page.get_by_label(label("Tempat penandatanganan")).fill("Blora")
    page.get_by_label(label("Penanda tangan pihak kami")).fill("Budi Hardiono")
    page.get_by_label(label("Jabatan penanda tangan pihak kami")).fill("Kepala Rutan Kelas IIB Blora")
    page.get_by_label(label("Tanggal mulai berlaku")).fill("2025-01-02")
    page.get_by_label(label("Tanggal berakhir")).fill("2027-12-31")

    party = page.get_by_role("group", name="Pihak mitra 1")
    partner = party.get_by_role("combobox", name=label("Mitra"))
    # The suggestions come from the partner directory while typing; picking one puts its full name in the box.
    with page.expect_response(lambda response: "/mitra/cari/?q=" in response.url) as suggestions:
        partner.press_sequentially("kementerian agama")
    assert suggestions.value.ok
    suggestion = party.locator("datalist option")
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_have_attribute("value", KEMENAG)
    partner.fill(suggestion.get_attribute("value"))
    party.get_by_label(label("Nomor pihak mitra")).fill("B-101/Kk.11.16/HM.01/12/2024")
    party.get_by_label(label("Penanda tangan mitra")).fill("Roziqun")
    party.get_by_label(label("Jabatan penanda tangan mitra")).fill("Kepala Kantor Kementerian Agama Kabupaten Blora")

    page.get_by_label(label("Ruang lingkup")).fill(
        "Bimbingan keagamaan, pelatihan rohani, dan pendampingan moral bagi warga binaan."
    )
    for number, (program, group, participants) in enumerate(PROGRAMS, start=1):
        if number > 1:
            page.get_by_role("button", name="Tambah program").click()
        row = page.get_by_role("group", name=f"Program {number}", exact=True)
        row.get_by_label(label("Program")).select_option(label=program)
        row.get_by_label(label("Sasaran")).select_option(label=group)
        row.get_by_label(label("Target peserta")).fill(participants)


def test_new_operator_registers_the_blora_pks_and_finds_it_again(
    page, live_server, login, operator_blora, other_blora_pks, signed_scan
):
    login(operator_blora)
    expect(page.get_by_role("heading", level=1)).to_have_text("Rutan Kelas IIB Blora")

    register_partner(page)
    is_warned_when_typing_it_again(page)

    type_in_the_pks(page)
    page.get_by_label(label("Pindaian naskah bertanda tangan")).set_input_files(signed_scan)
    page.get_by_role("button", name="Simpan perjanjian").click()

    # The agreement's page, with everything typed in.
    expect(page.get_by_role("status")).to_contain_text(f"Perjanjian “{SUBJECT}” tersimpan.")
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    summary = page.get_by_role("region", name="Ringkasan")
    expect(summary).to_contain_text("Senin, 30 Desember 2024, di Blora")
    expect(summary).to_contain_text("2 Januari 2025")
    expect(summary).to_contain_text("31 Desember 2027")
    parties = page.get_by_role("region", name="Para pihak")
    expect(parties).to_contain_text("Budi Hardiono, Kepala Rutan Kelas IIB Blora")
    expect(parties.get_by_role("link", name=KEMENAG)).to_be_visible()
    expect(parties).to_contain_text("Roziqun, Kepala Kantor Kementerian Agama Kabupaten Blora")
    programs = page.get_by_role("region", name="Program", exact=True).get_by_role("row")
    expect(programs).to_have_count(1 + len(PROGRAMS))
    for row, (program, group, participants) in zip(programs.all()[1:], PROGRAMS, strict=True):
        expect(row).to_contain_text(program)
        expect(row).to_contain_text(group)
        expect(row).to_contain_text(f"{participants} orang")
    documents = page.get_by_role("region", name="Dokumen")
    expect(documents.get_by_role("link", name=signed_scan.name, exact=True)).to_be_visible()

    # Finding it again: by the partner's everyday name, then with the filters.
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Perjanjian").click()
    expect(page.get_by_role("status")).to_have_text("2 perjanjian")
    page.get_by_role("searchbox", name=label("Cari")).fill("kemenag blora")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_role("status")).to_have_text("1 perjanjian")
    expect(page.get_by_role("link", name=SUBJECT)).to_be_visible()
    expect(page.get_by_role("link", name=other_blora_pks.subject)).to_have_count(0)

    page.get_by_role("link", name="Hapus semua saringan").click()
    expect(page.get_by_role("status")).to_have_text("2 perjanjian")
    page.get_by_label(label("Jenis")).select_option(label="Perjanjian Kerja Sama (PKS)")
    page.get_by_text("Saringan lain").click()
    page.get_by_label(label("Program")).select_option(label="Pendampingan moral")
    page.get_by_label(label("Tahun penandatanganan")).select_option("2024")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_role("status")).to_have_text("1 perjanjian")
    expect(page.get_by_role("link", name=other_blora_pks.subject)).to_have_count(0)

    page.get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    with page.expect_download() as download_info:
        page.get_by_role("region", name="Dokumen").get_by_role("link", name=signed_scan.name, exact=True).click()
    download = download_info.value
    assert download.suggested_filename == signed_scan.name
    with open(download.path(), "rb") as scan:
        assert scan.read(5) == b"%PDF-"

    agreement = Agreement.objects.get(subject=SUBJECT)
    assert agreement.unit == operator_blora.unit
    assert agreement.created_by == operator_blora


def test_end_before_start_keeps_what_was_typed(page, live_server, login, operator_blora, signed_scan):
    PartnerFactory(name=KEMENAG)
    login(operator_blora)
    type_in_the_pks(page)
    page.get_by_label(label("Tanggal berakhir")).fill("2024-12-31")
    page.get_by_label(label("Pindaian naskah bertanda tangan")).set_input_files(signed_scan)
    page.get_by_role("button", name="Simpan perjanjian").click()

    expect(page.get_by_role("alert").first).to_contain_text("Perjanjian belum tersimpan.")
    ends_on = page.get_by_label(label("Tanggal berakhir"))
    expect(ends_on).to_have_attribute("aria-invalid", "true")
    expect(ends_on).to_have_accessible_description(
        re.compile("Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku")
    )
    expect(page.get_by_text("Pilih ulang berkas sebelum menyimpan.")).to_be_visible()

    # Everything else is as it was typed.
    expect(page.get_by_label(label("Jenis"))).to_have_value("pks")
    expect(page.get_by_label(label("Perihal"))).to_have_value(SUBJECT)
    expect(page.get_by_label(label("Nomor pihak kami"))).to_have_value("W13.PAS.PAS15-UM.01.01-101 Tahun 2024")
    expect(page.get_by_label(label("Tanggal penandatanganan"))).to_have_value("2024-12-30")
    expect(page.get_by_label(label("Tanggal mulai berlaku"))).to_have_value("2025-01-02")
    expect(ends_on).to_have_value("2024-12-31")
    party = page.get_by_role("group", name="Pihak mitra 1")
    expect(party.get_by_role("combobox", name=label("Mitra"))).to_have_value(KEMENAG)
    expect(party.get_by_label(label("Penanda tangan mitra"))).to_have_value("Roziqun")
    for number, (program, group, participants) in enumerate(PROGRAMS, start=1):
        row = page.get_by_role("group", name=f"Program {number}", exact=True)
        expect(row.get_by_label(label("Program")).locator("option:checked")).to_have_text(program)
        expect(row.get_by_label(label("Sasaran")).locator("option:checked")).to_have_text(group)
        expect(row.get_by_label(label("Target peserta"))).to_have_value(participants)
    assert not Agreement.objects.exists()

    # Correcting the one date (and choosing the file again) is all it takes.
    ends_on.fill("2027-12-31")
    page.get_by_label(label("Pindaian naskah bertanda tangan")).set_input_files(signed_scan)
    page.get_by_role("button", name="Simpan perjanjian").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    agreement = Agreement.objects.get()
    assert agreement.programs.count() == len(PROGRAMS)
    assert agreement.documents.count() == 1
