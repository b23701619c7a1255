"""The day's reminders (`manage.py send_reminders`): agreements nearing their end, told to their unit's head and
operators at each lead time, and agreements in force without activity, reported to the head once per period.

Each reminder is written in the sent-log (`Reminder`, unique per agreement, lead time and person) in the same
transaction as the notification it makes, so running twice tells nobody twice; a lead time passed on days the
command did not run is caught up once, as long as the agreement is still in force; nothing is sent for an
agreement terminated, renewed, or about which the head has already decided."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.models import Agreement
from monitoring.models import Notification, Reminder, RenewalDecision
from monitoring.notifications import deliver_emails, notify
from units.models import User


def send_reminders(today=None):
    """Do the day's work; returns counts {"ending", "dormant", "emails_sent", "emails_failed"}."""
    today = today or timezone.localdate()
    started = timezone.now()
    ending = remind_ending(today)
    dormant = report_dormant(today)
    deliver_emails()  # most went out as each reminder was saved; this retries those the mail server refused
    emails = Notification.objects.filter(email_state__in=[Notification.Email.SENT, Notification.Email.PENDING])
    return {
        "ending": ending,
        "dormant": dormant,
        "emails_sent": emails.filter(emailed_at__gte=started).count(),
        "emails_failed": emails.filter(email_state=Notification.Email.PENDING).count(),
    }


def reminder_candidates(today):
    """In force today, not terminated (even from a later date), not renewed, not yet decided on, and ending
    within the longest lead time any agreement uses."""
    overrides = Agreement.objects.exclude(reminder_days="").values_list("reminder_days", flat=True).distinct()
    longest = max(
        [*settings.SINERGI_REMINDER_DAYS, *(int(d) for days in overrides for d in days.split(",") if d.strip())],
        default=0,
    )
    renewed = Agreement.objects.filter(renews=OuterRef("pk"))
    decided = RenewalDecision.objects.filter(agreement=OuterRef("pk"))
    return (
        Agreement.objects.expiring_within(longest, today=today)
        .filter(terminated_on__isnull=True)
        .exclude(Exists(renewed))
        .exclude(Exists(decided))
        .select_related("unit")
    )


def remind_ending(today):
    """Returns how many people were reminded."""
    told = 0
    for agreement in reminder_candidates(today):
        days_left = (agreement.last_day_in_force - today).days
        due = [lead for lead in agreement.reminder_lead_times if days_left <= lead]
        if not due:
            continue
        people = list(User.objects.filter(unit_id=agreement.unit_id, is_active=True, role__in=["kepala", "operator"]))
        for person in people:
            told += remind_person(agreement, person, due, days_left, today)
    return told


def remind_person(agreement, person, due, days_left, today):
    """One notification for the nearest lead time not yet told to `person`; the larger ones missed on the way
    are logged as covered by it. Returns 1 when someone was told."""
    already = set(
        Reminder.objects.filter(agreement=agreement, kind=Reminder.Kind.ENDING, recipient=person).values_list(
            "lead_days", flat=True
        )
    )
    missing = [lead for lead in due if lead not in already]
    if not missing:
        return 0
    is_head = person.can_verify_unit_records(agreement.unit_id)
    is_first = not already
    link = reverse("agreements:renewal_evaluation", args=[agreement.pk]) if is_head else agreement.get_absolute_url()

    def write():
        ends = date_format(agreement.last_day_in_force)
        subject = ngettext(
            "Berakhir dalam %(days)d hari: %(subject)s", "Berakhir dalam %(days)d hari: %(subject)s", days_left
        ) % {"days": days_left, "subject": agreement.subject}
        message = _("Perjanjian “%(subject)s” (%(unit)s) berlaku sampai %(date)s.") % {
            "subject": agreement.subject,
            "unit": agreement.unit.name,
            "date": ends,
        }
        if is_head and is_first:
            message += " " + _(
                "Mohon catat evaluasi perpanjangan: perpanjang, biarkan berakhir, atau akhiri lebih awal."
            )
        return subject, message

    try:
        with transaction.atomic():
            [notification] = notify(
                [person], kind=Notification.Kind.ENDING, agreement=agreement, link=link, write=write
            )
            Reminder.objects.bulk_create(
                Reminder(
                    agreement=agreement,
                    kind=Reminder.Kind.ENDING,
                    lead_days=lead,
                    recipient=person,
                    due_on=agreement.last_day_in_force - timedelta(days=lead),
                    notification=notification,
                )
                for lead in missing
            )
    except IntegrityError:
        return 0  # another run told this person meanwhile
    return 1


def report_dormant(today):
    """Each dormant agreement once per period of SINERGI_DORMANT_DAYS days (counted from its start) to its unit's
    head. Returns how many reports were made."""
    days = settings.SINERGI_DORMANT_DAYS
    reported = 0
    for agreement in Agreement.objects.dormant(today=today).select_related("unit"):
        period = (today - agreement.effective_start).days // days
        heads = User.objects.filter(unit_id=agreement.unit_id, role=User.Role.KEPALA, is_active=True)
        for head in heads:
            if Reminder.objects.filter(
                agreement=agreement, kind=Reminder.Kind.DORMANT, lead_days=period, recipient=head
            ).exists():
                continue

            def write(agreement=agreement):
                return _("Tanpa kegiatan: %(subject)s") % {"subject": agreement.subject}, _(
                    "Perjanjian “%(subject)s” berlaku, tetapi tidak ada kegiatan yang tercatat dalam %(days)s hari "
                    "terakhir."
                ) % {"subject": agreement.subject, "days": days}

            try:
                with transaction.atomic():
                    [notification] = notify(
                        [head],
                        kind=Notification.Kind.DORMANT,
                        agreement=agreement,
                        link=agreement.get_absolute_url(),
                        write=write,
                    )
                    Reminder.objects.create(
                        agreement=agreement,
                        kind=Reminder.Kind.DORMANT,
                        lead_days=period,
                        recipient=head,
                        due_on=today,
                        notification=notification,
                    )
            except IntegrityError:
                continue
            reported += 1
    return reported
