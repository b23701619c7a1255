"""Checking and importing a register of agreements, row by row, with their parties and programs.

Checking builds, for every row, either the record to create (as plain data, kept on the ImportJob) or the
reasons it is refused. Everything the checks need from the database is read once up front, so 10,000 rows cost
a handful of queries plus one per distinct unknown partner name."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import Agreement, AgreementParty
from agreements.services import submit_batch
from agreements.verification import VerificationState
from exchange import columns as c
from exchange.importing.agreement_updates import apply_updates, changes, current_state, describe
from exchange.importing.common import choice_value, validation_messages
from exchange.models import ImportJob
from partners.models import Partner, name_key
from programs.models import AgreementProgram, Program, TargetGroup
from sinergi.bulk import bulk_create_recorded
from units.models import Unit

SHORT_KINDS = {"mou": Agreement.Kind.MOU, "pks": Agreement.Kind.PKS, "adendum": Agreement.Kind.ADENDUM}
SHORT_KINDS["addendum"] = Agreement.Kind.ADENDUM
TEXT_FIELDS = {
    "subject": c.SUBJECT, "number": c.NUMBER, "our_signatory_name": c.OUR_SIGNATORY,
    "our_signatory_position": c.OUR_POSITION, "signed_place": c.SIGNED_PLACE, "signing_notes": c.SIGNING_NOTES,
    "scope": c.SCOPE, "objectives": c.OBJECTIVES, "legal_basis": c.LEGAL_BASIS, "funding_note": c.FUNDING,
    "termination_reason": c.TERMINATION_REASON,
}  # fmt: skip
DATE_FIELDS = {
    "signed_on": c.SIGNED_ON,
    "starts_on": c.STARTS_ON,
    "ends_on": c.ENDS_ON,
    "terminated_on": c.TERMINATED_ON,
}


class AgreementChecker:
    headers = c.AGREEMENT_HEADERS
    required = c.AGREEMENT_REQUIRED

    def __init__(self, user, partner_choices):
        self.user = user
        self.partner_choices = partner_choices
        self.unknown = {}
        self.units = {name_key(unit.name): unit for unit in Unit.objects.only("pk", "name")}
        self.editable = user.editable_unit_ids
        self.partners = dict(Partner.objects.values_list("name_key", "pk"))
        self.partner_ids = set(self.partners.values())
        self.programs = defaultdict(list)
        for pk, name in Program.objects.values_list("pk", "name"):
            self.programs[name.casefold()].append(pk)
        taken = Agreement.objects.exclude(number="")
        if self.editable is not None:
            taken = taken.filter(unit_id__in=self.editable)
        # A number already used in a unit the user may change: the row updates that agreement.
        self.existing = {(unit_id, number): pk for pk, unit_id, number in taken.values_list("pk", "unit_id", "number")}
        self.current = {}  # agreement id -> its state (agreement_updates.current_state), for rows that update it
        self.taken_party_numbers = {
            (partner_id, number): agreement_id
            for partner_id, number, agreement_id in AgreementParty.objects.exclude(number="").values_list(
                "partner_id", "number", "agreement_id"
            )
        }
        self.readable = defaultdict(list)
        for pk, number, kind, unit_id in (
            Agreement.objects.for_user(user).exclude(number="").values_list("pk", "number", "kind", "unit_id")
        ):
            self.readable[number].append({"id": pk, "kind": kind, "unit_id": unit_id})
        self.in_file = {}  # number -> {"line", "kind", "unit_id"} of rows accepted so far
        self.numbers_in_file = {}  # (unit_id, number) -> line
        self.party_numbers_in_file = {}

    def prefetch(self, rows):
        """Before the rows are checked one by one: the agreements they may update, in a few queries."""
        numbers = {row.text(c.NUMBER) for row in rows} - {""}
        self.current = current_state([pk for (_unit, number), pk in self.existing.items() if number in numbers])

    def label(self, row):
        number = row.text(c.NUMBER)
        return f"{row.text(c.SUBJECT)} ({number})" if number else row.text(c.SUBJECT)

    def check(self, row):
        data = {field: row.text(header) for field, header in TEXT_FIELDS.items()}
        data.update({field: row.date(header) for field, header in DATE_FIELDS.items()})
        data["kind"] = self.kind(row)
        data["unit_id"] = self.unit(row)
        agreement = Agreement(**{k: v for k, v in data.items() if k in {f.attname for f in Agreement._meta.fields}})
        data["parent"] = self.reference(row, agreement, "parent", c.PARENT_NUMBER)
        data["renews"] = self.reference(row, agreement, "renews", c.RENEWS_NUMBER)
        if row.ok:
            row.errors += validation_messages(agreement, exclude=["unit", "parent", "renews", "created_by"])
        self.check_number(row, data)
        data["parties"] = self.parties(row, signed=bool(data["signed_on"]), updates=data.get("update"))
        data["programs"] = self.agreement_programs(row)
        if data.get("update") and row.ok:
            current = self.current[data["update"]]
            data["version"] = current["version"]
            try:
                data["changes"] = changes(current, data)
                data["change_notes"] = [describe(change) for change in data["changes"]]
            except ValidationError as error:
                row.errors += error.messages
        if row.ok and data["number"]:
            self.in_file.setdefault(
                data["number"], {"line": row.line, "kind": data["kind"], "unit_id": data["unit_id"]}
            )
        return {field: value.isoformat() if hasattr(value, "isoformat") else value for field, value in data.items()}

    def kind(self, row):
        text = row.text(c.KIND)
        kind = SHORT_KINDS.get(text.casefold()) or choice_value(text, Agreement.Kind.choices)
        if kind is None:
            row.errors.append(_("Jenis “%(value)s” tidak dikenal: tulis MoU, PKS, atau Adendum.") % {"value": text})
        return kind or ""

    def unit(self, row):
        name = row.text(c.UNIT)
        if not name:
            if self.user.unit_id is None:
                row.errors.append(_("Isi kolom “%(column)s”.") % {"column": _(c.UNIT)})
            return self.user.unit_id
        unit = self.units.get(name_key(name))
        if unit is None:
            row.errors.append(_("Unit “%(name)s” tidak dikenal.") % {"name": name})
            return None
        if self.editable is not None and unit.pk not in self.editable:
            row.errors.append(
                _("Anda tidak berwenang mencatat perjanjian milik %(name)s: impor hanya perjanjian unit Anda.")
                % {"name": unit.name}
            )
            return None
        return unit.pk

    def reference(self, row, agreement, field, header):
        """An agreement named by its number: one the user may read, or an earlier row of the file."""
        number = row.text(header)
        if not number:
            return None
        found = self.readable.get(number, [])
        if len(found) > 1:
            row.errors.append(
                _("%(column)s “%(number)s” dipakai lebih dari satu perjanjian.")
                % {"column": _(header), "number": number}
            )
            return None
        target = found[0] if found else self.in_file.get(number)
        if target is None:
            row.errors.append(
                _("%(column)s: perjanjian bernomor “%(number)s” tidak ditemukan.")
                % {"column": _(header), "number": number}
            )
            return None
        # Stands in for the referenced agreement so that the model's own rules (a PKS under an MoU, an addendum by
        # the same unit) judge the row; a negative id marks an agreement that exists only in this file.
        setattr(
            agreement,
            field,
            Agreement(pk=target.get("id", -target.get("line", 0)), kind=target["kind"], unit_id=target["unit_id"]),
        )
        return {"id": target["id"]} if "id" in target else {"line": target["line"]}

    def check_number(self, row, data):
        number, unit_id = data["number"], data["unit_id"]
        if not number or unit_id is None:
            return
        if (unit_id, number) in self.numbers_in_file:
            row.errors.append(
                _("Nomor “%(number)s” sudah dipakai di baris %(line)s berkas ini.")
                % {"number": number, "line": self.numbers_in_file[(unit_id, number)]}
            )
        else:
            self.numbers_in_file[(unit_id, number)] = row.line
            if (unit_id, number) in self.existing:
                data["update"] = self.existing[(unit_id, number)]

    def partner_id(self, row, name):
        pk = self.partners.get(name_key(name))
        if pk is not None:
            return pk
        choice = self.partner_choices.get(name, {}).get("choice", "")
        if choice == "new":
            return "new"
        if choice.isdigit() and int(choice) in self.partner_ids:
            return int(choice)
        if name not in self.unknown:
            matches = Partner.objects.likely_duplicates_of(name, limit=5)
            self.unknown[name] = {"matches": [[partner.pk, partner.name] for partner in matches], "choice": ""}
        row.errors.append(
            _("Mitra “%(name)s” belum terdaftar: pilih mitra yang dimaksud atau daftarkan sebagai mitra baru.")
            % {"name": name}
        )
        return None

    def parties(self, row, *, signed, updates=None):
        names = row.lines(c.PARTNER)
        if not [name for name in names if name]:
            row.errors.append(_("Cantumkan sekurang-kurangnya satu mitra."))
            return []
        numbers, signatories, positions = (row.lines(h) for h in (c.PARTY_NUMBER, c.PARTY_SIGNATORY, c.PARTY_POSITION))
        parties, seen = [], set()
        for index, name in enumerate(names):
            partner = self.partner_id(row, name)
            party = {
                "partner": partner,
                "name": name,
                "number": at(numbers, index),
                "signatory_name": at(signatories, index),
                "signatory_position": at(positions, index),
            }
            if partner in seen and partner is not None:
                row.errors.append(_("Mitra “%(name)s” tercantum lebih dari sekali.") % {"name": name})
            seen.add(partner)
            if signed and not party["signatory_name"]:
                row.errors.append(
                    _("Penanda tangan mitra “%(name)s” wajib diisi untuk perjanjian yang sudah ditandatangani.")
                    % {"name": name}
                )
            self.check_party_number(row, party, updates)
            parties.append(party)
        return parties

    def check_party_number(self, row, party, updates=None):
        """A partner's number is its own for one agreement: the one this row updates may keep it."""
        key = (party["partner"], party["number"])
        if not party["number"] or not isinstance(party["partner"], int):
            return
        taken_by = self.taken_party_numbers.get(key)
        if (taken_by is not None and taken_by != updates) or key in self.party_numbers_in_file:
            row.errors.append(
                _("Nomor pihak mitra “%(number)s” sudah dipakai mitra tersebut.") % {"number": party["number"]}
            )
        else:
            self.party_numbers_in_file[key] = row.line

    def agreement_programs(self, row):
        names = row.lines(c.PROGRAM)
        groups, targets, starts, ends, notes = (
            row.lines(h)
            for h in (c.TARGET_GROUP, c.TARGET_PARTICIPANTS, c.PROGRAM_STARTS, c.PROGRAM_ENDS, c.PROGRAM_NOTES)
        )
        programs, seen = [], set()
        for index, name in enumerate(names):
            if not name:
                continue
            found = self.programs.get(name.casefold(), [])
            if len(found) != 1:
                row.errors.append(_("Program “%(name)s” tidak ada di katalog.") % {"name": name})
                continue
            group = choice_value(at(groups, index), TargetGroup.choices)
            if group is None:
                row.errors.append(
                    _("Sasaran program “%(name)s” tidak dikenal: “%(value)s”.")
                    % {"name": name, "value": at(groups, index)}
                )
            target = at(targets, index)
            if target and not target.isdigit():
                row.errors.append(_("Target peserta program “%(name)s” harus berupa bilangan.") % {"name": name})
            item = AgreementProgram(
                program_id=found[0], target_group=group or "",
                target_participants=int(target) if target.isdigit() else None,
                starts_on=row.date(c.PROGRAM_STARTS, at(starts, index) or None),
                ends_on=row.date(c.PROGRAM_ENDS, at(ends, index) or None), notes=at(notes, index),
            )  # fmt: skip
            if (found[0], group) in seen:
                row.errors.append(_("Program “%(name)s” tercantum dua kali untuk sasaran yang sama.") % {"name": name})
            seen.add((found[0], group))
            if group and row.ok:
                row.errors += validation_messages(item, exclude=["agreement", "program"])
            programs.append(
                {
                    "program": found[0], "target_group": group, "target_participants": item.target_participants,
                    "starts_on": item.starts_on and item.starts_on.isoformat(),
                    "ends_on": item.ends_on and item.ends_on.isoformat(), "notes": item.notes,
                }
            )  # fmt: skip
        return programs


