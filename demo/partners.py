"""Partners: the two real Kemenag offices, then the sample directory from `demo.data.partners`."""

from simple_history.utils import bulk_create_with_history

from demo.common import sample, short_place, unmarked
from demo.data.agreements import CEREMONY
from demo.data.partners import (
    BNN,
    BNN_PROVINCE,
    BRANCH,
    CEREMONY_BRANCH_REGENCIES,
    KEMENAG,
    KEMENAG_BLORA,
    KEMENAG_BLORA_FIELDS,
    KEMENAG_BLORA_HEAD,
    KEMENAG_FIELDS,
    NATIONAL_PARTNERS,
    PARTNER_ADDRESS,
    PARTNER_REGENCIES,
    PROVINCE_PARTNERS,
    REGENCY_PARTNERS,
    REGIONAL_BANK,
    Level,
)
from demo.data.units import BLORA, DITJENPAS, REGIONS
from partners.models import Contact, Partner, name_key


def build_partners(builder):
    real_partners(builder)
    # Built in waves: a branch needs its head office's primary key.
    heads = head_offices(builder)
    insert_partners(builder, heads)
    branches = branch_offices(builder)
    insert_partners(builder, branches)
    sample_contacts(builder, heads + branches)


def real_partners(builder):
    kemenag = real_partner(builder, KEMENAG, **KEMENAG_FIELDS)
    kemenag_blora = real_partner(builder, KEMENAG_BLORA, parent=kemenag, **KEMENAG_BLORA_FIELDS)
    name, position = KEMENAG_BLORA_HEAD
    if not kemenag_blora.contacts.filter(name=name).exists():
        # Roziqun was recorded by Blora, the unit that signed with him.
        Contact.objects.create(partner=kemenag_blora, name=name, position=position, unit=builder.units[BLORA])


def real_partner(builder, name, **fields):
    partner = Partner.objects.similar_to(name).first()
    if partner is None:
        partner = Partner.objects.create(name=name, **fields)
    builder.partners[name] = partner
    return partner


def head_offices(builder):
    heads = []
    for name, sector, kind, *_ in CEREMONY:
        heads.append(sample_partner(builder, name, sector, Level.NASIONAL, kind))
    for name, sector, kind in NATIONAL_PARTNERS:
        heads.append(sample_partner(builder, name, sector, Level.NASIONAL, kind))
    for province, regencies in PARTNER_REGENCIES.items():
        seat = next(region[1] for region in REGIONS if region[0] == province)
        for template, sector, kind in PROVINCE_PARTNERS:
            name = template.format(province=province, place=short_place(seat))
            heads.append(sample_partner(builder, name, sector, Level.PROVINSI, kind, province, seat))
        for regency in regencies:
            for template, sector, kind in REGENCY_PARTNERS:
                if kind == "civil_registry" and province != "Jawa Tengah":
                    continue
                name = template.format(regency=regency, place=short_place(regency))
                heads.append(sample_partner(builder, name, sector, Level.KABUPATEN_KOTA, kind, province, regency))
    return heads


def branch_offices(builder):
    branches = []
    bnn = builder.partners[sample(BNN)]
    for province, regencies in PARTNER_REGENCIES.items():
        bank = builder.partners[sample(REGIONAL_BANK.format(province=province))]
        for regency in regencies:
            name = BRANCH.format(head=unmarked(bank.name), place=short_place(regency))
            branches.append(
                sample_partner(builder, name, bank.sector, Level.KABUPATEN_KOTA, "bank", province, regency, bank)
            )
        name = BNN_PROVINCE.format(province=province)
        branches.append(sample_partner(builder, name, bnn.sector, Level.PROVINSI, "narcotics", province, "", bnn))
    for head, _sector, kind, *_ in CEREMONY:
        if kind != "bank":
            continue
        bank = builder.partners[sample(head)]
        for province, regency in CEREMONY_BRANCH_REGENCIES:
            name = BRANCH.format(head=head, place=short_place(regency))
            branches.append(
                sample_partner(builder, name, bank.sector, Level.KABUPATEN_KOTA, kind, province, regency, bank)
            )
    return branches


def sample_partner(builder, name, sector, level, kind, province="", regency="", parent=None):
    """A sample partner not yet saved; `insert_partners` saves it unless one of that name is there already."""
    address = ""
    if regency:
        address = sample(PARTNER_ADDRESS.format(number=builder.rng.randint(1, 200), place=short_place(regency)))
    partner = Partner(
        name=sample(name),
        sector=sector,
        level=level,
        province=province,
        regency=regency,
        parent=parent,
        address=address,
    )
    partner.name_key = name_key(partner.name)  # bulk_create skips Partner.save(), which sets it
    partner._demo_kind = kind
    return partner


def insert_partners(builder, partners):
    existing = dict(Partner.objects.filter(name_key__in=[p.name_key for p in partners]).values_list("name_key", "pk"))
    new = [p for p in partners if p.name_key not in existing]
    bulk_create_with_history(new, Partner, default_user=builder.users["admin"])
    for partner in partners:
        kind = partner._demo_kind
        if partner.pk is None:
            partner = Partner.objects.get(pk=existing[partner.name_key])
        builder.partners[partner.name] = partner
        builder.partner_kind[partner.pk] = kind


def sample_contacts(builder, partners):
    """A contact for about half the partners this load created (not for those that were there already)."""
    contacts = []
    for partner in partners:
        if partner.pk and builder.rng.random() < 0.5:
            position = builder.signatory_position(partner)
            contacts.append(
                Contact(
                    partner=partner,
                    name=builder.person(),
                    position=sample(f"Staf {position}"),
                    unit=builder.units[DITJENPAS],
                )
            )
    bulk_create_with_history(contacts, Contact, default_user=builder.users["admin"])
