"""A user's calendar feed: end dates and reminder dates of the unit's agreements, behind a secret address that
can be revoked (then 404), read without signing in."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from monitoring.models import CalendarToken
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_address(client, kepala_blora):
    client.force_login(kepala_blora)
    client.post(reverse("notifications:calendar_token"))
    page = client.get(reverse("notifications:settings")).content.decode()
    token = CalendarToken.objects.get(user=kepala_blora, revoked_at__isnull=True)
    assert token.key in page
    client.logout()
    return reverse("calendar_feed", args=[token.key])


@time_machine.travel(datetime.datetime(2026, 1, 5, 3, 0, tzinfo=datetime.UTC))
def test_feed_holds_end_and_reminder_dates(client, feed_address, rutan_blora, rutan_kudus):
    AgreementFactory(unit=rutan_blora, subject="PKS pembinaan kerohanian", ends_on=datetime.date(2026, 12, 31))
    AgreementFactory(unit=rutan_kudus, subject="PKS unit lain", ends_on=datetime.date(2026, 12, 31))
    response = client.get(feed_address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = {
        str(event["summary"]): event.decoded("dtstart") for event in Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert events == {
        "Berakhir: PKS pembinaan kerohanian": datetime.date(2026, 12, 31),
        "Pengingat (180 hari lagi berakhir): PKS pembinaan kerohanian": datetime.date(2026, 7, 4),
        "Pengingat (90 hari lagi berakhir): PKS pembinaan kerohanian": datetime.date(2026, 10, 2),
        "Pengingat (30 hari lagi berakhir): PKS pembinaan kerohanian": datetime.date(2026, 12, 1),
        "Pengingat (7 hari lagi berakhir): PKS pembinaan kerohanian": datetime.date(2026, 12, 24),
    }


def test_revoked_address_answers_404(client, feed_address, kepala_blora):
    assert client.get(feed_address).status_code == 200
    client.force_login(kepala_blora)
    client.post(reverse("notifications:calendar_token"), {"action": "revoke"})
    client.logout()
    assert client.get(feed_address).status_code == 404
    assert client.get(reverse("calendar_feed", args=["tebakan-acak"])).status_code == 404


def test_a_new_address_replaces_the_old(client, feed_address, kepala_blora):
    client.force_login(kepala_blora)
    client.post(reverse("notifications:calendar_token"))
    assert client.get(feed_address).status_code == 404
    assert CalendarToken.objects.filter(user=kepala_blora, revoked_at__isnull=True).count() == 1