def at(values, index):
    return values[index] if index < len(values) else ""


# Importing ----------------------------------------------------------------------------------------------------

AGREEMENT_FIELDS = [*TEXT_FIELDS, *DATE_FIELDS, "kind", "unit_id"]


def import_agreements(job, user):
    """Create every checked row of `job`, with its parties and programs, and update the agreements of the rows
    that name one of the unit's own numbers, in one transaction: all or nothing. Rows naming an earlier row as
    parent are created after it. Returns how many agreements were created (`job.updated_count`: updated)."""
    lines = [row["line"] for row in job.rows]
    rows = [row["data"] for row in job.rows]
    with transaction.atomic():
        new_partners = create_new_partners(job, user)
        # line -> agreement; a row that updates stands for its agreement, which later rows may name as parent.
        created = {
            line: Agreement(pk=data["update"]) for line, data in zip(lines, rows, strict=True) if data.get("update")
        }
        updating = set(created)
        pending = [(line, data) for line, data in zip(lines, rows, strict=True) if line not in updating]
        while pending:
            ready = [
                (line, data)
                for line, data in pending
                if all(refers_to_created(data.get(f), created) for f in ("parent", "renews"))
            ]
            if not ready:
                raise ValueError(_("Perjanjian induk saling merujuk dalam berkas."))
            objects = [new_agreement(data, created, user) for _line, data in ready]
            bulk_create_recorded(objects, Agreement, user=user)
            created.update((line, agreement) for (line, _data), agreement in zip(ready, objects, strict=True))
            pending = [(line, data) for line, data in pending if line not in created]

        def partner_of(party):
            return new_partners[party["name"]] if party["partner"] == "new" else party["partner"]

        updated = apply_updates(
            [(data["update"], data) for line, data in zip(lines, rows, strict=True) if line in updating],
            user=user,
            values_of=lambda data: agreement_values(data, created),
            partner_of=partner_of,
        )
        parties, programs = [], []
        named = signed_names(rows, new_partners)
        for line, data in zip(lines, rows, strict=True):
            if line in updating:
                continue
            agreement = created[line]
            for order, party in enumerate(data["parties"]):
                partner = partner_of(party)
                fields = {k: party[k] for k in ("number", "signatory_name", "signatory_position")}
                parties.append(
                    AgreementParty(
                        agreement=agreement, partner_id=partner, partner_name=named[partner], order=order, **fields
                    )
                )
            for item in data["programs"]:
                programs.append(AgreementProgram(agreement=agreement, program_id=item.pop("program"), **item))
        bulk_create_recorded(parties, AgreementParty, user=user)
        bulk_create_recorded(programs, AgreementProgram, user=user)
        # One batch for the head: verified together from the import's page (exchange.views.import_verify).
        batch = [agreement.pk for line, agreement in created.items() if line not in updating] + updated
        through = ImportJob.agreements.through
        through.objects.bulk_create([through(importjob_id=job.pk, agreement_id=pk) for pk in batch], batch_size=1000)
        note = _("Diimpor dari berkas “%(name)s”.") % {"name": job.original_name}
        submit_batch(job.agreements.all(), user=user, note=note, link=job.get_absolute_url())
    job.updated_count = len(updated)
    return len(created) - len(updating)


