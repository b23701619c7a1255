"""Where an agreement stands on a given day, at every boundary, the same in lists (annotation) and on one object.

Time is frozen in Jakarta: "today" is the Jakarta calendar day, whatever the clock says in UTC.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from agreements.models import IN_FORCE_STATUSES, Agreement, Status
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
TODAY = datetime.date(2025, 6, 15)


def days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def today(settings):
    settings.SINERGI_ENDING_SOON_DAYS = 90
    with time_machine.travel(datetime.datetime(2025, 6, 15, 10, 0, tzinfo=JAKARTA), tick=False):
        yield TODAY


@pytest.fixture
def agreement(rutan_blora):
    """An agreement signed well before today; each test sets the dates it is about."""

    def make(**dates):
        values = {"signed_on": TODAY - days(200), "starts_on": None, "ends_on": TODAY + days(400)}
        values.update(dates)
        return AgreementFactory(unit=rutan_blora, **values)

    return make


def assert_status(agreement, expected):
    """The list (database annotation) and the detail page (property on a plain instance) agree."""
    annotated = Agreement.objects.with_status().get(pk=agreement.pk)
    assert annotated.current_status == expected.value
    assert annotated.status == expected

    fresh = Agreement.objects.get(pk=agreement.pk)
    assert "current_status" not in fresh.__dict__
    assert fresh.status == expected
    assert fresh.is_in_force == (expected in IN_FORCE_STATUSES)

    in_force = Agreement.objects.in_force().filter(pk=agreement.pk).exists()
    assert in_force == (expected in IN_FORCE_STATUSES)
    ending_soon = Agreement.objects.ending_soon().filter(pk=agreement.pk).exists()
    assert ending_soon == (expected == Status.ENDING_SOON)


def test_unsigned_agreement_is_a_draft(today, agreement):
    draft = agreement(signed_on=None, starts_on=TODAY - days(10))
    assert_status(draft, Status.DRAFT)
    assert Agreement.objects.get(pk=draft.pk).days_left is None


def test_day_before_start_is_not_yet_in_force(today, agreement):
    signed = agreement(signed_on=TODAY - days(10), starts_on=TODAY + days(1))
    assert_status(signed, Status.NOT_YET_IN_FORCE)
    assert Agreement.objects.get(pk=signed.pk).days_left is None


def test_start_day_is_in_force(today, agreement):
    assert_status(agreement(starts_on=TODAY), Status.IN_FORCE)


def test_start_day_within_the_window_is_ending_soon(today, agreement):
    assert_status(agreement(starts_on=TODAY, ends_on=TODAY + days(30)), Status.ENDING_SOON)


def test_last_day_is_still_in_force_and_ending_soon(today, agreement):
    last_day = agreement(ends_on=TODAY)
    assert_status(last_day, Status.ENDING_SOON)
    assert Agreement.objects.get(pk=last_day.pk).days_left == 0


def test_day_after_the_last_day_is_ended(today, agreement):
    ended = agreement(ends_on=TODAY - days(1))
    assert_status(ended, Status.ENDED)
    assert Agreement.objects.get(pk=ended.pk).days_left is None


def test_ending_soon_window_edges_at_90_days(today, agreement):
    assert_status(agreement(ends_on=TODAY + days(90)), Status.ENDING_SOON)
    assert_status(agreement(ends_on=TODAY + days(91)), Status.IN_FORCE)


def test_ending_soon_window_follows_the_setting(today, agreement, settings):
    settings.SINERGI_ENDING_SOON_DAYS = 30
    assert_status(agreement(ends_on=TODAY + days(30)), Status.ENDING_SOON)
    assert_status(agreement(ends_on=TODAY + days(31)), Status.IN_FORCE)
    assert_status(agreement(ends_on=TODAY + days(90)), Status.IN_FORCE)


def test_terminated_today_is_terminated(today, agreement):
    terminated = agreement(terminated_on=TODAY, termination_reason="Mitra dibubarkan")
    assert_status(terminated, Status.TERMINATED)
    assert Agreement.objects.get(pk=terminated.pk).days_left is None


def test_terminated_tomorrow_is_still_in_force_and_ending_soon(today, agreement):
    terminating = agreement(terminated_on=TODAY + days(1), termination_reason="Mitra dibubarkan")
    assert_status(terminating, Status.ENDING_SOON)
    # Today is its last day: the termination date is the first day it no longer holds.
    assert Agreement.objects.get(pk=terminating.pk).days_left == 0


def test_without_start_date_it_holds_from_signing(today, agreement):
    assert_status(agreement(signed_on=TODAY, starts_on=None), Status.IN_FORCE)
    assert_status(agreement(signed_on=TODAY + days(1), starts_on=None), Status.NOT_YET_IN_FORCE)


def test_backdated_start_counts_from_the_start_date(today, agreement):
    # Signed tomorrow but in force since last month: the start date decides, not the signature.
    backdated = agreement(signed_on=TODAY + days(1), starts_on=TODAY - days(30))
    assert_status(backdated, Status.IN_FORCE)


def test_days_left_counts_to_the_last_day(today, agreement):
    running = agreement(ends_on=TODAY + days(10))
    assert Agreement.objects.get(pk=running.pk).days_left == 10
    assert Agreement.objects.with_status().get(pk=running.pk).days_left == 10

    terminating = agreement(terminated_on=TODAY + days(5), termination_reason="Kesepakatan para pihak")
    assert Agreement.objects.get(pk=terminating.pk).days_left == 4


def test_expiring_within_counts_days_from_today(today, agreement):
    edge = agreement(ends_on=TODAY + days(30))
    beyond = agreement(ends_on=TODAY + days(31))
    terminating = agreement(terminated_on=TODAY + days(10), termination_reason="Kesepakatan para pihak")
    ended = agreement(ends_on=TODAY - days(1))
    not_yet = agreement(signed_on=TODAY - days(1), starts_on=TODAY + days(5), ends_on=TODAY + days(20))

    expiring = set(Agreement.objects.expiring_within(days=30).values_list("pk", flat=True))
    assert edge.pk in expiring
    assert terminating.pk in expiring
    assert beyond.pk not in expiring
    assert ended.pk not in expiring
    assert not_yet.pk not in expiring

    assert set(Agreement.objects.expiring_within(days=31).values_list("pk", flat=True)) == {
        edge.pk,
        beyond.pk,
        terminating.pk,
    }


def test_jakarta_day_decides_not_utc(agreement, settings):
    # 02:00 WIB on New Year's Day is still 31 December in UTC (and in a UTC database session's CURRENT_DATE).
    settings.SINERGI_ENDING_SOON_DAYS = 90
    with time_machine.travel(datetime.datetime(2025, 1, 1, 2, 0, tzinfo=JAKARTA), tick=False):
        assert timezone.now().astimezone(datetime.UTC).date() == datetime.date(2024, 12, 31)
        assert timezone.localdate() == datetime.date(2025, 1, 1)
        ended = agreement(signed_on=datetime.date(2024, 1, 2), ends_on=datetime.date(2024, 12, 31))
        last_day = agreement(signed_on=datetime.date(2024, 1, 2), ends_on=datetime.date(2025, 1, 1))

        assert_status(ended, Status.ENDED)
        assert_status(last_day, Status.ENDING_SOON)
        assert Agreement.objects.get(pk=last_day.pk).days_left == 0
