"""The demo's heads' loop: heads for Kanwil Jawa Tengah and Ditjenpas, and a few agreements waiting or returned."""

import pytest
from django.contrib.auth import authenticate

from agreements.models import Agreement
from demo.verification import RETURN_NOTE, load_verification_demo
from tests.factories import AgreementFactory
from units.models import User

pytestmark = pytest.mark.django_db


def test_demo_heads_and_agreements_in_the_loop(
    kepala_blora, operator_blora, operator_kanwil_jateng, operator_pusat, kanwil_jateng, ditjenpas
):
    for unit in (kepala_blora.unit, kepala_blora.unit, kepala_blora.unit, kanwil_jateng, ditjenpas):
        AgreementFactory(unit=unit, subject="Kerja sama (contoh)", verification_state="draft", kind="mou")
    load_verification_demo()
    load_verification_demo()  # loading twice changes nothing

    jateng, pusat = User.objects.get(username="kepala.jateng"), User.objects.get(username="kepala.pusat")
    assert (jateng.unit, jateng.role, pusat.unit, pusat.role) == (kanwil_jateng, "kepala", ditjenpas, "kepala")
    assert authenticate(username="kepala.pusat", password="sinergi-demo") == pusat

    states = sorted(Agreement.objects.values_list("unit__name", "verification_state"))
    assert states.count((kepala_blora.unit.name, "submitted")) == 1
    assert states.count((kepala_blora.unit.name, "returned")) == 1
    assert Agreement.objects.get(verification_state="returned").latest_return.note == RETURN_NOTE
    assert Agreement.objects.awaiting_verification_by(jateng).count() == 1
    assert Agreement.objects.awaiting_verification_by(pusat).count() == 1
    assert Agreement.objects.filter(verification_state="verified").count() == 1
