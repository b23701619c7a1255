"""An operator registers a partner in the shared directory and is stopped from registering it twice: the same name
in other letters is refused, a similar name asks the operator to look first."""

import re

from playwright.sync_api import expect

from partners.models import Partner

KEMENAG = "Kantor Kementerian Agama Kabupaten Blora"


def label(text):
    """A field's label as a user reads it, whatever the ":" or "*" that follows."""
    return re.compile(rf"^{re.escape(text)}:?( \*)?$")


def open_new_partner_form(page):
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Mitra", exact=True).click()
    page.get_by_role("link", name="Daftarkan mitra baru").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Daftarkan mitra baru")


def test_operator_registers_kemenag_blora_and_is_warned_when_typing_it_again(page, live_server, login, operator_blora):
    login(operator_blora)
    open_new_partner_form(page)
    identity = page.get_by_role("group", name="Identitas")
    identity.get_by_label(label("Nama")).fill(KEMENAG)
    identity.get_by_label(label("Singkatan")).fill("Kemenag Blora")
    identity.get_by_label(label("Sektor")).select_option(label="Kementerian/lembaga")
    identity.get_by_label(label("Tingkat")).select_option(label="Kabupaten/kota")
    address = page.get_by_role("group", name="Alamat dan kontak kantor")
    address.get_by_label(label("Provinsi")).fill("Jawa Tengah")
    address.get_by_label(label("Kabupaten/kota")).fill("Kabupaten Blora")
    address.get_by_label(label("Alamat")).fill("Jl. Pemuda No. 20, Blora")
    contact = page.get_by_role("group", name="Narahubung 1")
    contact.get_by_label(label("Nama")).fill("Roziqun")
    contact.get_by_label(label("Jabatan")).fill("Kepala Kantor")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("status")).to_contain_text(f"Mitra “{KEMENAG}” tersimpan.")
    expect(page.get_by_role("heading", level=1)).to_have_text(KEMENAG)
    expect(page.get_by_role("region", name="Data mitra")).to_contain_text("Kabupaten Blora, Jawa Tengah")
    expect(page.get_by_role("region", name="Narahubung")).to_contain_text("Roziqun")
    expect(page.get_by_text("Belum ada perjanjian dengan mitra ini yang dapat Anda lihat.")).to_be_visible()

    # The same name again, in other letters and spacing: the form says so while typing, and refuses it.
    open_new_partner_form(page)
    name = page.get_by_role("group", name="Identitas").get_by_label(label("Nama"))
    name.press_sequentially("kantor kementerian agama  KABUPATEN blora")
    hint = page.get_by_text("Nama ini sudah terdaftar:")
    expect(hint).to_be_visible()
    expect(hint.get_by_role("link", name=f"{KEMENAG} — Kementerian/lembaga, Kabupaten Blora")).to_be_visible()
    page.get_by_label(label("Sektor")).select_option(label="Kementerian/lembaga")
    page.get_by_label(label("Tingkat")).select_option(label="Kabupaten/kota")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert")).to_contain_text("Data belum tersimpan.")
    name = page.get_by_role("group", name="Identitas").get_by_label(label("Nama"))
    expect(name).to_have_accessible_description(re.compile(f"Mitra “{KEMENAG}” sudah terdaftar"))
    expect(name).to_have_value("kantor kementerian agama  KABUPATEN blora")

    # A similar name (the everyday abbreviation): the operator is shown the registered one before anything is saved.
    name.fill("Kantor Kemenag Kab. Blora")
    hint = page.get_by_text("Mitra dengan nama mirip sudah terdaftar:")
    expect(hint).to_be_visible()
    page.get_by_role("button", name="Simpan").click()
    warning = page.get_by_role("alert").filter(has_text="Mungkin mitra ini sudah terdaftar")
    expect(warning.get_by_role("link", name=KEMENAG)).to_be_visible()
    expect(warning.get_by_label("Saya sudah memeriksa: ini mitra yang berbeda")).not_to_be_checked()
    assert list(Partner.objects.values_list("name", flat=True)) == [KEMENAG]

    # And the directory finds it by its short name.
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Mitra", exact=True).click()
    page.get_by_role("searchbox").fill("kemenag")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_role("status")).to_have_text("1 mitra")
    expect(page.get_by_role("table", name="Direktori mitra").get_by_role("link", name=KEMENAG)).to_be_visible()
