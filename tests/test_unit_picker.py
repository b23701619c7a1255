"""Whoever reads more units than fit a <select> (Ditjenpas reads ~700) types the unit, with suggestions of the
units in scope only; a link's ?unit=<id> still works and another scope's unit finds nothing."""

import pytest
from django.urls import reverse

from tests.factories import AgreementFactory
from units import filters as unit_filters


@pytest.fixture
def small_select_limit(monkeypatch):
    monkeypatch.setattr(unit_filters, "SELECT_LIMIT", 1)


def test_many_units_are_typed_not_chosen_from_a_select(
    client, operator_kanwil_jateng, rutan_blora, rutan_kudus, small_select_limit
):
    AgreementFactory(unit=rutan_blora, subject="Kerja sama Blora")
    AgreementFactory(unit=rutan_kudus, subject="Kerja sama Kudus")
    client.force_login(operator_kanwil_jateng)

    page = client.get(reverse("agreements:list"))
    html = page.content.decode()
    assert '<select name="unit"' not in html
    assert 'name="unit"' in html and reverse("unit_autocomplete") in html

    by_id = client.get(reverse("agreements:list"), {"unit": rutan_kudus.pk})
    assert [row.subject for row in by_id.context["page_obj"]] == ["Kerja sama Kudus"]
    assert f'value="{rutan_kudus.name}"' in by_id.content.decode()
    by_name = client.get(reverse("agreements:list"), {"unit": "blora"})
    assert [row.subject for row in by_name.context["page_obj"]] == ["Kerja sama Blora"]


def test_suggestions_and_ids_stay_in_scope(client, operator_blora, rutan_kudus, lapas_surabaya, small_select_limit):
    client.force_login(operator_blora)
    AgreementFactory(unit=lapas_surabaya, subject="Kerja sama Surabaya")

    names = [row["name"] for row in client.get(reverse("unit_autocomplete"), {"q": "kelas"}).json()["results"]]
    assert lapas_surabaya.name not in names

    listed = client.get(reverse("agreements:list"), {"unit": lapas_surabaya.pk})
    assert not listed.context["page_obj"].object_list


def test_the_unit_with_units_below_offers_only_units_that_have_some_yet_accepts_a_linked_upt(
    client, operator_pusat, kanwil_jateng, rutan_blora, rutan_kudus
):
    AgreementFactory(unit=rutan_blora, subject="Milik Blora")
    AgreementFactory(unit=rutan_kudus, subject="Milik Kudus")
    client.force_login(operator_pusat)
    offered = [
        label for _, label in client.get(reverse("agreements:list")).context["filter"].form["within"].field.choices
    ]

    assert kanwil_jateng.name in offered and rutan_blora.name not in offered
    # A UPT's dashboard links here with its id: accepted, and it narrows the list.
    rows = client.get(reverse("agreements:list"), {"within": rutan_blora.pk}).context["page_obj"]
    assert [agreement.subject for agreement in rows] == ["Milik Blora"]
