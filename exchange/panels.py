"""What the exchange app adds to the home page: for a unit's head, the imports whose agreements wait for them,
each verified in one step from its own page."""

from django.db.models import Count, Q

from agreements.models import Agreement
from exchange.models import ImportJob
from monitoring.panels import home_panel

SHOWN = 5


@home_panel("exchange/_home_batches.html")
def batches_waiting(user):
    if not user.unit_id or not user.can_verify_unit_records(user.unit_id):
        return None
    waiting = Agreement.objects.awaiting_verification_by(user)
    batches = (
        ImportJob.objects.for_user(user)
        .filter(kind=ImportJob.Kind.AGREEMENTS, status=ImportJob.State.DONE)
        .annotate(waiting=Count("agreements", filter=Q(agreements__in=waiting.values("pk"))))
        .filter(waiting__gt=0)
        .select_related("requested_by")
    )
    shown = list(batches[:SHOWN])
    return {"batches": shown} if shown else None
