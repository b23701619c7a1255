"""Agreements: planned in memory, then inserted in bulk with their parties and programs; the real cases here.

The sample agreements around them are in `demo.samples`.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from simple_history.utils import bulk_create_with_history

from agreements.models import Agreement, AgreementParty
from demo.common import SAMPLE, sample, short_place, term_end
from demo.data.agreements import (
    BLORA_2022,
    BLORA_2022_NUMBER,
    BLORA_2022_PARTY_NUMBER,
    BLORA_2022_PROGRAMS,
    BLORA_PKS,
    BLORA_PKS_NUMBER,
    BLORA_PKS_PARTY_NUMBER,
    BLORA_PKS_PROGRAMS,
    BLORA_SIGNED_ON,
    CEREMONY,
    CEREMONY_NOTES,
    CEREMONY_NUMBER,
    CEREMONY_ON,
    CEREMONY_PARTY_NUMBER,
    CEREMONY_PLACE,
    CEREMONY_SCOPE,
    CEREMONY_SIGNATORY_POSITION,
    CEREMONY_YEARS,
    KUDUS_DRAFT,
    KUDUS_DRAFT_PARTNER,
    KUDUS_DRAFT_PROGRAMS,
    KUDUS_DRAFT_TOPIC,
    PROGRAM_NOTE,
    RUPBASAN_TOPICS,
    TOPICS,
)
from demo.data.partners import KEMENAG_BLORA, KEMENAG_BLORA_HEAD, SIGNATORY_POSITIONS
from demo.data.units import BLORA, DITJENPAS, KUDUS, Kind
from programs.models import AgreementProgram, Program


@dataclass
class Plan:
    """One agreement to insert, with its parties and programs, before it has a primary key."""

    agreement: Agreement
    topic: str
    partners: list = field(default_factory=list)
    party_signatories: list = field(default_factory=list)
    party_numbers: list = field(default_factory=list)
    programs: list = field(default_factory=list)  # (Program, target group, participants, notes)


def load_programs(builder):
    """Look up the catalogue programs the demo uses; LookupError names those the catalogue lacks."""
    builder.programs = {p.name: p for p in Program.objects.all()}
    real = BLORA_2022_PROGRAMS + BLORA_PKS_PROGRAMS + KUDUS_DRAFT_PROGRAMS
    needed = {name for name, *_ in real}
    needed |= {name for *_, programs in CEREMONY for name, _ in programs}
    needed |= {name for topics in [*TOPICS.values(), RUPBASAN_TOPICS] for _, programs in topics for name, _ in programs}
    missing = needed - builder.programs.keys()
    if missing:
        raise LookupError(
            "Katalog program tidak lengkap (jalankan migrate terlebih dahulu); tidak ditemukan: "
            + ", ".join(sorted(missing))
        )


def program_rows(builder, programs):
    """Programs of a real case: (program, target group, target) from the data, with the sample note."""
    return [(builder.programs[name], group, participants, PROGRAM_NOTE) for name, group, participants in programs]


def real_cases(builder):
    """The Blora PKS (and the 2022 agreement it continues), the nine ceremony agreements and Kudus's draft."""
    first = blora_2022(builder)
    insert(builder, [first])
    ceremony = ceremony_plans(builder)
    insert(builder, [blora_pks(builder, renews=first.agreement), *ceremony])
    insert(builder, [kudus_draft(builder, mou=ceremony[0].agreement)])


def blora_2022(builder):
    blora = builder.units[BLORA]
    return Plan(
        Agreement(
            unit=blora,
            number=BLORA_2022_NUMBER.format(code=builder.codes[blora.pk]),
            our_signatory_name=builder.person(),
            **BLORA_2022,
        ),
        topic="",
        partners=[builder.partners[KEMENAG_BLORA]],
        party_signatories=[(builder.person(), KEMENAG_BLORA_HEAD[1])],
        party_numbers=[BLORA_2022_PARTY_NUMBER],
        programs=program_rows(builder, BLORA_2022_PROGRAMS),
    )


def blora_pks(builder, renews):
    blora = builder.units[BLORA]
    return Plan(
        Agreement(unit=blora, number=BLORA_PKS_NUMBER.format(code=builder.codes[blora.pk]), renews=renews, **BLORA_PKS),
        topic="",
        partners=[builder.partners[KEMENAG_BLORA]],
        party_signatories=[KEMENAG_BLORA_HEAD],
        party_numbers=[BLORA_PKS_PARTY_NUMBER],
        programs=program_rows(builder, BLORA_PKS_PROGRAMS),
    )


