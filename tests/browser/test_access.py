"""Another unit's agreement does not exist for an operator: Kudus gets "not found" on Blora's PKS and its scan."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import AgreementDocumentFactory, AgreementFactory, AgreementPartyFactory, PartnerFactory

SUBJECT = "Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora"


def test_kudus_operator_gets_404_on_blora_pks(page, live_server, login, rutan_blora, operator_kudus):
    pks = AgreementFactory(unit=rutan_blora, subject=SUBJECT, signed_on="2024-12-30")
    AgreementPartyFactory(agreement=pks, partner=PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora"))
    scan = AgreementDocumentFactory(agreement=pks)

    login(operator_kudus)
    expect(page.get_by_role("heading", level=1)).to_have_text("Rutan Kelas IIB Kudus")

    for name, args in [
        ("agreements:detail", [pks.pk]),
        ("agreements:update", [pks.pk]),
        ("agreements:document_upload", [pks.pk]),
        ("agreements:document_download", [scan.pk]),
    ]:
        response = page.goto(live_server.url + reverse(name, args=args))
        assert response.status == 404, name
        expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
        expect(page.get_by_text(SUBJECT)).to_have_count(0)

    # Nor does it turn up in Kudus's register, however it is searched for.
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Perjanjian").click()
    page.get_by_role("searchbox").fill("keagamaan blora")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_role("status")).to_have_text("0 perjanjian")
    expect(page.get_by_text("Tidak ada perjanjian yang cocok dengan saringan ini.")).to_be_visible()
