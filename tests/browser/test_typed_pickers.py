"""An operator links a new PKS to the national MoU by typing in "Perjanjian induk": the suggestions offer only
the MoUs that may hold a PKS of its unit, never another unit's agreements."""

import re

import pytest
from playwright.sync_api import expect

from agreements.models import Agreement
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    PartnerFactory,
    UserFactory,
)
from units.models import User

SCREENSHOTS = "/tmp/scoped-writes-screens"


def label(text):
    """A field's label as a user reads it, whatever the ":" or "*" that follows."""
    return re.compile(rf"^{re.escape(text)}:?( \*)?$")


@pytest.fixture
def agreements_around(ditjenpas, rutan_blora, rutan_kudus):
    national = AgreementFactory(unit=ditjenpas, kind=Agreement.Kind.MOU, subject="MoU nasional layanan keagamaan")
    AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.PKS, subject="PKS keagamaan Blora lama")
    AgreementFactory(unit=rutan_kudus, kind=Agreement.Kind.MOU, subject="MoU keagamaan Kudus")
    return national


def test_the_parent_picker_suggests_only_what_may_hold_the_pks(live_server, login, operator_blora, agreements_around):
    PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    page = login(operator_blora)
    page.goto(f"{live_server.url}/perjanjian/baru/")
    page.get_by_label(label("Jenis")).select_option(label="Perjanjian Kerja Sama (PKS)")
    page.get_by_label(label("Perihal")).fill("Pembinaan keagamaan lanjutan")
    page.get_by_label(label("Tanggal berakhir")).fill("2027-12-31")
    parent = page.get_by_role("combobox", name=label("Perjanjian induk"))
    with page.expect_response(lambda response: "/perjanjian/cari/" in response.url and "q=keag" in response.url):
        parent.press_sequentially("keag")
    options = page.locator("#id_parent_options option")
    expect(options).to_have_count(1)
    value = options.first.get_attribute("value")
    assert value.startswith("Nota Kesepahaman (MoU): MoU nasional layanan keagamaan (#")
    parent.fill(value)
    party = page.get_by_role("group", name="Pihak mitra 1")
    party.get_by_role("combobox", name=label("Mitra")).fill("Kantor Kementerian Agama Kabupaten Blora")
    page.screenshot(path=f"{SCREENSHOTS}/agreement-form-operator.png", full_page=True)
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("tersimpan")
    assert Agreement.objects.get(subject="Pembinaan keagamaan lanjutan").parent == agreements_around


def test_pages_with_pickers_as_an_administrator(live_server, login, admin_pusat, rutan_blora, agreements_around):
    partner = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora", parent=PartnerFactory(name="Kemenag"))
    page = login(admin_pusat)
    page.goto(f"{live_server.url}/perjanjian/baru/")
    unit = page.get_by_role("combobox", name=label("Unit pemilik"))
    with page.expect_response(lambda response: "/akun/unit/cari/" in response.url):
        unit.press_sequentially("Blora")
    expect(page.locator("#id_unit_options option")).to_have_count(1)
    page.screenshot(path=f"{SCREENSHOTS}/agreement-form-administrator.png", full_page=True)
    page.goto(f"{live_server.url}/mitra/{partner.pk}/ubah/")
    expect(page.get_by_role("combobox", name=label("Induk"))).to_have_value("Kemenag")
    page.screenshot(path=f"{SCREENSHOTS}/partner-form.png", full_page=True)


def test_the_admin_agreement_page_offers_no_deletion_to_an_administrator(live_server, login, rutan_blora):
    administrator = UserFactory(username="admin.kedua", role=User.Role.ADMINISTRATOR, is_superuser=False)
    agreement = AgreementFactory(unit=rutan_blora, subject="PKS keagamaan Blora")
    AgreementPartyFactory(agreement=agreement)
    AgreementDocumentFactory(agreement=agreement, title="Naskah bertanda tangan")
    page = login(administrator)
    page.goto(f"{live_server.url}/admin/agreements/agreement/{agreement.pk}/change/")
    expect(page.locator("input[name=documents-0-title]")).to_have_value("Naskah bertanda tangan")
    expect(page.locator("input[name=documents-0-DELETE]")).to_have_count(0)
    page.screenshot(path=f"{SCREENSHOTS}/admin-agreement.png", full_page=True)
