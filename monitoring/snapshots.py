"""Figures of wide sides of the unit tree, served from a snapshot the worker keeps fresh.

A unit's own figures are counted live on every visit: a few thousand agreements cost a few milliseconds. Ditjenpas
reads every unit's: at a million agreements the home page's counts, charts and table of Kanwil take seconds to
count however they are indexed, and they change little from one minute to the next. So once a side's figures
cover SINERGI_FIGURES_LIVE_LIMIT agreements or more, they are stored (`FiguresSnapshot`) and the page reads them,
saying when they were counted; a snapshot older than SINERGI_FIGURES_MAX_AGE, or from another day, is still shown
while the task worker counts it again (`refresh_snapshot`, or `manage.py refresh_figures` from a scheduler).
Which sides get a snapshot is decided by the figures themselves: no extra count is made to decide."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from monitoring.models import FiguresSnapshot

COMPUTERS = {}


def computes(name, *, version=1):
    """Register `function(user, today) -> (figures, agreement_count)` as the figures named `name`. Raise
    `version` whenever the figures change shape: snapshots of an older shape are then neither read nor kept."""

    def register(function):
        COMPUTERS[name] = (function, version)
        return function

    return register


def snapshot_key(name, user):
    # Every user of a unit reads the same side of the tree; an administrator without a unit reads everything.
    side = "all" if user.sees_everything else "side"
    version = COMPUTERS[name][1] if name in COMPUTERS else 0
    return f"{name}:{side}:{user.unit_id or '-'}:v{version}"


def figures_for(name, user, today):
    """(figures, counted_at): counted now for a small side (counted_at None), from the snapshot for a wide one."""
    key = snapshot_key(name, user)
    snapshot = FiguresSnapshot.objects.filter(key=key).first()
    if snapshot is None:
        figures, size = COMPUTERS[name][0](user, today)
        if size < settings.SINERGI_FIGURES_LIVE_LIMIT:
            return figures, None
        snapshot, _ = FiguresSnapshot.objects.update_or_create(
            key=key, defaults={"computed_for": user, "figures": figures, "computed_at": timezone.now()}
        )
        return figures, snapshot.computed_at
    if is_stale(snapshot, today):
        request_refresh(snapshot)
    return snapshot.figures, snapshot.computed_at


def is_stale(snapshot, today, now=None):
    now = now or timezone.now()
    max_age = datetime.timedelta(seconds=settings.SINERGI_FIGURES_MAX_AGE)
    return timezone.localdate(snapshot.computed_at) != today or snapshot.computed_at < now - max_age


def request_refresh(snapshot, now=None):
    """Queue one recount of `snapshot`: a conditional UPDATE claims it, so many visits queue one job."""
    now = now or timezone.now()
    max_age = datetime.timedelta(seconds=settings.SINERGI_FIGURES_MAX_AGE)
    unclaimed = Q(refresh_requested_at__isnull=True) | Q(refresh_requested_at__lt=now - max_age)
    if FiguresSnapshot.objects.filter(unclaimed, pk=snapshot.pk).update(refresh_requested_at=now):
        refresh_snapshot.enqueue(snapshot.pk)


@task
def refresh_snapshot(snapshot_id):
    """Count a snapshot's figures again for the user they were counted for."""
    snapshot = FiguresSnapshot.objects.select_related("computed_for__unit").filter(pk=snapshot_id).first()
    if snapshot is None:
        return
    recount(snapshot)


def recount(snapshot):
    user = snapshot.computed_for
    name = snapshot.key.split(":", 1)[0]
    # The user left, or moved to another unit: the key no longer describes what they read.
    if not user.is_active or name not in COMPUTERS or snapshot_key(name, user) != snapshot.key:
        snapshot.delete()
        return
    figures, _ = COMPUTERS[name][0](user, timezone.localdate())
    snapshot.figures = figures
    snapshot.computed_at = timezone.now()
    snapshot.refresh_requested_at = None
    snapshot.save(update_fields=["figures", "computed_at", "refresh_requested_at"])


def recount_all():
    """Every snapshot counted again (`manage.py refresh_figures`). Returns how many."""
    snapshots = list(FiguresSnapshot.objects.select_related("computed_for__unit"))
    for snapshot in snapshots:
        recount(snapshot)
    return len(snapshots)
