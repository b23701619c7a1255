"""An agreement ended early on day T was last in force on T−1: every page that says how long it runs agrees.

Before one rule served them all, the detail page counted to T−1 while the list's "berakhir dalam N hari" filter,
the status and the partner status page counted to T: terminated 31 days from today, an agreement showed
"sisa 30 hari" yet was missing from "berakhir dalam 30 hari".
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from agreements.models import Agreement, Status
from tests.factories import AgreementFactory, AgreementPartyFactory

JAKARTA = ZoneInfo("Asia/Jakarta")
TODAY = datetime.date(2025, 6, 15)
TERMINATED_ON = TODAY + datetime.timedelta(days=31)


@pytest.fixture
def today(settings):
    settings.SINERGI_ENDING_SOON_DAYS = 30
    with time_machine.travel(datetime.datetime(2025, 6, 15, 10, 0, tzinfo=JAKARTA), tick=False):
        yield TODAY


@pytest.fixture
def ended_early(today, rutan_blora):
    agreement = AgreementFactory(
        unit=rutan_blora,
        subject="Diakhiri lebih awal",
        signed_on=TODAY - datetime.timedelta(days=200),
        ends_on=TODAY + datetime.timedelta(days=400),
        terminated_on=TERMINATED_ON,
        termination_reason="Mitra menutup kantornya",
    )
    AgreementPartyFactory(agreement=agreement)
    return agreement


def test_the_last_day_in_force_is_the_day_before_termination(ended_early):
    assert ended_early.last_day_in_force == TERMINATED_ON - datetime.timedelta(days=1)
    assert ended_early.days_left == 30


def test_thirty_days_left_is_ending_within_thirty_days_everywhere(client, operator_blora, ended_early):
    assert ended_early.status == Status.ENDING_SOON
    assert Agreement.objects.with_status().get(pk=ended_early.pk).status == Status.ENDING_SOON
    assert Agreement.objects.expiring_within(30).filter(pk=ended_early.pk).exists()
    assert not Agreement.objects.expiring_within(29).filter(pk=ended_early.pk).exists()

    client.force_login(operator_blora)
    listed = client.get(reverse("agreements:list"), {"ends_within": 30})
    assert [row.pk for row in listed.context["page_obj"]] == [ended_early.pk]
    assert not client.get(reverse("agreements:list"), {"ends_within": 29}).context["page_obj"].object_list

    status_page = client.get(reverse("partners:status"), {"ends_within": 30})
    rows = status_page.context["rows"]
    assert [row.latest_agreement_id for row in rows] == [ended_early.pk]
    assert rows[0].latest_last_day == TERMINATED_ON - datetime.timedelta(days=1)
    assert not client.get(reverse("partners:status"), {"ends_within": 29}).context["rows"]

    page = client.get(ended_early.get_absolute_url()).content.decode()
    assert "sisa 30 hari" in page


def test_on_the_termination_day_it_is_ended_everywhere(ended_early):
    with time_machine.travel(datetime.datetime(2025, 7, 16, 10, 0, tzinfo=JAKARTA), tick=False):
        fresh = Agreement.objects.get(pk=ended_early.pk)
        assert fresh.status == Status.TERMINATED
        assert fresh.days_left is None
        assert Agreement.objects.with_status().get(pk=ended_early.pk).status == Status.TERMINATED
        assert not Agreement.objects.in_force().filter(pk=ended_early.pk).exists()
