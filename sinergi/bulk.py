"""Writing many records at once with their change history (django-simple-history), for imports.

simple_history's `bulk_create_with_history` builds a second Python object per row for its history record, which
was half the time of a 10,000-row import. Here the database copies the history rows from the rows just written
(INSERT ... SELECT): the same records, one statement per thousand rows, nothing per row in Python.
"""

from django.db import connection
from django.utils import timezone

CHUNK = 1000


def bulk_create_recorded(objects, model, *, user, reason="", batch_size=CHUNK):
    """`model.objects.bulk_create(objects)` and a "created" history record for each, by `user`. Call inside the
    caller's transaction. Returns the objects, with their primary keys."""
    created = model._default_manager.bulk_create(objects, batch_size=batch_size)
    record_history(model, [obj.pk for obj in created], user=user, reason=reason, history_type="+")
    return created


def record_history(model, pks, *, user, reason="", history_type="~"):
    """One history record per row of `model` named in `pks`, holding the row as it now stands in the database:
    "+" for rows just created, "~" for rows just changed by `bulk_update` or `update()`."""
    history = model.history.model
    quote = connection.ops.quote_name
    tracked = [quote(field.column) for field in history.tracked_fields]
    columns = ", ".join(tracked)
    when = timezone.now()
    user_id = user.pk if user is not None else None
    # Only names from the models' own metadata go into the text; every value is a parameter.
    target, source = quote(history._meta.db_table), quote(model._meta.db_table)
    insert = (
        f"INSERT INTO {target} ({columns}, history_date, history_change_reason, history_type, history_user_id)"  # nosec B608
        f" SELECT {columns}, %s, %s, %s, %s FROM {source} WHERE {quote(model._meta.pk.column)} IN "
    )
    with connection.cursor() as cursor:
        for start in range(0, len(pks), CHUNK):
            chunk = list(pks[start : start + CHUNK])
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"{insert}({placeholders})", [when, reason, history_type, user_id, *chunk])
