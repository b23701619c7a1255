"""`manage.py send_reminders`: the unit's head and operators are told before an agreement ends, at each lead
time, once; missed days are caught up; nothing for terminated, renewed or decided agreements; dormant agreements
reported to the head once per period; a failing mail server loses and duplicates nothing."""

import datetime
import io
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse

from monitoring.models import Notification, Reminder, RenewalDecision
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db

ENDS = datetime.date(2026, 12, 31)


def on(day):
    """Run the day's work on `day` (morning in Jakarta)."""
    output = io.StringIO()
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(6, 0), tzinfo=datetime.UTC)):
        call_command("send_reminders", stdout=output)
    return output.getvalue()


def before_end(days):
    return ENDS - datetime.timedelta(days=days)


@pytest.fixture
def people(kepala_blora, operator_blora):
    kepala_blora.email = "kepala@rutanblora.example"
    kepala_blora.save()
    operator_blora.email = "operator@rutanblora.example"
    operator_blora.save()
    return kepala_blora, operator_blora


@pytest.fixture
def ending(rutan_blora, settings):
    settings.SINERGI_DORMANT_DAYS = 5000  # these tests are about endings; no dormancy reports in the outbox
    return AgreementFactory(unit=rutan_blora, subject="PKS pembinaan kerohanian", ends_on=ENDS)


def ending_notifications(user):
    return list(Notification.objects.filter(recipient=user, kind="ending").order_by("pk"))


@pytest.mark.parametrize("lead", [180, 90, 30, 7])
def test_reminded_at_each_lead_time_once(people, ending, lead):
    kepala, operator = people
    on(before_end(lead))
    on(before_end(lead))  # a second run the same day tells nobody again
    for person in (kepala, operator):
        [notification] = ending_notifications(person)
        assert f"Berakhir dalam {lead} hari" in notification.subject
        assert "31 Desember 2026" in notification.message
    assert Reminder.objects.filter(lead_days=lead).count() == 2
    assert len(mail.outbox) == 2


def test_nothing_between_lead_times(people, ending):
    on(before_end(181))
    on(before_end(100))
    assert Notification.objects.filter(kind="ending").count() == 2  # the 180-day one, on day 100 caught up once


def test_each_lead_time_through_the_whole_term(people, ending):
    kepala, _operator = people
    day = before_end(200)
    while day <= ENDS + datetime.timedelta(days=5):
        on(day)
        day += datetime.timedelta(days=1)
    subjects = [n.subject for n in ending_notifications(kepala)]
    assert subjects == [f"Berakhir dalam {lead} hari: PKS pembinaan kerohanian" for lead in (180, 90, 30, 7)]
    # The head is asked for the renewal evaluation at the first reminder only.
    assert [("evaluasi perpanjangan" in n.message) for n in ending_notifications(kepala)] == [True, False, False, False]


def test_catch_up_after_a_three_day_gap(people, ending):
    kepala, _operator = people
    on(before_end(32))
    # Not run on the 31st, 30th and 29th days before the end: the 30-day reminder comes on the 28th, once.
    on(before_end(28))
    on(before_end(27))
    assert [n.subject.split(":")[0] for n in ending_notifications(kepala)] == [
        "Berakhir dalam 32 hari",  # the first run ever catches up the 180 and 90 days, in one notification
        "Berakhir dalam 28 hari",
    ]
    assert set(Reminder.objects.filter(recipient=kepala).values_list("lead_days", flat=True)) == {180, 90, 30}


def test_no_catch_up_for_an_agreement_already_ended(people, ending):
    on(ENDS + datetime.timedelta(days=1))
    assert not Notification.objects.filter(kind="ending").exists()


def test_nothing_after_termination_renewal_or_decision(people, rutan_blora, kepala_blora):
    terminated = AgreementFactory(
        unit=rutan_blora, ends_on=ENDS, terminated_on=datetime.date(2026, 12, 1), termination_reason="Mitra bubar"
    )
    renewed = AgreementFactory(unit=rutan_blora, ends_on=ENDS)
    AgreementFactory(unit=rutan_blora, renews=renewed, ends_on=datetime.date(2029, 12, 31))
    decided = AgreementFactory(unit=rutan_blora, ends_on=ENDS)
    RenewalDecision.objects.create(
        agreement=decided, decision="let_end", note="Tidak ada kegiatan", decided_by=kepala_blora
    )
    on(before_end(30))
    notified = set(Notification.objects.filter(kind="ending").values_list("agreement_id", flat=True))
    assert notified.isdisjoint({terminated.pk, renewed.pk, decided.pk})


