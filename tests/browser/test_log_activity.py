"""The operator of Rutan Kelas IIB Blora records February's bimbingan keagamaan under the PKS with Kantor
Kementerian Agama Kabupaten Blora, with a photo, then finds it on the agreement's timeline and in the month's
activities; a text file renamed to .jpg is refused without losing what was typed."""

import re

import pytest
from playwright.sync_api import expect

from programs.models import Activity, Program, TargetGroup
from tests.factories import AgreementFactory, AgreementPartyFactory, AgreementProgramFactory, PartnerFactory, png_bytes

SUBJECT = "Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora"
TITLE = "Bimbingan keagamaan: kajian rutin Februari"


def label(text):
    """A field's label as a user reads it, whatever the ":" or "*" that follows."""
    return re.compile(rf"^{re.escape(text)}:?( \*)?$")


@pytest.fixture
def blora_pks(rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora, subject=SUBJECT, signed_on="2024-12-30", ends_on="2027-12-31")
    AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora"))
    for name, target in (("Pelatihan rohani", 30), ("Bimbingan keagamaan", 50)):
        AgreementProgramFactory(
            agreement=agreement,
            program=Program.objects.get(name=name),
            target_group=TargetGroup.NARAPIDANA,
            target_participants=target,
        )
    return agreement


@pytest.fixture
def kajian_photo(tmp_path):
    path = tmp_path / "kajian februari.png"
    path.write_bytes(png_bytes((640, 480), (120, 160, 90)))
    return path


@pytest.fixture
def renamed_text(tmp_path):
    path = tmp_path / "daftar hadir.jpg"
    path.write_text("Daftar hadir kajian, diketik di Notepad lalu diganti namanya.\n")
    return path


def open_log_form(page, live_server, agreement, program_name):
    page.goto(f"{live_server.url}/perjanjian/{agreement.pk}/")
    row = page.get_by_role("row").filter(has_text=program_name)
    row.get_by_role("link", name="Catat kegiatan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Catat kegiatan")


def test_operator_logs_bimbingan_keagamaan_with_a_photo(
    page, live_server, login, operator_blora, blora_pks, kajian_photo, renamed_text, assert_accessible
):
    login(operator_blora)
    open_log_form(page, live_server, blora_pks, "Bimbingan keagamaan")
    expect(page.get_by_label(label("Program perjanjian"))).to_have_value(
        str(blora_pks.programs.get(program__name="Bimbingan keagamaan").pk)
    )
    assert_accessible(page)

    page.get_by_label(label("Tanggal")).fill("2025-02-14")
    page.get_by_label(label("Nama kegiatan")).fill(TITLE)
    page.get_by_label(label("Tempat")).fill("Masjid Rutan Blora")
    page.get_by_label(label("Narasumber/fasilitator mitra")).fill("Ahmad Sholeh")
    page.get_by_label(label("Narapidana")).fill("25")
    page.get_by_label(label("Foto dan dokumen bukti")).set_input_files(kajian_photo)
    page.get_by_role("button", name="Simpan kegiatan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text("tercatat")
    photo = page.get_by_role("img", name="Foto bukti: kajian februari.png")
    expect(photo).to_be_visible()
    photo.scroll_into_view_if_needed()
    loaded_width = photo.evaluate(
        "img => img.complete ? img.naturalWidth"
        " : new Promise(done => { img.onload = () => done(img.naturalWidth); img.onerror = () => done(0); })"
    )
    assert loaded_width > 0, "the thumbnail is served"

    # The agreement's page: the activity on the timeline, and the program's progress against its target.
    page.get_by_role("link", name=SUBJECT).click()
    timeline = page.get_by_role("region", name="Kegiatan")
    expect(timeline.get_by_role("link", name=TITLE)).to_be_visible()
    expect(timeline).to_contain_text("14 Februari 2025")
    expect(timeline).to_contain_text("25 peserta")
    expect(page.get_by_role("row").filter(has_text="Bimbingan keagamaan")).to_contain_text("25 dari 50 warga binaan")
    expect(page.get_by_role("row").filter(has_text="Pelatihan rohani")).to_contain_text("0 dari 30 warga binaan")

    # The month's activities, with totals over what the filter keeps.
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Kegiatan", exact=True).click()
    page.get_by_label(label("Bulan")).select_option(label="Februari")
    page.get_by_label(label("Tahun")).select_option("2025")
    page.get_by_role("button", name="Terapkan").click()
    totals = page.get_by_role("list", name="Jumlah atas kegiatan yang tersaring")
    expect(totals.get_by_role("listitem").nth(0)).to_have_text(re.compile(r"^\s*1\s+kegiatan\s*$"))
    expect(totals.get_by_role("listitem").nth(1)).to_have_text(re.compile(r"^\s*25\s+peserta\s*$"))
    expect(page.get_by_role("table").get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(page)

    # A text file renamed to .jpg: refused, with what was typed still there.
    open_log_form(page, live_server, blora_pks, "Bimbingan keagamaan")
    page.get_by_label(label("Tanggal")).fill("2025-03-14")
    page.get_by_label(label("Nama kegiatan")).fill("Bimbingan keagamaan: kajian rutin Maret")
    page.get_by_label(label("Narapidana")).fill("30")
    page.get_by_label(label("Foto dan dokumen bukti")).set_input_files(renamed_text)
    page.get_by_role("button", name="Simpan kegiatan").click()

    expect(page.get_by_role("alert").first).to_contain_text("Kegiatan belum tersimpan")
    expect(page.get_by_text("Berkas “daftar hadir.jpg” bukan foto JPEG/PNG atau PDF.")).to_be_visible()
    expect(page.get_by_label(label("Nama kegiatan"))).to_have_value("Bimbingan keagamaan: kajian rutin Maret")
    expect(page.get_by_label(label("Tanggal"))).to_have_value("2025-03-14")
    expect(page.get_by_label(label("Narapidana"))).to_have_value("30")
    expect(page.get_by_label(label("Narasumber/fasilitator mitra"))).to_have_value("Ahmad Sholeh")
    assert_accessible(page)
    assert Activity.objects.count() == 1