def signed_names(rows, new_partners):
    """{partner id: directory name} of every partner the rows name: a party records the name it signed under
    (`AgreementParty.save` does it one by one; a bulk insert skips `save`)."""
    ids = {new_partners[p["name"]] if p["partner"] == "new" else p["partner"] for data in rows for p in data["parties"]}
    return dict(Partner.objects.filter(pk__in=ids).values_list("pk", "name"))


def refers_to_created(reference, created):
    return not reference or "id" in reference or reference["line"] in created


def agreement_values(data, created):
    """An agreement's fields from a checked row; a parent or renewal named by an earlier row is in `created`."""
    values = {field: data[field] or ("" if field in TEXT_FIELDS else None) for field in AGREEMENT_FIELDS}
    for field in ("parent", "renews"):
        reference = data.get(field)
        values[f"{field}_id"] = (
            None if not reference else reference["id"] if "id" in reference else created[reference["line"]].pk
        )
    return values


def new_agreement(data, created, user):
    agreement = Agreement(**agreement_values(data, created))
    agreement.created_by = user
    # Arrives awaiting the unit's head, as one entered by hand does; `submit_batch` records the step.
    agreement.verification_state = VerificationState.SUBMITTED
    return agreement


def create_new_partners(job, user):
    """The partners the user chose to register while importing: sector "Lainnya" until someone sets it."""
    created = {}
    for name, entry in job.unknown_partners.items():
        if entry.get("choice") == "new":
            partner = Partner(name=name, sector=Partner.Sector.LAINNYA, level=guess_level(name))
            partner.save()
            created[name] = partner.pk
    return created


def guess_level(name):
    words = name.casefold().split()
    if {"kabupaten", "kab", "kab.", "kota"} & set(words):
        return Partner.Level.KABUPATEN_KOTA
    if {"provinsi", "prov", "prov."} & set(words):
        return Partner.Level.PROVINSI
    return Partner.Level.NASIONAL
