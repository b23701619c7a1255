"""The heads' loop in a browser: an operator registers a PKS, the Kepala Rutan returns it with a note, the
operator corrects and resubmits it, the Kepala verifies it; and the Kepala's bell shows the reminder for an
agreement ending in 30 days."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_register_agreement_journey import KEMENAG, SUBJECT, label, type_in_the_pks
from tests.factories import AgreementFactory, PartnerFactory

NOTE = "Nomor pihak kami tertulis keliru; sesuaikan dengan naskah."


def sign_out(page):
    page.get_by_role("button", name="Keluar").click()


def test_operator_registers_head_returns_operator_fixes_head_verifies(
    page, live_server, login, operator_blora, kepala_blora
):
    PartnerFactory(name=KEMENAG)
    login(operator_blora)
    type_in_the_pks(page)
    page.get_by_role("button", name="Simpan perjanjian").click()
    verification = page.get_by_role("region", name="Verifikasi kepala unit")
    expect(verification).to_contain_text("Menunggu verifikasi")
    expect(verification.get_by_role("button", name="Verifikasi")).to_have_count(0)  # an operator cannot verify
    sign_out(page)

    login(kepala_blora)
    waiting = page.get_by_role("region", name="Menunggu verifikasi Anda: 1 perjanjian")
    waiting.get_by_role("link", name=SUBJECT).click()
    verification = page.get_by_role("region", name="Verifikasi kepala unit")
    verification.get_by_label(label("Yang perlu diperbaiki")).fill(NOTE)
    verification.get_by_role("button", name="Kembalikan dengan catatan").click()
    expect(page.get_by_role("status").first).to_contain_text("dikembalikan kepada operator")
    sign_out(page)

    login(operator_blora)
    page.get_by_role("region", name="Dikembalikan kepala unit untuk diperbaiki").get_by_role(
        "link", name=SUBJECT
    ).click()
    expect(page.get_by_role("region", name="Verifikasi kepala unit")).to_contain_text(NOTE)
    page.get_by_role("link", name="Ubah", exact=True).click()
    expect(page.get_by_text(NOTE)).to_be_visible()
    page.get_by_label(label("Nomor pihak kami")).fill("W13.PAS.PAS15-UM.01.01-102 Tahun 2024")
    page.get_by_role("button", name="Simpan perjanjian").click()
    expect(page.get_by_role("region", name="Verifikasi kepala unit")).to_contain_text("Menunggu verifikasi")
    sign_out(page)

    login(kepala_blora)
    page.get_by_role("link", name=SUBJECT).first.click()
    page.get_by_role("region", name="Verifikasi kepala unit").get_by_role("button", name="Verifikasi").click()
    verification = page.get_by_role("region", name="Verifikasi kepala unit")
    expect(verification).to_contain_text("Terverifikasi")
    expect(verification.get_by_role("listitem")).to_have_count(4)  # submitted, returned, resubmitted, verified


def test_heads_bell_shows_the_reminder_for_an_agreement_ending_in_30_days(page, live_server, login, kepala_blora):
    ends = timezone.localdate() + datetime.timedelta(days=30)
    AgreementFactory(
        unit=kepala_blora.unit,
        subject="PKS pelatihan menjahit",
        ends_on=ends,
        signed_on=ends - datetime.timedelta(days=60),  # too recent to be reported dormant as well
    )
    call_command("send_reminders", stdout=io.StringIO())

    login(kepala_blora)
    bell = page.get_by_role("link", name="Pemberitahuan 1 belum dibaca")
    expect(bell).to_be_visible()
    bell.click()
    reminder = page.get_by_role("link", name="Berakhir dalam 30 hari: PKS pelatihan menjahit")
    expect(reminder).to_be_visible()
    reminder.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluasi perpanjangan")
    page.get_by_label("Biarkan berakhir").check()
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PKS pelatihan menjahit")
