"""Rows whose number is already an agreement of the user's own unit update it: the preview says which fields
change, from what to what; confirming changes it as the agreement form would (the next version, a history record,
back to the head when what the head vouched for changed)."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import DateField, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement, AgreementParty
from agreements.verification import KEY_FIELDS, VerificationState
from programs.models import Activity, AgreementProgram
from sinergi.bulk import record_history
from sinergi.history import describe_value

SCALAR_FIELDS = [
    "number", "kind", "subject", "our_signatory_name", "our_signatory_position", "signed_on", "signed_place",
    "signing_notes", "starts_on", "ends_on", "scope", "objectives", "legal_basis", "funding_note", "terminated_on",
    "termination_reason",
]  # fmt: skip
PARTY_FIELDS = ("number", "signatory_name", "signatory_position")
PROGRAM_FIELDS = ("target_participants", "starts_on", "ends_on", "notes")


def current_state(pks):
    """{agreement id: what an import row is compared with}, for the agreements `pks`, in three queries."""
    state = {}
    for values in Agreement.objects.filter(pk__in=pks).values(
        "pk", "version", "parent_id", "renews_id", *SCALAR_FIELDS
    ):
        values.update({field: iso(values[field]) for field in SCALAR_FIELDS})
        state[values["pk"]] = {**values, "parties": [], "programs": {}}
    for party in AgreementParty.objects.filter(agreement_id__in=pks).values(
        "agreement_id", "partner_id", *PARTY_FIELDS
    ):
        state[party["agreement_id"]]["parties"].append([party["partner_id"], *(party[f] for f in PARTY_FIELDS)])
    used = Activity.objects.filter(agreement_program=OuterRef("pk"))
    programs = AgreementProgram.objects.filter(agreement_id__in=pks).annotate(used=Exists(used))
    for item in programs.values("agreement_id", "program_id", "target_group", "used", *PROGRAM_FIELDS):
        key = f"{item['program_id']}:{item['target_group']}"
        state[item["agreement_id"]]["programs"][key] = {
            **{f: iso(item[f]) for f in PROGRAM_FIELDS},
            "used": item["used"],
        }
    return state


def iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def changes(current, data):
    """[{"field", "old", "new"}] of what importing `data` (a checked row) changes on the agreement `current`;
    raises ValidationError when the file would drop a program that activities were recorded under."""
    found = []
    for field in SCALAR_FIELDS:
        old, new = current[field] or "", iso(data[field]) or ""
        if str(old) != str(new):
            found.append({"field": field, "old": str(old), "new": str(new)})
    for field in ("parent", "renews"):
        new = data.get(field) or {}
        if new.get("id") != current[f"{field}_id"]:
            found.append({"field": field, "old": "", "new": ""})
    parties = [[p["partner"], *(p[f] for f in PARTY_FIELDS)] for p in data["parties"]]
    if parties != current["parties"]:
        found.append({"field": "parties", "old": "", "new": ""})
    programs = {f"{p['program']}:{p['target_group']}": {f: p[f] for f in PROGRAM_FIELDS} for p in data["programs"]}
    dropped = [key for key, item in current["programs"].items() if item["used"] and key not in programs]
    if dropped:
        raise ValidationError(
            _("Program yang sudah punya kegiatan tercatat tidak dapat dihapus lewat impor: tetap cantumkan di berkas.")
        )
    if programs != {key: {f: item[f] for f in PROGRAM_FIELDS} for key, item in current["programs"].items()}:
        found.append({"field": "programs", "old": "", "new": ""})
    return found


def field_label(field):
    if field == "parties":
        return _("Para pihak")
    if field == "programs":
        return _("Program")
    return str(Agreement._meta.get_field(field).verbose_name).capitalize()


def describe(change):
    """A change as the preview says it: "Perihal: “lama” → “baru”", or only the field for long texts and lists."""
    label = field_label(change["field"])
    if change["field"] in ("parties", "programs"):
        return label
    field = Agreement._meta.get_field(change["field"])
    old, new = (
        describe_value(field, datetime.date.fromisoformat(value) if value and isinstance(field, DateField) else value)
        for value in (change["old"], change["new"])
    )
    if old is None or new is None:
        return label
    return _("%(field)s: “%(old)s” → “%(new)s”") % {"field": label, "old": old, "new": new}


def apply_updates(updates, *, user, values_of, partner_of):
    """Change the agreements of `updates` ([(agreement id, checked row data)]) in the caller's transaction.
    `values_of(data)` gives the agreement's fields, `partner_of(party)` a party's partner id. Returns the ids of
    the agreements changed."""
    wanted = {pk: data for pk, data in updates if data.get("changes")}
    agreements = Agreement.objects.select_for_update().in_bulk(list(wanted))
    now = timezone.now()
    fields = set()
    for pk, data in wanted.items():
        agreement = agreements[pk]
        if agreement.version != data["version"]:
            raise ValueError(
                _("Perjanjian “%(number)s” diubah orang lain setelah berkas diperiksa: unggah dan periksa lagi.")
                % {"number": agreement.number}
            )
        for field, value in values_of(data).items():
            setattr(agreement, field, value)
            fields.add(field)
        agreement.version += 1
        agreement.updated_at = now
        changed = {change["field"] for change in data["changes"]}
        if agreement.verification_state != VerificationState.VERIFIED or changed & (KEY_FIELDS | {"parties"}):
            agreement.verification_state = VerificationState.SUBMITTED
        if "parties" in changed:
            replace_parties(agreement, data["parties"], user=user, partner_of=partner_of)
        if "programs" in changed:
            replace_programs(agreement, data["programs"], user=user)
    Agreement.objects.bulk_update(
        list(agreements.values()), [*fields, "version", "updated_at", "verification_state"], batch_size=500
    )
    record_history(Agreement, list(agreements), user=user, history_type="~")
    return list(agreements)


def replace_parties(agreement, parties, *, user, partner_of):
    """The agreement's parties become those of the file: matched by partner, each save recorded in history."""
    existing = {party.partner_id: party for party in agreement.parties.all()}
    wanted = [partner_of(party) for party in parties]
    for party in existing.values():
        if party.partner_id not in wanted:
            party._history_user = user
            party.delete()
    for order, (partner_id, party) in enumerate(zip(wanted, parties, strict=True)):
        row = existing.get(partner_id) or AgreementParty(agreement=agreement, partner_id=partner_id)
        row.order = order
        for field in PARTY_FIELDS:
            setattr(row, field, party[field])
        row._history_user = user
        row.save()


def replace_programs(agreement, programs, *, user):
    """The agreement's programs become those of the file, matched by program and target group; one with
    activities is never dropped (`changes` refused the row)."""
    existing = {(item.program_id, item.target_group): item for item in agreement.programs.all()}
    wanted = {(item["program"], item["target_group"]): item for item in programs}
    for key, item in existing.items():
        if key not in wanted:
            item._history_user = user
            item.delete()
    for (program_id, group), item in wanted.items():
        row = existing.get((program_id, group)) or AgreementProgram(
            agreement=agreement, program_id=program_id, target_group=group
        )
        for field in PROGRAM_FIELDS:
            setattr(row, field, item[field])
        row._history_user = user
        row.save()
