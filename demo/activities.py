"""Activities under the demo agreements' programs: the Blora PKS's sessions from January 2025, and around them a
spread over the sample agreements (most active, some that stopped, some that never started) so that the dormant
flag ("tidak aktif") has something to show.
"""

import random
from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont
from simple_history.utils import bulk_create_with_history

from agreements.models import IN_FORCE_STATUSES
from demo.common import SAMPLE, add_months, sample
from demo.data.activities import (
    BLORA_FACILITATORS,
    BLORA_PLACE,
    BLORA_PLAN,
    BLORA_STARTS_ON,
    BLORA_SUMMARY,
    CANCEL_REASON,
    FATES,
    MONTH_NAMES,
    SAMPLE_FACILITATOR_POSITION,
    SAMPLE_NOTE,
    SAMPLE_PHOTOS,
    TITLES,
)
from demo.data.agreements import BLORA_SIGNED_ON
from demo.data.people import FACILITATOR_FIRST_NAMES, FACILITATOR_LAST_NAMES
from demo.data.units import BLORA
from programs.evidence import CheckedUpload
from programs.models import PARTICIPANT_GROUPS, Activity, ActivityEvidence, AgreementProgram, TargetGroup
from programs.services import add_evidence
from units.models import User

# Its own dice, apart from the agreements' ones: activities can be added to demo data loaded before they existed.
SEED = 2025


def load_activities(today):
    """Create the demo activities; returns how many."""
    return ActivityBuilder(today).build()


def last_day_in_force(agreement):
    last = agreement.ends_on
    if agreement.terminated_on:
        last = min(last, agreement.terminated_on - timedelta(days=1))
    return last


def is_blora_pks(agreement):
    return agreement.unit.name == BLORA and agreement.signed_on == BLORA_SIGNED_ON


