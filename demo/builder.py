"""The workbench one demo load shares: its dice, what it has built so far, and who records and signs."""

import random

from django.conf import settings

from demo.common import sample
from demo.data.agreements import ROMAN_MONTHS
from demo.data.partners import BRANCH_SIGNATORY_POSITION, SIGNATORY_POSITIONS
from demo.data.people import FIRST_NAMES, LAST_NAMES

# One seed, and one generator drawn from in a fixed order, so every load on a given day builds the same records.
SEED = 2024


class Builder:
    """State passed through the demo's building steps (`demo.units`, `demo.partners`, `demo.agreements`...)."""

    def __init__(self, today):
        self.today = today
        self.soon_days = settings.SINERGI_ENDING_SOON_DAYS
        self.rng = random.Random(SEED)  # nosec B311 # seeded so the sample data is the same on every load
        self.number_seq = 0
        self.party_seq = 0
        self.codes = {}  # unit pk -> the code in its letter numbers
        self.units = {}  # by name
        self.users = {}  # by username
        self.partners = {}  # by name
        self.partner_kind = {}  # partner pk -> "bank", "university"... (see demo.data.partners)
        self.programs = {}  # by name
        self.operators = {}  # unit pk -> its demo operator

    def person(self):
        return sample(f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}")

    def creator(self, unit):
        """The demo operator of the unit records its agreements; the administrator those of the other units."""
        return self.operators.get(unit.pk, self.users["admin"])

    def signatory_position(self, partner):
        kind = self.partner_kind[partner.pk]
        if kind == "bank" and partner.parent_id:
            return BRANCH_SIGNATORY_POSITION
        return SIGNATORY_POSITIONS[kind]

    def our_number(self, unit, signed_on):
        self.number_seq += 1
        return sample(f"{self.codes.get(unit.pk, 'PAS')}-HM.05.02-{self.number_seq:03d} Tahun {signed_on.year}")

    def party_number(self, signed_on):
        self.party_seq += 1
        return sample(f"B-{self.party_seq:04d}/{ROMAN_MONTHS[signed_on.month - 1]}/{signed_on.year}")