def ceremony_plans(builder):
    ditjenpas = builder.units[DITJENPAS]
    plans = []
    for index, (name, _sector, kind, agreement_kind, subject, programs) in enumerate(CEREMONY, start=1):
        agreement = Agreement(
            kind=agreement_kind,
            unit=ditjenpas,
            subject=sample(subject),
            number=CEREMONY_NUMBER.format(index=index),
            signed_on=CEREMONY_ON,
            signed_place=CEREMONY_PLACE,
            signing_notes=CEREMONY_NOTES,
            our_signatory_name=builder.person(),
            our_signatory_position=CEREMONY_SIGNATORY_POSITION,
            ends_on=term_end(CEREMONY_ON, CEREMONY_YEARS[agreement_kind]),
            scope=sample(CEREMONY_SCOPE.format(subject=subject)),
        )
        plan = Plan(
            agreement,
            topic=kind,
            partners=[builder.partners[sample(name)]],
            party_signatories=[(builder.person(), sample(SIGNATORY_POSITIONS[kind]))],
            party_numbers=[CEREMONY_PARTY_NUMBER.format(index=index)],
        )
        plan.programs = [
            (builder.programs[program], group, builder.rng.randrange(100, 2001, 50), PROGRAM_NOTE)
            for program, group in programs
        ]
        plans.append(plan)
    return plans


def kudus_draft(builder, mou):
    return Plan(
        Agreement(unit=builder.units[KUDUS], parent=mou, **KUDUS_DRAFT),
        topic=KUDUS_DRAFT_TOPIC,
        partners=[builder.partners[sample(KUDUS_DRAFT_PARTNER)]],
        party_signatories=[("", "")],
        party_numbers=[""],
        programs=program_rows(builder, KUDUS_DRAFT_PROGRAMS),
    )


def fill(builder, plan):
    """Numbers and signatories, which every signed agreement has and a draft may still lack."""
    agreement, unit = plan.agreement, plan.agreement.unit
    signed = agreement.signed_on is not None
    if signed and agreement.signed_on in (BLORA_SIGNED_ON, CEREMONY_ON):
        # Those two days belong to the real cases; a sample signed then would blur them in searches.
        agreement.signed_on -= timedelta(days=1)
    if signed:
        agreement.number = builder.our_number(unit, agreement.signed_on)
        agreement.signed_place = short_place(unit.regency) if unit.regency else "Jakarta"
        sample_head = SAMPLE in unit.head_name and unit.kind != Kind.DITJENPAS
        agreement.our_signatory_name = unit.head_name if sample_head else builder.person()
        agreement.our_signatory_position = (
            f"Kepala {unit.name}" if unit.kind != Kind.DITJENPAS else sample("Pejabat Ditjenpas")
        )
    for partner in plan.partners:
        position = builder.signatory_position(partner)
        plan.party_signatories.append((builder.person(), sample(position)) if signed else ("", ""))
        plan.party_numbers.append(builder.party_number(agreement.signed_on) if signed else "")
    return plan


def insert(builder, plans):
    admin = builder.users["admin"]
    agreements = []
    for plan in plans:
        agreement = plan.agreement
        agreement.clean()
        agreement.created_by = builder.creator(agreement.unit)
        agreement._history_user = agreement.created_by
        agreements.append(agreement)
    bulk_create_with_history(agreements, Agreement, default_user=admin)
    parties, programs = [], []
    for plan in plans:
        parties += party_rows(plan)
        programs += agreement_program_rows(plan)
    bulk_create_with_history(parties, AgreementParty, default_user=admin)
    bulk_create_with_history(programs, AgreementProgram, default_user=admin)


def party_rows(plan):
    rows = zip(plan.partners, plan.party_signatories, plan.party_numbers, strict=True)
    return [
        AgreementParty(
            agreement=plan.agreement,
            partner=partner,
            partner_name=partner.name,
            number=number,
            signatory_name=name,
            signatory_position=position,
            order=order,
        )
        for order, (partner, (name, position), number) in enumerate(rows)
    ]


def agreement_program_rows(plan):
    rows = []
    for program, group, participants, notes in plan.programs:
        row = AgreementProgram(
            agreement=plan.agreement,
            program=program,
            target_group=group,
            target_participants=participants,
            starts_on=plan.agreement.effective_start,
            ends_on=plan.agreement.ends_on,
            notes=notes,
        )
        row.clean()
        rows.append(row)
    return rows
