"""Change history as people read it: who changed which field of a record, from what to what, and when.

Shared by every page that shows django-simple-history records (agreements, activities).
"""

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def describe_value(field, value):
    """A changed value as people read it; long texts and links are named, not shown."""
    if value in (None, ""):
        return _("(kosong)")
    if isinstance(field, models.DateField):
        return date_format(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.CharField):
        return Truncator(value).chars(60)
    if isinstance(field, models.IntegerField) and not field.is_relation:
        return number_format(value)
    return None


def field_changes(record, previous):
    """[(verbose name, old, new)] for each field changed between two historical records of one object."""
    model = record.instance_type
    changes = []
    for change in record.diff_against(previous).changes:
        field = model._meta.get_field(change.field)
        old, new = describe_value(field, change.old), describe_value(field, change.new)
        changes.append({"field": field.verbose_name, "old": old if new is not None else None, "new": new})
    return changes


def history_entries(records, describe):
    """Entries for one kind of historical record, each diffed against the previous version of the same object."""
    entries, previous = [], {}
    for record in records:
        earlier = previous.get(record.id)
        previous[record.id] = record
        action = ACTIONS[record.history_type]
        changes = field_changes(record, earlier) if action == "changed" and earlier is not None else []
        reason = getattr(record, "history_change_reason", None)
        if action == "changed" and earlier is not None and not changes and not reason:
            continue  # saved without a visible change
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "text": describe(record, action),
                "changes": changes,
                "reason": reason,
            }
        )
    return entries


def withdrawn_or(action, record):
    """ "withdrawn" for the change that withdrew a file (sinergi/withdrawal.py), else `action`. The reason is
    among the record's changes."""
    withdrew = action == "changed" and getattr(record, "withdrawn_at", None) is not None
    if withdrew and record.prev_record is not None and record.prev_record.withdrawn_at is None:
        return "withdrawn"
    return action
