"""A user's calendar feed (iCalendar): the end dates of the agreements on the user's side and the days they will
be reminded of them, for a calendar app to subscribe to."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from agreements.models import Agreement, Status

# Calendar apps refresh a feed every few hours; a feed of a whole country's agreements stays bounded.
MAX_AGREEMENTS = 2000


def calendar_for(user):
    """The feed's bytes: one all-day event on each agreement's last day in force and one on each reminder day
    still ahead, for the agreements of the user's own side not yet ended or terminated."""
    today = timezone.localdate()
    agreements = (
        Agreement.objects.own_side(user)
        .having_status(Status.IN_FORCE, Status.ENDING_SOON, Status.NOT_YET_IN_FORCE, today=today)
        .select_related("unit")
        .order_by("ends_on", "pk")[:MAX_AGREEMENTS]
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Sinergi//Pengingat perjanjian//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Sinergi")
    stamp = timezone.now()
    with translation.override(user.language or settings.LANGUAGE_CODE):
        for agreement in agreements:
            url = f"{settings.SITE_URL}{agreement.get_absolute_url()}"
            last_day = agreement.last_day_in_force
            calendar.add_component(
                all_day(
                    f"agreement-{agreement.pk}-end@sinergi", last_day, _("Berakhir: %(subject)s"), agreement, url, stamp
                )
            )
            for lead in agreement.reminder_lead_times:
                day = last_day - timedelta(days=lead)
                if day >= today:
                    summary = _("Pengingat (%(days)s hari lagi berakhir): %%(subject)s") % {"days": lead}
                    uid = f"agreement-{agreement.pk}-reminder-{lead}@sinergi"
                    calendar.add_component(all_day(uid, day, summary, agreement, url, stamp))
    return calendar.to_ical()


def all_day(uid, day, summary, agreement, url, stamp):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary % {"subject": agreement.subject})
    event.add("description", f"{agreement.unit.name}\n{url}")
    event.add("url", url)
    return event
