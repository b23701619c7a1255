"""A row naming an agreement of the user's own unit by its number updates it: the preview says what changes,
confirming changes it as the form would (next version, history, back to the head); another unit's stays refused."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Agreement
from exchange.models import ImportJob
from tests.factories import AgreementFactory, AgreementPartyFactory, PartnerFactory
from tests.test_exchange_spreadsheets import HEADER, agreement_row, refusals, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(rutan_blora):
    """Rutan Blora's PKS as the head verified it, with the partner's signatory as the file will have it."""
    kemenag = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    agreement = AgreementFactory(
        unit=rutan_blora, number="UPD-1", subject="Kerja sama lama", signed_on=datetime.date(2024, 12, 30),
        ends_on=datetime.date(2026, 12, 30), our_signatory_name="Budi Hardiono", signed_place="",
        our_signatory_position="",
    )  # fmt: skip
    AgreementPartyFactory(agreement=agreement, partner=kemenag, signatory_name="Roziqun", signatory_position="")
    return agreement


def updated_row(**dates):
    row = agreement_row("UPD-1", **dates)
    row[HEADER.index("Perihal")] = "Kerja sama baru"
    return row


def test_a_row_of_the_units_own_number_updates_it(client, operator_blora, recorded):
    upload(client, operator_blora, "register.xlsx", xlsx_bytes([HEADER, updated_row(), agreement_row("NEW-1")]))
    job = ImportJob.objects.get()
    assert job.can_confirm, job.rows
    page = client.get(job.get_absolute_url()).content.decode()
    assert "2 baris: 1 siap dibuat, 1 akan diperbarui, 0 tidak berubah, 0 ditolak." in page
    assert "Akan diperbarui" in page
    assert "Perihal: “Kerja sama lama” → “Kerja sama baru”" in page
    assert "Tanggal berakhir: “30 Desember 2026” → “30 Desember 2027”" in page

    response = client.post(reverse("exchange:import_confirm", args=[job.pk]), follow=True)
    assert "1 data dibuat. 1 perjanjian diperbarui." in response.content.decode()
    recorded.refresh_from_db()
    assert (recorded.subject, recorded.ends_on) == ("Kerja sama baru", datetime.date(2027, 12, 30))
    assert recorded.version == 1  # as a save through the form counts it
    last = recorded.history.order_by("-history_id").first()
    assert (last.history_type, last.history_user, last.subject, last.version) == (
        "~",
        operator_blora,
        "Kerja sama baru",
        1,
    )
    # The end date is one of the facts the head vouched for: back to the head, in the import's batch.
    assert recorded.verification_state == "submitted"
    assert set(job.agreements.values_list("number", flat=True)) == {"UPD-1", "NEW-1"}
    assert Agreement.objects.filter(number="UPD-1").count() == 1
    assert recorded.parties.get().signatory_name == "Roziqun"


def test_the_same_row_again_changes_nothing(client, operator_blora, recorded):
    row = agreement_row("UPD-1", ends="30/12/2026")
    row[HEADER.index("Perihal")] = "Kerja sama lama"
    upload(client, operator_blora, "register.xlsx", xlsx_bytes([HEADER, row]))
    job = ImportJob.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "1 baris: 0 siap dibuat, 0 akan diperbarui, 1 tidak berubah, 0 ditolak." in page, job.rows
    assert "Sama dengan yang tercatat: tidak diubah" in page
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    recorded.refresh_from_db()
    assert (recorded.version, recorded.verification_state, recorded.history.count()) == (0, "verified", 1)


def test_another_units_number_stays_refused(client, operator_blora, recorded, rutan_kudus):
    kudus = AgreementFactory(unit=rutan_kudus, number="KUD-1", subject="Milik Kudus")
    row = agreement_row("KUD-1", unit="Rutan Kelas IIB Kudus")
    upload(client, operator_blora, "register.xlsx", xlsx_bytes([HEADER, row]))
    job = ImportJob.objects.get()
    assert "tidak berwenang mencatat perjanjian milik Rutan Kelas IIB Kudus" in refusals(job)[2]
    assert not job.can_confirm
    kudus.refresh_from_db()
    assert (kudus.subject, kudus.version) == ("Milik Kudus", 0)


def test_an_edit_after_the_check_stops_the_whole_import(client, operator_blora, recorded):
    upload(client, operator_blora, "register.xlsx", xlsx_bytes([HEADER, updated_row(), agreement_row("NEW-1")]))
    job = ImportJob.objects.get()
    Agreement.objects.filter(pk=recorded.pk).update(version=1, subject="Diubah lewat formulir")
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.State.FAILED and "diubah orang lain" in job.error
    assert not Agreement.objects.filter(number="NEW-1").exists()
    assert Agreement.objects.get(pk=recorded.pk).subject == "Diubah lewat formulir"
