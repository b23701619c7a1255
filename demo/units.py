"""Our own side: the unit tree from `demo.data.units` and the demo accounts."""

from django.contrib.auth.hashers import make_password

from demo.common import kanwil_name, sample, short_place
from demo.data.units import (
    ACCOUNTS,
    DITJENPAS,
    DITJENPAS_FIELDS,
    HEAD_TITLES,
    KANWIL_ADDRESS,
    NAMED_HEADS,
    PASSWORD,
    REGIONS,
    UPT_ADDRESS,
    Kind,
)
from units.models import Unit, User


def build_units(builder):
    ditjenpas = existing_or_new_unit(builder, DITJENPAS, **DITJENPAS_FIELDS)
    builder.codes[ditjenpas.pk] = "PAS"
    for province, seat, code, upts in REGIONS:
        kanwil = existing_or_new_unit(
            builder,
            kanwil_name(province),
            kind=Kind.KANWIL,
            parent=ditjenpas,
            province=province,
            regency=seat,
            address=sample(KANWIL_ADDRESS.format(code=code, place=short_place(seat))),
            head_name=builder.person(),
            head_title=HEAD_TITLES[Kind.KANWIL],
        )
        builder.codes[kanwil.pk] = f"W.{code}.PAS"
        for index, upt in enumerate(upts, start=1):
            unit = build_upt(builder, kanwil, province, index, *upt)
            builder.codes[unit.pk] = f"W.{code}.PAS.PAS.{index}"


def build_upt(builder, kanwil, province, index, kind, grade, name, regency, parent_name=None):
    """A UPT under its Kanwil, or a Cabang Rutan under the Rutan named `parent_name`."""
    fields = {
        "kind": kind,
        "grade": grade,
        "parent": builder.units[parent_name] if parent_name else kanwil,
        "province": province,
        "regency": regency,
        "address": sample(UPT_ADDRESS.format(index=index, place=short_place(regency))),
        # Drawn for every UPT, named head or not, so the dice fall the same for all that follows.
        "head_name": builder.person(),
        "head_title": HEAD_TITLES[kind],
    }
    if name in NAMED_HEADS:
        fields["head_name"], fields["head_title"] = NAMED_HEADS[name]
    return existing_or_new_unit(builder, name, **fields)


def existing_or_new_unit(builder, name, **fields):
    """The existing unit of this name, or a new one; the demo never overwrites what someone typed in."""
    unit = Unit.objects.filter(name=name).first()
    if unit is None:
        unit = Unit(name=name, **fields)
        unit.full_clean()
        unit.save()
    builder.units[name] = unit
    return unit


def build_users(builder):
    # One hash for every demo account: hashing is deliberately slow and the password is the same anyway.
    password = make_password(PASSWORD)
    for username, unit_name, role, first_name, last_name, position in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username,
                password=password,
                unit=builder.units[unit_name] if unit_name else None,
                role=role,
                first_name=first_name,
                last_name=last_name,
                position=position,
                email=f"{username}@contoh.invalid",
                is_superuser=role == User.Role.ADMINISTRATOR,
            )
            # The admin is for administrators, and for Ditjenpas's operators the program catalogue in it.
            user.is_staff = user.is_administrator or user.can_manage_catalogue
            user.save(update_fields=["is_staff"])
        builder.users[username] = user
    builder.operators = {u.unit_id: u for u in builder.users.values() if u.role == User.Role.OPERATOR and u.unit_id}
