"""Demo data of the national cascade: the 1 Juli 2025 ceremony as one signing event, its nine agreements
cascaded to every UPT, and Rutan Kelas IIB Kudus having started on several of them.

`load_cascade(today)` is called AFTER the base demo is loaded (it finds the nine ceremony agreements, the units,
the Kudus draft PKS and the demo accounts by what the base demo gives them); it changes nothing when the event
already exists, so running it twice is harmless. Facts from the source (the date, the virtual ceremony, the
speech by Direktur Jenderal Pemasyarakatan Mashudi, every UPT joining, Kudus ready to follow up) are not marked;
everything else (who signed, which units started, states, activities) is sample data and says "(contoh)".
"""

import random
from datetime import date, timedelta

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from agreements.cascade import FollowUp, FollowUpState, SigningEvent
from agreements.models import Agreement
from programs.models import Activity
from units.models import Unit, User

SAMPLE = "(contoh)"
CEREMONY_ON = date(2025, 7, 1)
KUDUS = "Rutan Kelas IIB Kudus"
EVENT_NAME = "Penandatanganan MoU dan PKS Ditjenpas dengan sembilan mitra strategis"
UPT_KINDS = [kind for kind in Unit.Kind if kind not in (Unit.Kind.DITJENPAS, Unit.Kind.KANWIL)]
# How far the other UPTs have come, as a share of them (sample): the rest have not started.
OTHER_UNITS_PROGRESS = [
    (FollowUpState.PLANNED, 0.15),
    (FollowUpState.RUNNING, 0.10),
    (FollowUpState.DONE, 0.03),
    (FollowUpState.NOT_RELEVANT, 0.02),
]
NOT_RELEVANT_REASON = f"Program mitra ini belum menjangkau wilayah unit {SAMPLE}."


def sample(text):
    return f"{text} {SAMPLE}"


def load_cascade(today=None, seed=2025):
    """Group the ceremony's agreements under one signing event and cascade them to every UPT. Returns the event,
    or None when the base demo's ceremony is missing or the event is already there."""
    ceremony = list(
        Agreement.objects.filter(unit__kind=Unit.Kind.DITJENPAS, signed_on=CEREMONY_ON, parent__isnull=True)
        .prefetch_related("programs")
        .order_by("pk")
    )
    if not ceremony or SigningEvent.objects.filter(held_on=CEREMONY_ON, name=EVENT_NAME).exists():
        return None
    admin = User.objects.filter(is_superuser=True).first()
    with transaction.atomic():
        event = SigningEvent.objects.create(
            name=EVENT_NAME,
            held_on=CEREMONY_ON,
            is_virtual=True,
            place="",
            addressed_by="Direktur Jenderal Pemasyarakatan Mashudi",
            our_signatory_name=ceremony[0].our_signatory_name,
            our_signatory_position=ceremony[0].our_signatory_position,
            notes=(
                "Dilaksanakan secara virtual dan diikuti oleh seluruh jajaran Unit Pelaksana Teknis "
                "Pemasyarakatan se-Indonesia. Sembilan mitra strategis dari sektor perbankan, pendidikan, "
                "teknologi, dan lembaga sosial."
            ),
            unit=ceremony[0].unit,
            created_by=admin,
        )
        Agreement.objects.filter(pk__in=[agreement.pk for agreement in ceremony]).update(signing_event=event)
        units = list(Unit.objects.filter(kind__in=UPT_KINDS).order_by("pk"))
        rng = random.Random(seed)  # nosec B311 # seeded so the sample data is the same on every load
        follow_ups = cascade_all(ceremony, units, admin, rng)
        kudus_started(ceremony, follow_ups, today)
    return event


def cascade_all(ceremony, units, admin, rng):
    """Every UPT follows every ceremony agreement up; a sample share of them has started."""
    rows = []
    for agreement in ceremony:
        for unit in units:
            state, roll = FollowUpState.NOT_STARTED, rng.random()
            for candidate, share in OTHER_UNITS_PROGRESS:
                if roll < share:
                    state = candidate
                    break
                roll -= share
            reason = NOT_RELEVANT_REASON if state == FollowUpState.NOT_RELEVANT else ""
            rows.append(FollowUp(agreement=agreement, unit=unit, state=state, not_relevant_reason=reason))
    bulk_create_with_history(rows, FollowUp, default_user=admin, batch_size=2000)
    return {(row.agreement_id, row.unit_id): row for row in rows}


def kudus_started(ceremony, follow_ups, today):
    """Kudus signed a local PKS with the bank's Kudus branch under the bank MoU, carries out activities under a
    national PKS, plans a third; the other ceremony agreements wait."""
    kudus = Unit.objects.filter(name=KUDUS).first()
    if kudus is None:
        return
    operator = User.objects.filter(unit=kudus, role=User.Role.OPERATOR).first()
    mous = [agreement for agreement in ceremony if agreement.kind == Agreement.Kind.MOU]
    pks = [agreement for agreement in ceremony if agreement.kind == Agreement.Kind.PKS and agreement.programs.all()]
    states = {agreement.pk: FollowUpState.NOT_STARTED for agreement in ceremony}
    if mous:
        sign_local_pks(mous[0], kudus, operator)
        states[mous[0].pk] = FollowUpState.RUNNING
    if pks:
        log_activities(pks[0], kudus, operator, today)
        states[pks[0].pk] = FollowUpState.RUNNING
    if len(pks) > 1:
        states[pks[1].pk] = FollowUpState.PLANNED
    for agreement_id, state in states.items():
        FollowUp.objects.filter(agreement_id=agreement_id, unit=kudus).update(
            state=state, note=sample("Dibahas dalam rapat koordinasi Rutan Kudus") if state != "belum" else ""
        )


def sign_local_pks(mou, kudus, operator):
    """The base demo's Kudus draft under the bank MoU (with the bank's Kudus branch) is signed in August 2025."""
    draft = Agreement.objects.filter(parent=mou, unit=kudus).order_by("pk").first()
    if draft is None or draft.signed_on:
        return
    draft.signed_on, draft.signed_place = date(2025, 8, 14), "Kudus"
    draft.number = sample("W13.PAS.PAS.27-HM.01.01-045 Tahun 2025")
    draft.starts_on = date(2025, 8, 14)
    draft.signing_notes = sample("Tindak lanjut nota kesepahaman 1 Juli 2025 dengan kantor cabang bank di Kudus.")
    draft._history_user = operator
    draft.save()
    for party in draft.parties.all():
        party.signatory_name = sample("Pemimpin Cabang")
        party.signatory_position = "Pemimpin Cabang Kudus"
        party.save()


def log_activities(pks, kudus, operator, today):
    """Three sessions under the national PKS's first program, logged by Kudus for Kudus."""
    item = pks.programs.all()[0]
    today = today or date.today()
    first = date(2025, 8, 4)
    for week in range(3):
        starts_on = first + timedelta(weeks=4 * week)
        if starts_on > today:
            break
        activity = Activity(
            agreement_program=item,
            unit=kudus,
            starts_on=starts_on,
            title=sample(f"{item.program.name} di Rutan Kudus, sesi {week + 1}"),
            place="Aula Rutan Kelas IIB Kudus",
            facilitator_name=sample("Instruktur mitra"),
            narapidana=15 + 3 * week,
            summary=sample("Dilaksanakan di bawah PKS nasional, tindak lanjut penandatanganan 1 Juli 2025."),
            created_by=operator,
        )
        activity._history_user = operator
        activity.save()
