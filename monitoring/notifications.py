"""Telling people: a notification under the bell for each recipient, in the recipient's language, and an e-mail
for those who want one. Mail servers fail; an e-mail not delivered stays pending and is sent by the next
`send_reminders`, and one delivered is never sent again."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.verification import VerificationStep
from monitoring.models import Notification
from units.models import User

log = logging.getLogger(__name__)


def notify(recipients, *, kind, agreement=None, link="", write):
    """One notification per recipient; `write()` returns (subject, message) and is called in each recipient's
    language. E-mails go out once the transaction commits. Returns the notifications."""
    notifications = []
    for recipient in recipients:
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            subject, message = write()
        wants_email = recipient.email_notifications and bool(recipient.email)
        notifications.append(
            Notification(
                recipient=recipient,
                kind=kind,
                agreement=agreement,
                subject=str(subject)[:255],
                message=str(message),
                link=link,
                email_state=Notification.Email.PENDING if wants_email else Notification.Email.NONE,
            )
        )
    created = Notification.objects.bulk_create(notifications)
    pending = [n.pk for n in created if n.email_state == Notification.Email.PENDING]
    if pending:
        transaction.on_commit(lambda: deliver_emails(Notification.objects.filter(pk__in=pending)))
    return created


def deliver_emails(notifications=None):
    """Send the pending e-mails of `notifications` (default: every pending one). A failure is recorded and left
    pending for the next run; the rest go on. Returns (sent, failed)."""
    queryset = Notification.objects.all() if notifications is None else notifications
    sent = failed = 0
    for notification in queryset.filter(email_state=Notification.Email.PENDING).select_related("recipient"):
        # Claim it first, so that two runs at once never both send it.
        claimed = Notification.objects.filter(pk=notification.pk, email_state=Notification.Email.PENDING).update(
            email_attempts=notification.email_attempts + 1
        )
        if not claimed:
            continue
        try:
            email_of(notification).send()
        except Exception as error:  # noqa: BLE001 - any mail failure leaves it pending for the next run
            log.warning("E-mail for notification %s not sent: %s", notification.pk, error)
            Notification.objects.filter(pk=notification.pk).update(email_error=str(error)[:1000])
            failed += 1
        else:
            Notification.objects.filter(pk=notification.pk).update(
                email_state=Notification.Email.SENT, emailed_at=timezone.now(), email_error=""
            )
            sent += 1
    return sent, failed


def email_of(notification):
    recipient = notification.recipient
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        link = f"{settings.SITE_URL}{notification.link}" if notification.link else settings.SITE_URL
        footer = _("Buka di Sinergi: %(link)s") % {"link": link}
        body = f"{notification.message}\n\n{footer}\n"
        subject = f"[Sinergi] {notification.subject}"
    return EmailMessage(subject, body, to=[recipient.email])


# Verification steps, told to the people concerned -------------------------------------------------------------


def unit_people(unit_id, role):
    return User.objects.filter(unit_id=unit_id, role=role, is_active=True)


def on_verification_step(sender, step, **kwargs):
    """A submission goes to the unit's heads; a return or a verification to the unit's operators."""
    agreement = step.agreement
    actor = step.actor.get_full_name() or step.actor.username if step.actor else ""
    link = agreement.get_absolute_url() + "#verifikasi"
    if step.action == VerificationStep.Action.SUBMITTED:
        recipients, kind = unit_people(agreement.unit_id, User.Role.KEPALA), Notification.Kind.VERIFICATION_SUBMITTED

        def write():
            return _("Menunggu verifikasi: %(subject)s") % {"subject": agreement.subject}, _(
                "%(who)s mengajukan perjanjian “%(subject)s” untuk Anda verifikasi. %(note)s"
            ) % {"who": actor, "subject": agreement.subject, "note": step.note}

    elif step.action == VerificationStep.Action.RETURNED:
        recipients, kind = unit_people(agreement.unit_id, User.Role.OPERATOR), Notification.Kind.VERIFICATION_RETURNED

        def write():
            return _("Dikembalikan: %(subject)s") % {"subject": agreement.subject}, _(
                "%(who)s mengembalikan perjanjian “%(subject)s” untuk diperbaiki: %(note)s"
            ) % {"who": actor, "subject": agreement.subject, "note": step.note}

    else:
        recipients, kind = unit_people(agreement.unit_id, User.Role.OPERATOR), Notification.Kind.VERIFICATION_VERIFIED

        def write():
            return _("Terverifikasi: %(subject)s") % {"subject": agreement.subject}, _(
                "%(who)s memverifikasi perjanjian “%(subject)s”."
            ) % {"who": actor, "subject": agreement.subject}

    notify(recipients, kind=kind, agreement=agreement, link=link, write=write)


def on_verification_batch(sender, action, agreements, actor, note="", link="", **kwargs):
    """A batch (an import, a ceremony) is one message per person concerned in each unit, saying how many, not
    one per agreement: a head told of 10,000 imported agreements gets one notification."""
    who = (actor.get_full_name() or actor.username) if actor else ""
    for row in agreements.order_by().values("unit_id").annotate(count=Count("pk")):
        count = row["count"]
        if action == VerificationStep.Action.SUBMITTED:
            recipients, kind = unit_people(row["unit_id"], User.Role.KEPALA), Notification.Kind.VERIFICATION_SUBMITTED

            def write(count=count):
                return ngettext(
                    "Menunggu verifikasi: %(count)s perjanjian", "Menunggu verifikasi: %(count)s perjanjian", count
                ) % {"count": count}, ngettext(
                    "%(who)s mengajukan %(count)s perjanjian sekaligus untuk Anda verifikasi. %(note)s",
                    "%(who)s mengajukan %(count)s perjanjian sekaligus untuk Anda verifikasi. %(note)s",
                    count,
                ) % {"who": who, "count": count, "note": note}

        else:
            # A batch is submitted or verified; returning is one agreement at a time, with its own note.
            recipients, kind = unit_people(row["unit_id"], User.Role.OPERATOR), Notification.Kind.VERIFICATION_VERIFIED

            def write(count=count):
                return ngettext("Terverifikasi: %(count)s perjanjian", "Terverifikasi: %(count)s perjanjian", count) % {
                    "count": count
                }, ngettext(
                    "%(who)s memverifikasi %(count)s perjanjian sekaligus. %(note)s",
                    "%(who)s memverifikasi %(count)s perjanjian sekaligus. %(note)s",
                    count,
                ) % {"who": who, "count": count, "note": note}

        notify(recipients, kind=kind, link=link, write=write)