class ActivityBuilder:
    def __init__(self, today):
        self.today = today
        self.rng = random.Random(SEED)  # nosec B311 # seeded so the sample data is the same on every load
        self.dormant_days = settings.SINERGI_DORMANT_DAYS
        self.operators = {
            user.unit_id: user for user in User.objects.filter(role=User.Role.OPERATOR, unit__isnull=False)
        }
        self.admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        self.activities = []

    def build(self):
        programs = {}
        rows = AgreementProgram.objects.select_related("agreement__unit", "program").order_by("agreement_id", "pk")
        for item in rows:
            programs.setdefault(item.agreement, []).append(item)
        for agreement, items in programs.items():
            if is_blora_pks(agreement):
                self.blora(items)
            else:
                self.sample(agreement, items)
        bulk_create_with_history(self.activities, Activity, default_user=self.admin, batch_size=500)
        self.sample_photos()
        return len(self.activities)

    def creator(self, unit_id):
        return self.operators.get(unit_id, self.admin)

    def person(self):
        return sample(f"{self.rng.choice(FACILITATOR_FIRST_NAMES)} {self.rng.choice(FACILITATOR_LAST_NAMES)}")

    def add(self, item, starts_on, title, **fields):
        agreement = item.agreement
        user = self.creator(agreement.unit_id)
        activity = Activity(
            agreement_program=item,
            unit_id=agreement.unit_id,
            starts_on=starts_on,
            title=title,
            place=fields.pop("place", f"Aula {agreement.unit.name}"),
            summary=fields.pop("summary", SAMPLE_NOTE),
            created_by=user,
            **fields,
        )
        activity._history_user = user
        self.activities.append(activity)

    def blora(self, programs):
        """The Blora PKS: regular sessions from January 2025, as the signing announced."""
        for item in programs:
            plan = BLORA_PLAN.get(item.program.name)
            if plan is not None:
                self.blora_sessions(item, *plan)

    def blora_sessions(self, item, title, every, offset, days, narapidana, tahanan):
        last = min(self.today, last_day_in_force(item.agreement))
        month = add_months(BLORA_STARTS_ON, offset)
        session = 0
        while True:
            day = month + timedelta(days=self.rng.randint(8, 20))
            ends_on = day + timedelta(days=days - 1) if days > 1 else None
            if (ends_on or day) > last:
                break
            session += 1
            name, position = BLORA_FACILITATORS[session % len(BLORA_FACILITATORS)]
            self.add(
                item,
                day,
                f"{title}, {MONTH_NAMES[day.month - 1]} {day.year}",
                ends_on=ends_on,
                place=BLORA_PLACE,
                facilitator_name=name,
                facilitator_position=position,
                narapidana=self.rng.randint(*narapidana),
                tahanan=self.rng.randint(*tahanan),
                petugas=self.rng.randint(1, 3),
                summary=BLORA_SUMMARY + SAMPLE_NOTE,
            )
            month = add_months(month, every)

    def sample(self, agreement, programs):
        """Sample agreements: most carry on, some stopped after a while, some never started (dormant)."""
        start = agreement.effective_start
        if start is None or start > self.today or not programs:
            return
        last = min(self.today, last_day_in_force(agreement))
        fate = self.rng.choices(list(FATES), weights=list(FATES.values()))[0]
        if fate == "never":
            return
        if fate == "stopped":
            # Nothing for well over the dormant period before today (or before the end).
            last = min(last, self.today - timedelta(days=self.dormant_days + self.rng.randint(20, 200)))
        if last < start:
            return
        facilitator = (self.person(), SAMPLE_FACILITATOR_POSITION)
        for day in self.sample_days(agreement, start, last, fate):
            item = self.rng.choice(programs)
            options = TITLES.get(item.program.name, [item.program.name])
            self.add(
                item,
                day,
                f"{self.rng.choice(options)} {SAMPLE}",
                facilitator_name=facilitator[0],
                facilitator_position=facilitator[1],
                **self.participants(item),
            )
        if self.rng.random() < 0.05:
            self.cancelled_duplicate(self.activities[-1])

    def sample_days(self, agreement, start, last, fate):
        """A few days between `start` and `last`, in order."""
        span = (last - start).days
        count = max(1, min(10, span // 45 + self.rng.randint(0, 2)))
        days = sorted(self.rng.sample(range(span + 1), min(count, span + 1)))
        if fate == "active" and agreement.status_on(self.today) in IN_FORCE_STATUSES:
            # A lively partnership has something recent.
            days[-1] = max(days[-1], span - self.rng.randint(0, min(span, 40)))
        return [start + timedelta(days=offset) for offset in days]

    def participants(self, item):
        group = item.target_group
        counts = {group: self.rng.randint(8, 45)}
        if group not in (TargetGroup.PETUGAS, TargetGroup.KELUARGA) and self.rng.random() < 0.4:
            counts[TargetGroup.PETUGAS] = self.rng.randint(1, 4)
        return counts

    def cancelled_duplicate(self, duplicate):
        """The same activity recorded twice by mistake, the second cancelled: what a correction looks like."""
        self.add(
            duplicate.agreement_program,
            duplicate.starts_on,
            duplicate.title,
            facilitator_name=duplicate.facilitator_name,
            cancelled_on=self.today,
            cancellation_reason=CANCEL_REASON,
            **{group: getattr(duplicate, group) for group in PARTICIPANT_GROUPS},
        )

    def sample_photos(self):
        latest = (
            Activity.objects.filter(
                agreement_program__agreement__unit__name=BLORA,
                agreement_program__agreement__signed_on=BLORA_SIGNED_ON,
            )
            .select_related("agreement_program__agreement")
            .order_by("-starts_on")[:SAMPLE_PHOTOS]
        )
        for number, activity in enumerate(latest, start=1):
            name = f"foto-contoh-{number}.png"
            upload = ContentFile(sample_photo(activity.title, number), name=name)
            user = self.creator(activity.agreement_program.agreement.unit_id)
            add_evidence(
                activity=activity,
                uploads=[CheckedUpload(upload, ActivityEvidence.Kind.PHOTO, "png", name)],
                user=user,
            )


def sample_photo(caption, seed):
    """A stand-in for a photo: a coloured picture saying it is a sample."""
    image = Image.new("RGB", (800, 600), (70 + 30 * seed % 120, 110, 150 - 20 * seed % 80))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 380, 760, 560), fill=(255, 255, 255))
    font = ImageFont.load_default(size=36)
    draw.text((70, 410), "FOTO CONTOH " + SAMPLE, fill=(15, 42, 74), font=font)
    draw.text((70, 470), caption[:38], fill=(60, 60, 60), font=ImageFont.load_default(size=26))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
