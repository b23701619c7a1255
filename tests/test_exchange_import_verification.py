"""Imported agreements arrive awaiting the unit's head, as one batch, and the head verifies the batch in one step."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from agreements.verification import VerificationStep
from exchange.models import ImportJob
from monitoring.models import Notification
from tests.factories import PartnerFactory
from tests.test_exchange_spreadsheets import HEADER, agreement_row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(client, operator_blora, kepala_blora):
    """Rutan Blora's operator has imported three agreements."""
    PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    rows = [HEADER, agreement_row("IMP-1"), agreement_row("IMP-2"), agreement_row("IMP-3")]
    upload(client, operator_blora, "register.xlsx", xlsx_bytes(rows))
    job = ImportJob.objects.get()
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.State.DONE, job.error
    client.logout()
    return job


def test_imported_agreements_wait_for_the_head_as_one_batch(client, imported, operator_blora, kepala_blora):
    assert set(Agreement.objects.values_list("verification_state", flat=True)) == {"submitted"}
    assert set(imported.agreements.values_list("number", flat=True)) == {"IMP-1", "IMP-2", "IMP-3"}
    steps = VerificationStep.objects.filter(action="submitted", actor=operator_blora)
    assert steps.count() == 3 and "register.xlsx" in steps.first().note
    # One message to the head for the batch, pointing at the import's page, not one per agreement.
    told = Notification.objects.get(recipient=kepala_blora)
    assert told.link == imported.get_absolute_url() and "3 perjanjian" in told.subject
    assert set(Agreement.objects.awaiting_verification_by(kepala_blora).values_list("number", flat=True)) == {
        "IMP-1", "IMP-2", "IMP-3"
    }  # fmt: skip
    client.force_login(operator_blora)
    page = client.get(imported.get_absolute_url()).content.decode()
    assert "3 perjanjian dari impor ini menunggu verifikasi kepala unit." in page
    assert reverse("exchange:import_verify", args=[imported.pk]) not in page


def test_the_head_verifies_the_whole_batch_in_one_step(client, imported, kepala_blora, operator_blora):
    client.force_login(kepala_blora)
    page = client.get(imported.get_absolute_url()).content.decode()
    assert "Verifikasi 3 perjanjian sekaligus" in page
    assert "Unggah berkas lain" not in page  # a head does not import
    response = client.post(reverse("exchange:import_verify", args=[imported.pk]), follow=True)
    assert "3 perjanjian terverifikasi." in response.content.decode()
    assert "Semua perjanjian dari impor ini sudah terverifikasi." in response.content.decode()
    assert set(Agreement.objects.values_list("verification_state", flat=True)) == {"verified"}
    assert VerificationStep.objects.filter(action="verified", actor=kepala_blora).count() == 3
    assert Notification.objects.filter(recipient=operator_blora, kind="verification_verified").count() == 1


def test_an_operator_may_not_verify_the_batch(client, imported, operator_blora):
    client.force_login(operator_blora)
    assert client.post(reverse("exchange:import_verify", args=[imported.pk])).status_code == 403
    assert set(Agreement.objects.values_list("verification_state", flat=True)) == {"submitted"}


def test_another_units_head_gets_404(client, imported, kepala_kudus):
    client.force_login(kepala_kudus)
    assert client.get(imported.get_absolute_url()).status_code == 404
    assert client.post(reverse("exchange:import_verify", args=[imported.pk])).status_code == 404
    assert set(Agreement.objects.values_list("verification_state", flat=True)) == {"submitted"}


def test_the_heads_home_lists_the_batch_until_it_is_verified(client, imported, kepala_blora, kepala_kudus):
    client.force_login(kepala_kudus)
    assert "Impor yang menunggu verifikasi Anda" not in client.get("/").content.decode()
    client.force_login(kepala_blora)
    home = client.get("/").content.decode()
    assert "Impor yang menunggu verifikasi Anda" in home
    assert f'href="{imported.get_absolute_url()}#verifikasi-impor">register.xlsx</a>' in home
    assert "3 perjanjian · diimpor oleh" in home
    client.post(reverse("exchange:import_verify", args=[imported.pk]))
    assert "Impor yang menunggu verifikasi Anda" not in client.get("/").content.decode()
