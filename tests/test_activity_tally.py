"""The unfiltered activities list takes its totals from each unit's tally, which the database keeps equal to
the activities themselves through every way they are written: added, cancelled, corrected, moved, deleted."""

import datetime

import pytest
from django.urls import reverse

from programs.models import Activity, ActivityTally
from tests.factories import ActivityFactory, AgreementFactory, AgreementProgramFactory

pytestmark = pytest.mark.django_db


def totals_on_page(client, user, **query):
    client.force_login(user)
    return client.get(reverse("programs:activity_list"), query).context["totals"]


def test_the_totals_follow_every_write(client, operator_pusat, operator_blora, rutan_blora, rutan_kudus):
    blora = AgreementProgramFactory(agreement=AgreementFactory(unit=rutan_blora))
    kudus = AgreementProgramFactory(agreement=AgreementFactory(unit=rutan_kudus))
    made = [ActivityFactory(agreement_program=blora, narapidana=10, petugas=2) for _ in range(3)]
    ActivityFactory(agreement_program=kudus, narapidana=0, tahanan=7, keluarga=1)

    assert totals_on_page(client, operator_pusat) == {
        "activities": 4,
        "participants": 44,
        "warga_binaan": 37,
        "petugas": 6,
        "keluarga": 1,
    }
    made[0].cancelled_on = datetime.date(2025, 3, 1)
    made[0].cancellation_reason = "Hujan deras"
    made[0].save()
    Activity.objects.filter(pk=made[1].pk).update(narapidana=4)
    made[2].delete()

    for user in (operator_pusat, operator_blora):
        live = Activity.objects.for_user(user).totals()
        assert totals_on_page(client, user) == live
    assert totals_on_page(client, operator_blora)["activities"] == 1
    assert totals_on_page(client, operator_blora)["participants"] == 6


def test_a_filtered_list_adds_up_its_rows(client, operator_pusat, rutan_blora):
    ActivityFactory(agreement_program=AgreementProgramFactory(agreement=AgreementFactory(unit=rutan_blora)))
    # A tally gone wrong would show on the unfiltered list only; a filtered one always adds up its rows.
    ActivityTally.objects.update(activities=99)

    assert totals_on_page(client, operator_pusat, cancelled="on")["activities"] == 1
    assert totals_on_page(client, operator_pusat)["activities"] == 99
