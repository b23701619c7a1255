"""Printing never answers with an error page, whatever the address holds, and a long register is made once and
always ends: asked for twice, it is one job; its worker killed mid-render, it is made again or says it failed."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from monitoring.models import RegisterExport
from tests.factories import AgreementDocumentFactory, AgreementFactory, AgreementPartyFactory, PartnerFactory
from tests.pdftext import blank_pdf, pdf_bytes, pdf_text

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Past any QR code's capacity (about 2,300 bytes): the printed link must fall back to a short one.
LONG_QUERY = "catatan=" + "a" * 5000
NOW = datetime.datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def partner():
    return PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")


@pytest.fixture
def blora_agreements(rutan_blora, partner):
    made = []
    for number in range(5):
        agreement = AgreementFactory(unit=rutan_blora, subject=f"Kerja sama Blora {number}")
        AgreementPartyFactory(agreement=agreement, partner=partner)
        made.append(agreement)
    AgreementDocumentFactory(agreement=made[0], file__data=blank_pdf())
    return made


@pytest.fixture
def background(settings):
    settings.SINERGI_REGISTER_INLINE_LIMIT = 3
    settings.TASKS = IMMEDIATE_TASKS


def test_every_printable_address_with_a_5000_character_query_string_prints(
    client, operator_blora, blora_agreements, partner
):
    client.force_login(operator_blora)
    for url in (
        reverse("agreements:register_pdf"),
        reverse("agreements:summary_pdf", args=[blora_agreements[0].pk]),
        reverse("agreements:bundle_pdf", args=[blora_agreements[0].pk]),
        reverse("partners:status_report_pdf", args=[partner.pk]),
    ):
        response = client.get(f"{url}?{LONG_QUERY}")
        assert response.status_code == 200, url
        assert pdf_bytes(response).startswith(b"%PDF-"), url


def test_a_register_whose_link_does_not_fit_a_qr_code_links_to_the_unfiltered_list(
    client, operator_blora, blora_agreements
):
    client.force_login(operator_blora)
    text = pdf_text(pdf_bytes(client.get(f"{reverse('agreements:register_pdf')}?{LONG_QUERY}")))
    assert "Kerja sama Blora 4" in text
    assert "aaaaaaaaaa" not in text


def test_a_background_register_with_a_5000_character_query_string_is_made(
    client, operator_blora, blora_agreements, background
):
    client.force_login(operator_blora)
    response = client.post(f"{reverse('agreements:register_pdf')}?{LONG_QUERY}")
    export = RegisterExport.objects.get()
    assert response.status_code == 302
    assert export.status == RegisterExport.State.DONE
    assert client.get(response["Location"]).status_code == 200
    text = pdf_text(pdf_bytes(client.get(reverse("agreements:register_export_download", args=[export.pk]))))
    assert "Kerja sama Blora 4" in text


def test_asking_four_times_for_the_same_register_makes_one_job(
    client, operator_blora, operator_kanwil_jateng, blora_agreements, background, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # the job stays waiting
    client.force_login(operator_blora)
    url = reverse("agreements:register_pdf")
    locations = {client.post(f"{url}?kind=pks&unit=&status=").headers["Location"] for _ in range(3)}
    # The same filters in another order are the same register.
    locations.add(client.post(f"{url}?status=&unit=&kind=pks&page=2").headers["Location"])

    assert RegisterExport.objects.count() == 1
    assert locations == {RegisterExport.objects.get().get_absolute_url()}

    # Another person, or other filters, is another register.
    client.post(f"{url}?kind=pks&o=subject")
    client.force_login(operator_kanwil_jateng)
    client.post(f"{url}?kind=pks&unit=&status=")
    assert RegisterExport.objects.count() == 3


def test_a_register_made_minutes_ago_is_offered_again_an_old_one_is_not(
    client, operator_blora, blora_agreements, background
):
    client.force_login(operator_blora)
    url = f"{reverse('agreements:register_pdf')}?kind=pks"
    first = client.post(url)["Location"]
    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        assert client.post(url)["Location"] == first
    with time_machine.travel(NOW + datetime.timedelta(minutes=30), tick=False):
        assert client.post(url)["Location"] != first
    assert RegisterExport.objects.count() == 2


def stalled_export(user, attempts):
    """A register whose worker was killed during the render: still "being made", started an hour ago."""
    return RegisterExport.objects.create(
        requested_by=user,
        query_string="kind=pks",
        row_count=5,
        status=RegisterExport.State.RUNNING,
        started_at=NOW - datetime.timedelta(hours=1),
        attempts=attempts,
    )


def test_an_export_whose_worker_died_is_made_again_when_its_page_is_viewed(
    client, operator_blora, blora_agreements, background
):
    export = stalled_export(operator_blora, attempts=1)
    client.force_login(operator_blora)

    page = client.get(export.get_absolute_url()).content.decode()

    export.refresh_from_db()
    assert export.status == RegisterExport.State.DONE
    assert export.attempts == 2
    assert "Selesai" in page
    assert reverse("agreements:register_export_download", args=[export.pk]) in page


def test_an_export_still_within_its_time_is_left_to_its_worker(client, operator_blora, blora_agreements, background):
    export = stalled_export(operator_blora, attempts=1)
    export.started_at = NOW - datetime.timedelta(minutes=2)
    export.save()
    client.force_login(operator_blora)
    assert "Sedang dibuat" in client.get(export.get_absolute_url()).content.decode()
    export.refresh_from_db()
    assert export.status == RegisterExport.State.RUNNING


def test_an_export_that_stalled_too_often_fails_with_a_message(client, operator_blora, blora_agreements, background):
    export = stalled_export(operator_blora, attempts=3)
    client.force_login(operator_blora)

    page = client.get(export.get_absolute_url()).content.decode()

    export.refresh_from_db()
    assert export.status == RegisterExport.State.FAILED
    assert "Gagal" in page
    assert "Pembuatan PDF terhenti 3 kali" in page
    assert 'http-equiv="refresh"' not in page


def test_the_scheduled_command_requeues_stalled_exports(operator_blora, blora_agreements, background):
    requeued = stalled_export(operator_blora, attempts=1)
    given_up = stalled_export(operator_blora, attempts=3)
    out = StringIO()

    call_command("recover_register_exports", stdout=out)

    requeued.refresh_from_db()
    given_up.refresh_from_db()
    assert requeued.status == RegisterExport.State.DONE
    assert given_up.status == RegisterExport.State.FAILED
    assert "1 cetakan daftar diantrekan ulang, 1 ditandai gagal." in out.getvalue()
