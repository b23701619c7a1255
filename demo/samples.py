"""Sample agreements around the real cases: every status, with follow-ups under MoUs, addenda and renewals.

Dates are drawn relative to the load's `today` so that each status shows up whatever day the demo is loaded.
"""

from datetime import timedelta

from agreements.models import Agreement, Status
from demo.agreements import Plan, fill, insert
from demo.common import add_years, sample, term_end, unmarked
from demo.data.agreements import PROGRAM_NOTE, RUPBASAN_TOPICS, STATUS_WEIGHTS, TERMINATION_REASONS, TOPICS
from demo.data.partners import REAL_PARTNERS, Level
from demo.data.units import DITJENPAS, Kind
from programs.models import TargetGroup


def sample_agreements(builder):
    primary = primary_plans(builder)
    insert(builder, primary)
    derived = follow_ups(builder, primary) + addenda(builder, primary) + renewals(builder, primary)
    insert(builder, derived)


def primary_plans(builder):
    """Agreements of every unit, standing on their own; their statuses follow STATUS_WEIGHTS."""
    rng = builder.rng
    slots = []
    for unit in builder.units.values():
        if unit.kind == Kind.DITJENPAS:
            count, mou_share = 10, 0.6
        elif unit.kind == Kind.KANWIL:
            count, mou_share = rng.randint(4, 7), 0.6
        else:
            count, mou_share = rng.randint(6, 12), 0.15
        for _ in range(count):
            kind = Agreement.Kind.MOU if rng.random() < mou_share else Agreement.Kind.PKS
            slots.append((unit, kind))
    statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=len(slots))
    # Every status must show up whatever the dice say: the lists and filters are demonstrated with them.
    for position, status in zip(rng.sample(range(len(slots)), len(Status)), Status, strict=True):
        statuses[position] = status
    return [sample_plan(builder, unit, status, kind) for (unit, kind), status in zip(slots, statuses, strict=True)]


def sample_plan(builder, unit, status, kind):
    rng = builder.rng
    regional, national = partner_pool(builder, unit)
    primary = rng.choice(national if rng.random() < 0.25 else regional)
    if unit.kind == Kind.RUPBASAN:
        # Valuing and keeping seized goods is work for universities and companies, not a pesantren.
        fitting = [p for p in regional + national if builder.partner_kind[p.pk] in ("university", "company")]
        primary = rng.choice(fitting)
    topic = builder.partner_kind[primary.pk]
    subject, programs = rng.choice(RUPBASAN_TOPICS if unit.kind == Kind.RUPBASAN else TOPICS[topic])
    partners = [primary]
    for _ in range(rng.choices((0, 1, 2), weights=(75, 20, 5))[0]):
        extra = rng.choice(regional + national)
        if extra not in partners:
            partners.append(extra)
    dates = sample_dates(builder, status)
    agreement = Agreement(
        kind=kind,
        unit=unit,
        subject=sample(where(subject, unit)),
        scope=sample(subject + "."),
        termination_reason=sample(rng.choice(TERMINATION_REASONS)) if dates.get("terminated_on") else "",
        **dates,
    )
    return fill(builder, Plan(agreement, topic, partners, programs=sample_programs(builder, unit, programs)))


def partner_pool(builder, unit):
    """Partners a sample agreement of `unit` may be signed with: national ones and those of its province."""
    partners = [(name, p) for name, p in builder.partners.items() if name not in REAL_PARTNERS]
    national = [p for _, p in partners if p.level == Level.NASIONAL]
    if unit.kind == Kind.DITJENPAS:
        return national, national
    regional = [p for _, p in partners if p.province == unit.province]
    if unit.kind == Kind.KANWIL:
        regional = [p for p in regional if p.level == Level.PROVINSI] or regional
    else:
        nearby = [p for p in regional if p.regency in ("", unit.regency) or p.level == Level.PROVINSI]
        regional = nearby or regional
    return regional or national, national


def sample_dates(builder, status):
    """Signing, start, end and termination dates that give `status` on the load's `today`."""
    rng, today = builder.rng, builder.today
    years = rng.choice((1, 2, 3, 3, 5))
    signed = starts = terminated = None
    if status == Status.DRAFT:
        return {"ends_on": term_end(today + timedelta(days=rng.randint(30, 120)), years)}
    if status == Status.NOT_YET_IN_FORCE:
        signed = today - timedelta(days=rng.randint(0, 45))
        starts = today + timedelta(days=rng.randint(1, 60))
        ends = term_end(starts, years)
    elif status == Status.IN_FORCE:
        ends = today + timedelta(days=builder.soon_days + rng.randint(1, 365 * years))
        signed = min(add_years(ends, -years), today - timedelta(days=rng.randint(1, 60)))
    elif status == Status.ENDING_SOON:
        ends = today + timedelta(days=rng.randint(0, builder.soon_days))
        signed = min(add_years(ends, -years), today - timedelta(days=1))
    elif status == Status.ENDED:
        ends = today - timedelta(days=rng.randint(1, 4 * 365))
        signed = add_years(ends, -years)
    else:
        signed = today - timedelta(days=rng.randint(200, 4 * 365))
        ends = term_end(signed, years)
        last = min(today, ends) - timedelta(days=1)
        terminated = signed + timedelta(days=rng.randint(30, (last - signed).days))
    # Some agreements name a start a few days after signing; never one that would change the status.
    if status != Status.NOT_YET_IN_FORCE and rng.random() < 0.25:
        candidate = signed + timedelta(days=rng.randint(1, 14))
        if candidate <= min(today, ends):
            starts = candidate
    return {"signed_on": signed, "starts_on": starts, "ends_on": ends, "terminated_on": terminated}


