"""The bell: verification steps and reminders reach the people concerned under the bell (one query for the
count), on a page listing them, marked read with a POST; the language switch is remembered for e-mails."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import Notification
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_verification_steps_notify_the_head_then_the_operators(client, operator_blora, kepala_blora, rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora, subject="PKS kemandirian", verification_state="draft")
    client.force_login(operator_blora)
    client.post(reverse("agreements:submit", args=[agreement.pk]))
    [to_head] = Notification.objects.filter(recipient=kepala_blora)
    assert to_head.kind == "verification_submitted" and "PKS kemandirian" in to_head.subject

    client.force_login(kepala_blora)
    home = client.get(reverse("home")).content.decode()
    assert '<span class="bell__count">1</span>' in home
    client.post(reverse("agreements:return", args=[agreement.pk]), {"return-note": "Lengkapi nomor mitra."})
    [to_operator] = Notification.objects.filter(recipient=operator_blora)
    assert "Lengkapi nomor mitra." in to_operator.message

    client.force_login(operator_blora)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Lengkapi nomor mitra." in page and "notification--unread" in page
    assert client.get(reverse("notifications:read", args=[to_operator.pk])).status_code == 405
    client.post(reverse("notifications:read", args=[to_operator.pk]))
    to_operator.refresh_from_db()
    assert to_operator.read_at is not None
    assert "bell__count" not in client.get(reverse("home")).content.decode()


def test_someone_elses_notification_cannot_be_marked(client, operator_blora, operator_kudus, rutan_blora):
    other = Notification.objects.create(recipient=operator_kudus, kind="ending", subject="x", message="x")
    client.force_login(operator_blora)
    assert client.post(reverse("notifications:read", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read(client, operator_blora):
    for n in range(3):
        Notification.objects.create(recipient=operator_blora, kind="ending", subject=f"n{n}", message="m")
    client.force_login(operator_blora)
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.unread().exists()


def test_bell_costs_one_query_whatever_the_number(client, operator_blora, django_assert_num_queries):
    client.force_login(operator_blora)
    client.get(reverse("notifications:list"))
    Notification.objects.create(recipient=operator_blora, kind="ending", subject="a", message="m")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:list"))
    baseline = len(few.captured_queries)
    assert sum("monitoring_notification" in q["sql"] and "COUNT" in q["sql"] for q in few.captured_queries) <= 2
    for n in range(20):
        Notification.objects.create(recipient=operator_blora, kind="ending", subject=f"n{n}", message="m")
    with django_assert_num_queries(baseline):
        client.get(reverse("notifications:list"))


def test_language_switch_is_remembered_on_the_account(client, operator_blora):
    client.force_login(operator_blora)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    operator_blora.refresh_from_db()
    assert operator_blora.language == "en"
    assert response.cookies["django_language"].value == "en"


def test_email_choice_is_saved(client, operator_blora):
    client.force_login(operator_blora)
    response = client.post(reverse("notifications:settings"), {"email": "op@example.org"})
    assert response.status_code == 302
    operator_blora.refresh_from_db()
    assert (operator_blora.email, operator_blora.email_notifications) == ("op@example.org", False)
