"""The unfiltered agreements list takes its total from each unit's tally, which the database keeps exact through
every way agreements are written: one by one, in bulk, moved to another unit, deleted."""

import pytest
from django.urls import reverse

from agreements.models import Agreement, UnitTally
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def list_total(client, user, **query):
    client.force_login(user)
    return client.get(reverse("agreements:list"), query).context["page_obj"].paginator.count


def test_the_list_total_follows_every_write(
    client, operator_pusat, operator_kanwil_jateng, operator_blora, ditjenpas, rutan_blora, rutan_kudus
):
    made = [AgreementFactory(unit=unit) for unit in (ditjenpas, rutan_blora, rutan_blora, rutan_kudus)]
    Agreement.objects.bulk_create(
        [Agreement(unit=rutan_kudus, kind=Agreement.Kind.MOU, subject=f"Massal {n}") for n in range(3)]
    )
    assert [list_total(client, user) for user in (operator_pusat, operator_kanwil_jateng, operator_blora)] == [
        7,
        7,  # the whole region and Ditjenpas's national one
        3,  # Blora's 2 and Ditjenpas's national one
    ]

    Agreement.objects.filter(pk=made[3].pk).update(unit=rutan_blora)
    made[1].delete()
    assert list_total(client, operator_blora) == 3 == Agreement.objects.for_user(operator_blora).count()
    assert list_total(client, operator_pusat) == 6 == Agreement.objects.count()
    Agreement.objects.filter(unit=rutan_kudus).delete()
    assert list_total(client, operator_kanwil_jateng) == Agreement.objects.for_user(operator_kanwil_jateng).count()


def test_a_filtered_list_counts_its_rows(client, operator_pusat, rutan_blora):
    AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.MOU)
    AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.PKS)
    # A tally gone wrong would show on the unfiltered list only; a filtered one always counts.
    UnitTally.objects.update(agreements=99)

    assert list_total(client, operator_pusat, kind="mou") == 1
    assert list_total(client, operator_pusat) == 99
