"""What each unit's carried-out activities add up to, kept by the database itself.

Ditjenpas's activities list opens on every activity in the country, with its totals: adding up a million rows
on each visit cost more than the page. PostgreSQL triggers (migration 0008) add and subtract on every insert,
delete, change (a cancellation, a corrected head count, another unit) and truncation, in the same transaction as
the change, so the sum over the units a user reads is exact. Other databases (SQLite, the development default)
have no triggers here and add the rows up."""

from django.db import connection, models
from django.db.models import Sum
from django.db.models.functions import Coalesce

from programs.models.participants import PARTICIPANT_GROUPS, WARGA_BINAAN_GROUPS, TargetGroup


class ActivityTallyQuerySet(models.QuerySet):
    def totals_readable_by(self, user, activities):
        """`activities.totals()`, where `activities` is `Activity.objects.for_user(user)` unfiltered."""
        if connection.vendor != "postgresql":
            return activities.totals()
        unit_ids = user.below_unit_ids
        tallies = self if unit_ids is None else self.filter(unit_id__in=unit_ids)
        sums = tallies.aggregate(
            activities=Coalesce(Sum("activities"), 0),
            **{group.value: Coalesce(Sum(group.value), 0) for group in PARTICIPANT_GROUPS},
        )
        return {
            "activities": sums["activities"],
            "participants": sum(sums[group.value] for group in PARTICIPANT_GROUPS),
            "warga_binaan": sum(sums[group.value] for group in WARGA_BINAAN_GROUPS),
            "petugas": sums[TargetGroup.PETUGAS.value],
            "keluarga": sums[TargetGroup.KELUARGA.value],
        }


class ActivityTally(models.Model):
    unit = models.OneToOneField("units.Unit", primary_key=True, on_delete=models.CASCADE, related_name="+")
    activities = models.BigIntegerField(default=0)
    narapidana = models.BigIntegerField(default=0)
    tahanan = models.BigIntegerField(default=0)
    anak_binaan = models.BigIntegerField(default=0)
    klien = models.BigIntegerField(default=0)
    petugas = models.BigIntegerField(default=0)
    keluarga = models.BigIntegerField(default=0)

    objects = ActivityTallyQuerySet.as_manager()

    class Meta:
        verbose_name = "activity tally"

    def __str__(self):
        return f"{self.unit_id}: {self.activities}"
