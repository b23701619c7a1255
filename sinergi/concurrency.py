"""Optimistic locking: a form carries the version of the record it was drawn from, and a save on top of someone
else's save is refused, showing what changed meanwhile and keeping what the user typed.

A model takes part with an integer `version` field (`version_field()`); its form with `VersionedFormMixin`; the
write with `claim_version()` inside its transaction.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.history import describe_value

# Bookkeeping that changes on every save: never shown as something someone changed.
UNSHOWN_FIELDS = {"version", "updated_at"}


def version_field():
    return models.PositiveIntegerField(gettext_lazy("versi"), default=0, editable=False)


class StaleEdit(Exception):
    """The record was saved by someone else after the form was drawn (raised by `claim_version`)."""

    def __init__(self, current_version):
        super().__init__(current_version)
        self.current_version = current_version


def claim_version(instance, seen_version):
    """Inside `transaction.atomic()`, before saving `instance`: lock its stored row, refuse with `StaleEdit` when
    its version is no longer `seen_version`, else count this save as the next version. A new record passes."""
    if instance.pk is None:
        return
    stored = type(instance)._default_manager.select_for_update().filter(pk=instance.pk)
    current = stored.values_list("version", flat=True).get()
    if seen_version is not None and current != seen_version:
        raise StaleEdit(current)
    instance.version = current + 1


def own_changes_since(record_history, seen_version):
    """What the saves after `seen_version` changed on the record itself, as history entries (see
    sinergi/history.py): one entry per save, each with its (field label, old, new) changes."""
    records = list(record_history.select_related("history_user").order_by("history_date", "history_id"))
    entries, previous = [], None
    for record in records:
        if previous is not None and record.version > seen_version:
            changes = []
            for change in record.diff_against(previous).changes:
                if change.field in UNSHOWN_FIELDS:
                    continue
                field = record.instance_type._meta.get_field(change.field)
                old, new = describe_value(field, change.old), describe_value(field, change.new)
                changes.append({"field": field.verbose_name, "old": old if new is not None else None, "new": new})
            entries.append({"when": record.history_date, "who": record.history_user, "text": "", "changes": changes})
        previous = record
    return entries


def overtaken_at(record_history, seen_version):
    """When the first save after `seen_version` happened (None if history does not say): rows saved with it
    (an agreement's parties and programs, saved in the same transaction) and after it are "meanwhile"."""
    record = record_history.filter(version__gt=seen_version).order_by("history_date", "history_id").first()
    return record.history_date if record else None


class VersionedFormMixin:
    """A hidden `version` field holding the version the form was drawn from. When the record has been saved by
    someone else since, the form is invalid with a message, `changes_meanwhile` lists what they changed, and the
    hidden field takes the current version: what the user typed stays, and saving again (after reading what
    changed) is then a deliberate choice."""

    stale_message = gettext_lazy(
        "Data ini telah diubah orang lain sejak Anda membuka halaman ini; isian Anda belum disimpan. Perubahan "
        "mereka tercantum di bawah. Periksa isian Anda (tetap seperti yang Anda ketik), lalu simpan lagi bila "
        "memang ingin menimpanya."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
        self.initial["version"] = self.instance.version
        self.changes_meanwhile = []

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("version")
        if self.instance.pk and seen is not None and seen != self.instance.version:
            self.refuse_stale(seen, self.instance.version)
        return cleaned

    def refuse_stale(self, seen_version, current_version):
        """Mark the form as overtaken by a save of version `current_version` (also called by views when the
        locked check at save time finds one, `StaleEdit`)."""
        self.add_error(None, self.stale_message)
        self.changes_meanwhile = self.changes_since(seen_version)
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(current_version)

    def changes_since(self, seen_version):
        """History entries of what changed after `seen_version`; forms of records with rows of their own
        (an agreement's parties and programs) add those."""
        entries = own_changes_since(self.instance.history.all(), seen_version)
        for entry in entries:
            entry["text"] = _("Diubah")
        return list(reversed(entries))