def test_per_agreement_lead_times(people, rutan_blora, settings):
    settings.SINERGI_DORMANT_DAYS = 5000
    agreement = AgreementFactory(unit=rutan_blora, ends_on=ENDS, reminder_days="60")
    on(before_end(90))
    assert not Notification.objects.filter(agreement=agreement, kind="ending").exists()
    on(before_end(60))
    assert Notification.objects.filter(agreement=agreement, kind="ending").count() == 2


def test_dormant_reported_to_the_head_once_per_period(people, rutan_blora, settings):
    settings.SINERGI_DORMANT_DAYS = 90
    kepala, operator = people
    AgreementFactory(
        unit=rutan_blora,
        subject="PKS tanpa kegiatan",
        signed_on=datetime.date(2025, 1, 6),
        ends_on=datetime.date(2029, 1, 1),
    )
    on(datetime.date(2025, 6, 1))
    on(datetime.date(2025, 6, 2))
    on(datetime.date(2025, 7, 1))
    assert Notification.objects.filter(kind="dormant", recipient=kepala).count() == 1
    assert not Notification.objects.filter(kind="dormant", recipient=operator).exists()
    on(datetime.date(2025, 7, 10))  # a new period of 90 days since it came into force
    assert Notification.objects.filter(kind="dormant", recipient=kepala).count() == 2


class FailsOnce(EmailBackend):
    """The intranet relay, down on the first attempt."""

    failed = False

    def send_messages(self, messages):
        if not FailsOnce.failed:
            FailsOnce.failed = True
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_retry_after_an_smtp_failure_without_losing_or_duplicating(people, ending, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.test_reminders.FailsOnce"}}
    FailsOnce.failed = False
    assert "1 surel terkirim, 1 surel gagal" in on(before_end(30))
    # One of the two e-mails failed; the bell does not depend on mail.
    assert Notification.objects.filter(kind="ending").count() == 2
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(email_state="pending").count() == 1
    assert "1 surel terkirim, 0 surel gagal" in on(before_end(29))
    on(before_end(28))
    assert len(mail.outbox) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["kepala@rutanblora.example", "operator@rutanblora.example"]
    assert Notification.objects.filter(email_state="sent").count() == 2


def test_email_speaks_the_recipients_language_and_respects_the_choice(people, ending):
    kepala, operator = people
    kepala.language = "en"
    kepala.save()
    operator.email_notifications = False
    operator.save()
    on(before_end(30))
    [email] = mail.outbox
    assert email.to == ["kepala@rutanblora.example"]
    assert "31 December 2026" in email.body
    assert Notification.objects.filter(recipient=operator, kind="ending").exists()


def test_the_head_records_the_renewal_evaluation(client, people, ending):
    kepala, operator = people
    url = reverse("agreements:renewal_evaluation", args=[ending.pk])
    client.force_login(operator)
    assert client.get(url).status_code == 403
    client.force_login(kepala)
    assert url in client.get(ending.get_absolute_url()).content.decode()
    response = client.post(url, {"decision": "renew", "note": "Kegiatan berjalan baik; lanjutkan tiga tahun."})
    assert response.status_code == 302
    decision = RenewalDecision.objects.get(agreement=ending)
    assert (decision.decision, decision.decided_by) == ("renew", kepala)
    # The operators are told and sent to the renewal form, prefilled.
    told = Notification.objects.get(recipient=operator, kind="renewal_decision")
    assert told.link == reverse("agreements:renew", args=[ending.pk])
    client.force_login(operator)
    assert "PKS pembinaan kerohanian" in client.get(told.link).content.decode()
    on(before_end(7))
    assert not Notification.objects.filter(kind="ending").exists()
