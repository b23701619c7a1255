"""Who a program or an activity reaches: the target groups and how their head counts add up."""

from functools import reduce
from operator import add

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    NARAPIDANA = "narapidana", _("Narapidana")
    TAHANAN = "tahanan", _("Tahanan")
    ANAK_BINAAN = "anak_binaan", _("Anak binaan")
    KLIEN = "klien", _("Klien pemasyarakatan")
    PETUGAS = "petugas", _("Petugas")
    KELUARGA = "keluarga", _("Keluarga warga binaan")


# The people an activity reaches, one count each; the field names are the TargetGroup values.
PARTICIPANT_GROUPS = [
    TargetGroup.NARAPIDANA,
    TargetGroup.TAHANAN,
    TargetGroup.ANAK_BINAAN,
    TargetGroup.KLIEN,
    TargetGroup.PETUGAS,
    TargetGroup.KELUARGA,
]
# "Warga binaan": the people in our care, staff and families not included.
WARGA_BINAAN_GROUPS = [TargetGroup.NARAPIDANA, TargetGroup.TAHANAN, TargetGroup.ANAK_BINAAN, TargetGroup.KLIEN]


# What the database refuses whatever the setting says: SINERGI_MAX_PARTICIPANTS (default 10,000) is the bound
# people meet, and may be raised up to this.
PARTICIPANTS_CEILING = 1_000_000


def validate_participant_count(value):
    """At most SINERGI_MAX_PARTICIPANTS people of one group in one activity (or one program's target): the
    largest prison holds a few thousand; 2,147,483,648 is a typing slip that would swamp every total."""
    limit = min(settings.SINERGI_MAX_PARTICIPANTS, PARTICIPANTS_CEILING)
    if value is not None and value > limit:
        raise ValidationError(
            _("Jumlah ini tidak masuk akal: paling banyak %(limit)s orang.") % {"limit": number_format(limit)},
            code="too_many",
        )


def participants_sum(groups=PARTICIPANT_GROUPS, prefix=""):
    """The sum of the participant counts of `groups` as a database expression (`prefix` reaches them across
    a relation, e.g. "activities__")."""
    return reduce(add, [F(f"{prefix}{group}") for group in groups])


def achievement_groups(target_group):
    """The participant counts that measure a program's target: warga binaan together (a Rutan's "narapidana"
    program reaches tahanan too), or petugas, or keluarga on their own."""
    if target_group in (TargetGroup.PETUGAS, TargetGroup.KELUARGA):
        return [TargetGroup(target_group)]
    return WARGA_BINAAN_GROUPS
