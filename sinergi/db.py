"""Reporting reads on a read replica.

With `DATABASE_REPLICA_URL` set, the pages and background jobs that summarise many rows (dashboards, registers,
partner status, exports) read from the replica, so a national register being printed never slows the operators'
writes on the primary. Everything else, and every write, uses the primary. Without a replica the router answers
"no opinion" and Django uses the primary for everything.

A replica lags the primary by a moment: a summary may miss a record saved a second ago, which is acceptable for
reports and never for the page an operator lands on after saving (those are not reporting reads).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
_reporting = ContextVar("sinergi_reporting_reads", default=False)


@contextmanager
def reporting_reads():
    """Inside this block, reads go to the replica (when one is configured)."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


def reporting_view(view):
    """A view whose reads are reporting reads (see `reporting_reads`)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        with reporting_reads():
            return view(*args, **kwargs)

    return wrapped


class ReportingRouter:
    def db_for_read(self, model, **hints):
        if _reporting.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # A streaming replica receives the primary's schema; it is never migrated on its own.
        return db != REPLICA
