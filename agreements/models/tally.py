"""How many agreements each unit owns, kept by the database itself.

Ditjenpas's list opens on every agreement in the country: counting a million rows on each page view cost more
than drawing the page. PostgreSQL triggers (migration 0015) add and subtract on every insert, delete, change of
owner and truncation, in the same transaction as the change, so the sum over the ~700 units a user reads is the
exact count. Other databases (SQLite, the development default) have no triggers here and count the rows."""

from django.db import connection, models
from django.db.models import Sum
from django.db.models.functions import Coalesce


class UnitTallyQuerySet(models.QuerySet):
    def agreements_readable_by(self, user, agreements):
        """`agreements.count()`, where `agreements` is `Agreement.objects.for_user(user)` unfiltered."""
        if connection.vendor != "postgresql":
            return agreements.count()
        unit_ids = user.visible_unit_ids
        tallies = self if unit_ids is None else self.filter(unit_id__in=unit_ids)
        return tallies.aggregate(total=Coalesce(Sum("agreements"), 0))["total"]

    def recount(self):
        """Count every unit's agreements afresh, for writes made with the triggers off (demo/national.py)."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM agreements_unittally")
            cursor.execute(
                "INSERT INTO agreements_unittally (unit_id, agreements) "
                "SELECT unit_id, count(*) FROM agreements_agreement GROUP BY unit_id"
            )


class UnitTally(models.Model):
    unit = models.OneToOneField("units.Unit", primary_key=True, on_delete=models.CASCADE, related_name="+")
    agreements = models.BigIntegerField(default=0)

    objects = UnitTallyQuerySet.as_manager()

    class Meta:
        verbose_name = "unit tally"

    def __str__(self):
        return f"{self.unit_id}: {self.agreements}"
