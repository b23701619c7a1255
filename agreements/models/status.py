"""Where an agreement stands on a day: the status rule, written once for the database and once for one object."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast, Coalesce, Least
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    """Where an agreement stands on a given day. Derived from its dates, never typed in."""

    DRAFT = "draft", _("Draf")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Ditandatangani, belum berlaku")
    IN_FORCE = "in_force", _("Berlaku")
    ENDING_SOON = "ending_soon", _("Segera berakhir")
    ENDED = "ended", pgettext_lazy("status perjanjian", "Berakhir")
    TERMINATED = "terminated", _("Diakhiri")


# No agreement of the Republic's correctional service can be older than the Republic.
EARLIEST_SIGNING_DATE = date(1945, 1, 1)


def validate_signing_date(value):
    """A signing date is a past (or today's) day, and not before 1945: 9999 and 0001 are typing slips."""
    if value < EARLIEST_SIGNING_DATE:
        raise ValidationError(_("Tanggal penandatanganan tidak mungkin sebelum tahun 1945."), code="too_early")
    today = timezone.localdate()
    if value > today:
        raise ValidationError(
            _("Tanggal penandatanganan tidak boleh setelah hari ini (%(today)s).") % {"today": date_format(today)},
            code="in_future",
        )


# An agreement ending soon is still in force.
IN_FORCE_STATUSES = (Status.IN_FORCE, Status.ENDING_SOON)


def ending_soon_days():
    return settings.SINERGI_ENDING_SOON_DAYS


def last_day_in_force_by(day):
    """The agreements whose last day in force is `day` or earlier, as a filter. The last day in force is the end
    date, or the day before an early termination: on the termination date itself the status is already
    "Diakhiri". Written as two plain comparisons so that the date indexes serve it; `Agreement.last_day_in_force`
    is the same rule for one object."""
    return Q(ends_on__lte=day) | Q(terminated_on__lte=day + timedelta(days=1))


def last_day_in_force_expression():
    """`Agreement.last_day_in_force` computed by the database, for annotations."""
    day_before_termination = Cast(F("terminated_on") - timedelta(days=1), models.DateField())
    return Least("ends_on", Coalesce(day_before_termination, "ends_on"))


def status_condition(status, today):
    """The agreements that have `status` on `today`, as a filter.

    This is the status rule for the database (`with_status` annotates with it, `having_status` filters with it,
    in plain date comparisons that indexes can serve); `Agreement.status_on` is the same rule in Python, and
    the tests hold the two together."""
    soon = today + timedelta(days=ending_soon_days())
    not_terminated = Q(terminated_on__isnull=True) | Q(terminated_on__gt=today)
    signed = not_terminated & Q(signed_on__isnull=False)
    started = signed & (Q(starts_on__lte=today) | Q(starts_on__isnull=True, signed_on__lte=today))
    running = started & Q(ends_on__gte=today)
    ends_by_soon = last_day_in_force_by(soon)
    return {
        Status.TERMINATED: Q(terminated_on__lte=today),
        Status.DRAFT: not_terminated & Q(signed_on__isnull=True),
        Status.NOT_YET_IN_FORCE: signed & (Q(starts_on__gt=today) | Q(starts_on__isnull=True, signed_on__gt=today)),
        Status.ENDED: started & Q(ends_on__lt=today),
        # `running & ends_by_soon`, with each end date bounded on both sides: two index ranges PostgreSQL can
        # join (BitmapOr) instead of reading every agreement that ended in past years.
        Status.ENDING_SOON: running
        & (
            Q(ends_on__range=(today, soon))
            | Q(terminated_on__range=(today + timedelta(days=1), soon + timedelta(days=1)))
        ),
        Status.IN_FORCE: running & ~ends_by_soon,
    }[status]