def where(subject, unit):
    """Where a sample agreement applies: a UPT by name, a Kanwil by its region, Ditjenpas everywhere."""
    if unit.kind == Kind.DITJENPAS:
        return subject
    if unit.kind == Kind.KANWIL:
        return f"{subject} di wilayah {unit.province}"
    return f"{subject} di {unit.name}"


def sample_programs(builder, unit, programs):
    """Programs from a topic; a target group of None becomes the unit's own warga binaan."""
    inmates = {
        Kind.LPKA: TargetGroup.ANAK_BINAAN,
        Kind.BAPAS: TargetGroup.KLIEN,
        Kind.RUTAN: TargetGroup.TAHANAN,
        Kind.CABANG_RUTAN: TargetGroup.TAHANAN,
    }.get(unit.kind, TargetGroup.NARAPIDANA)
    rows, seen = [], set()
    for name, group in programs:
        group = group or inmates
        if (name, group) not in seen:
            seen.add((name, group))
            rows.append((builder.programs[name], group, builder.rng.randrange(10, 201, 5), PROGRAM_NOTE))
    return rows


def status_today(builder, plan):
    return plan.agreement.status_on(builder.today)


def follow_ups(builder, primary):
    """PKS signed by a UPT under an MoU of its Kanwil or of Ditjenpas."""
    rng = builder.rng
    umbrellas = [
        p
        for p in primary
        if p.agreement.kind == Agreement.Kind.MOU
        and p.agreement.unit.kind in (Kind.KANWIL, Kind.DITJENPAS)
        and status_today(builder, p) in (Status.IN_FORCE, Status.ENDING_SOON, Status.ENDED)
    ]
    upts = [u for u in builder.units.values() if u.kind not in (Kind.DITJENPAS, Kind.KANWIL, Kind.RUPBASAN)]
    plans = []
    for mou in rng.sample(umbrellas, min(12, len(umbrellas))):
        parent = mou.agreement
        below = [u for u in upts if parent.unit == builder.units[DITJENPAS] or u.parent_id == parent.unit_id]
        lo = parent.effective_start + timedelta(days=14)
        hi = min(builder.today, parent.ends_on - timedelta(days=30))
        if not below or hi < lo:
            continue
        unit = rng.choice(below)
        signed = lo + timedelta(days=rng.randint(0, min((hi - lo).days, 365)))
        plans.append(follow_up(builder, mou, unit, signed))
    return plans


def follow_up(builder, mou, unit, signed):
    """A PKS under `mou`, with the branch of its partner in the unit's province where there is one."""
    parent, partner = mou.agreement, mou.partners[0]
    local = [b for b in builder.partners.values() if b.parent_id == partner.pk and b.province == unit.province]
    subject, programs = builder.rng.choice(TOPICS[mou.topic])
    agreement = Agreement(
        kind=Agreement.Kind.PKS,
        unit=unit,
        parent=parent,
        subject=sample("Tindak lanjut nota kesepahaman: " + where(subject[0].lower() + subject[1:], unit)),
        scope=sample(subject + "."),
        signed_on=signed,
        ends_on=min(parent.ends_on, term_end(signed, 2)),
    )
    plan = Plan(agreement, mou.topic, [local[0] if local else partner])
    plan.programs = sample_programs(builder, unit, programs)
    return fill(builder, plan)


def addenda(builder, primary):
    """Addenda extending a PKS still in force by a year."""
    rng, today = builder.rng, builder.today
    extendable = [
        p
        for p in primary
        if p.agreement.kind == Agreement.Kind.PKS
        and status_today(builder, p) in (Status.IN_FORCE, Status.ENDING_SOON)
        and p.agreement.signed_on <= today - timedelta(days=90)
    ]
    plans = []
    for original in rng.sample(extendable, min(8, len(extendable))):
        parent = original.agreement
        span = (today - parent.signed_on).days - 1
        agreement = Agreement(
            kind=Agreement.Kind.ADENDUM,
            unit=parent.unit,
            parent=parent,
            subject=sample(f"Adendum perpanjangan jangka waktu: {unmarked(parent.subject)}"),
            scope=sample("Perpanjangan jangka waktu perjanjian selama satu tahun; ketentuan lain tetap berlaku."),
            signed_on=parent.signed_on + timedelta(days=rng.randint(60, span)),
            ends_on=add_years(parent.ends_on, 1),
        )
        plans.append(fill(builder, Plan(agreement, original.topic, original.partners[:1])))
    return plans


def renewals(builder, primary):
    """Renewals of agreements that ended in the last two years, starting the day after the old one ended."""
    rng, today = builder.rng, builder.today
    renewable = [
        p
        for p in primary
        if status_today(builder, p) == Status.ENDED and p.agreement.ends_on >= today - timedelta(days=700)
    ]
    plans = []
    for old in rng.sample(renewable, min(10, len(renewable))):
        previous = old.agreement
        starts = previous.ends_on + timedelta(days=1)
        agreement = Agreement(
            kind=previous.kind,
            unit=previous.unit,
            renews=previous,
            subject=sample(f"Perpanjangan: {unmarked(previous.subject)}"),
            scope=previous.scope,
            signed_on=max(previous.signed_on, previous.ends_on - timedelta(days=rng.randint(0, 30))),
            starts_on=starts,
            ends_on=term_end(starts, 3),
        )
        plan = Plan(agreement, old.topic, list(old.partners))
        plan.programs = list(old.programs)
        plans.append(fill(builder, plan))
    return plans
