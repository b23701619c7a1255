"""Checking and importing partners into the national directory: a name already there (in any spelling of case
and spacing) or very like one is refused, so that the directory never gains a duplicate through an import."""

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from exchange import columns as c
from exchange.importing.common import choice_value, validation_messages
from partners.models import Partner, name_key

FIELDS = {
    "name": c.NAME, "short_name": c.SHORT_NAME, "province": c.PROVINCE, "regency": c.REGENCY, "address": c.ADDRESS,
    "phone": c.PHONE, "email": c.EMAIL, "website": c.WEBSITE,
}  # fmt: skip


class PartnerChecker:
    headers = c.PARTNER_HEADERS
    required = c.PARTNER_REQUIRED

    def __init__(self, user, partner_choices):
        self.user = user
        self.unknown = {}
        self.existing = dict(Partner.objects.values_list("name_key", "pk"))
        self.in_file = {}  # name key -> line

    def label(self, row):
        return row.text(c.NAME)

    def check(self, row):
        data = {field: " ".join(row.text(header).split()) for field, header in FIELDS.items()}
        for field, header, choices in (
            ("sector", c.SECTOR, Partner.Sector.choices),
            ("level", c.LEVEL, Partner.Level.choices),
        ):
            text = row.text(header)
            data[field] = choice_value(text, choices)
            if data[field] is None:
                allowed = ", ".join(str(label) for _value, label in choices)
                row.errors.append(
                    _("%(column)s “%(value)s” tidak dikenal; pilih salah satu: %(allowed)s.")
                    % {"column": _(header), "value": text, "allowed": allowed}
                )
        data["parent"] = self.parent(row)
        self.check_name(row, data["name"])
        if row.ok:
            partner = Partner(**{k: v for k, v in data.items() if k != "parent"})
            row.errors += validation_messages(partner, exclude=["parent", "name_key"])
        if row.ok:
            self.in_file[name_key(data["name"])] = row.line
        return data

    def check_name(self, row, name):
        key = name_key(name)
        if not key:
            row.errors.append(_("Nama mitra wajib diisi."))
        elif key in self.existing:
            row.errors.append(_("Mitra “%(name)s” sudah terdaftar di direktori.") % {"name": name})
        elif key in self.in_file:
            row.errors.append(_("Mitra ini sudah ada di baris %(line)s berkas ini.") % {"line": self.in_file[key]})
        else:
            similar = Partner.objects.likely_duplicates_of(name, limit=1)
            if similar:
                row.errors.append(
                    _("Mirip dengan mitra terdaftar “%(other)s”; bila memang berbeda, daftarkan lewat formulir mitra.")
                    % {"other": similar[0].name}
                )

    def parent(self, row):
        name = row.text(c.PARENT)
        if not name:
            return None
        key = name_key(name)
        if key in self.existing:
            return {"id": self.existing[key]}
        if key in self.in_file:
            return {"line": self.in_file[key]}
        row.errors.append(_("Induk “%(name)s” tidak ada di direktori maupun di baris sebelumnya.") % {"name": name})
        return None


def import_partners(job, user):
    """Create every checked partner of `job` in one transaction; parents named by earlier rows first."""
    with transaction.atomic():
        created = {}
        pending = [(row["line"], row["data"]) for row in job.rows]
        while pending:
            ready = [
                (line, data)
                for line, data in pending
                if not (data["parent"] or {}).get("line") or data["parent"]["line"] in created
            ]
            objects = []
            for _line, data in ready:
                parent = data["parent"] or {}
                parent_id = parent.get("id") or (created[parent["line"]].pk if parent else None)
                fields = {k: v for k, v in data.items() if k != "parent"}
                objects.append(Partner(parent_id=parent_id, name_key=name_key(data["name"]), **fields))
            bulk_create_with_history(objects, Partner, batch_size=500, default_user=user)
            created.update((line, partner) for (line, _data), partner in zip(ready, objects, strict=True))
            pending = [(line, data) for line, data in pending if line not in created]
    return len(created)
