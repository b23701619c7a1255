"""A head reads the home page at a glance: the figures equal what the records say, counted here independently,
for a unit, a Kanwil and Ditjenpas; a Kanwil or Ditjenpas drills down to a unit below and no further than its
own side of the tree; the number of queries does not grow with the data."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Partner
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramCategoryFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def world(ditjenpas, kanwil_jateng, rutan_blora, rutan_kudus, lapas_surabaya):
    """Per unit: (in force with recent activity, ending soon, dormant, ended) agreements, and activities."""
    bank = PartnerFactory(name="Bank Contoh", sector=Partner.Sector.PERBANKAN_KEUANGAN)
    school = PartnerFactory(name="Sekolah Contoh", sector=Partner.Sector.PENDIDIKAN)
    kepribadian = ProgramFactory(category=ProgramCategoryFactory(name="Pembinaan kepribadian"), name="Rohani")
    kemandirian = ProgramFactory(category=ProgramCategoryFactory(name="Pembinaan kemandirian"), name="Menjahit")
    plan = {  # unit: (active, ending soon, dormant, ended, activities this month, earlier this year)
        ditjenpas: (1, 0, 1, 0, 1, 0),
        kanwil_jateng: (1, 1, 0, 1, 0, 2),
        rutan_blora: (2, 1, 1, 1, 2, 3),
        rutan_kudus: (1, 0, 2, 0, 1, 1),
        lapas_surabaya: (1, 1, 0, 0, 0, 1),
    }
    for unit, (active, ending, dormant, ended, this_month, this_year) in plan.items():
        for n in range(active):
            agreement = AgreementFactory(
                unit=unit, subject=f"Aktif {n} {unit}", signed_on=days(-400), ends_on=days(500)
            )
            AgreementPartyFactory(agreement=agreement, partner=bank if n % 2 == 0 else school)
            item = AgreementProgramFactory(agreement=agreement, program=kepribadian if n == 0 else kemandirian)
            for k in range(this_month if n == 0 else 0):
                ActivityFactory(agreement_program=item, starts_on=TODAY.replace(day=2 + k), narapidana=10)
            for k in range(this_year if n == 0 else 0):
                ActivityFactory(agreement_program=item, starts_on=datetime.date(2026, 3, 1 + k), narapidana=5)
            ActivityFactory(agreement_program=item, starts_on=days(-20), narapidana=1, petugas=1)  # keeps it active
        for n in range(ending):
            agreement = AgreementFactory(
                unit=unit, subject=f"Segera {n} {unit}", signed_on=days(-700), ends_on=days(30)
            )
            AgreementPartyFactory(agreement=agreement, partner=bank)
            ActivityFactory(agreement_program=AgreementProgramFactory(agreement=agreement), starts_on=days(-10))
        for n in range(dormant):
            AgreementFactory(unit=unit, subject=f"Tidur {n} {unit}", signed_on=days(-300), ends_on=days(400))
        for n in range(ended):
            AgreementFactory(unit=unit, subject=f"Berakhir {n} {unit}", signed_on=days(-900), ends_on=days(-3))
    return plan


def home(client, user, **query):
    client.force_login(user)
    return client.get(reverse("home"), query).context


def test_a_unit_home_counts_its_own_agreements_and_activities(client, kepala_blora, world):
    context = home(client, kepala_blora)

    counts = {status.value: count for status, count, _url in context["status_counts"]}
    assert counts == {"draft": 0, "not_yet_in_force": 0, "in_force": 3, "ending_soon": 1, "ended": 1, "terminated": 0}
    assert context["running_count"] == 4
    assert context["dormant_count"] == 1
    assert [a.subject for a in context["dormant"]] == ["Tidur 0 Rutan Kelas IIB Blora"]
    assert [agreement.days_left for agreement, _renew in context["ending"]] == [30, 400, 500, 500]
    # 2 this month and 3 in March under "kepribadian", plus three "keeps it active" rows (one per agreement in
    # force with a program: 2 in force, 1 ending soon) on days(-20) and days(-10), in November.
    totals = context["per_category"]["total"]
    assert totals["year_activities"] == 2 + 3 + 2 + 1
    assert totals["month_activities"] == 2 + 2 + 1  # days(-20) is 3 November, days(-10) 13 November
    assert totals["year_participants"] == 2 * 10 + 3 * 5 + 2 * 2 + 25
    assert dict(row[:2] for row in [(bar["label"], bar["value"]) for bar in context["sector_chart"]["bars"]]) == {
        "Perbankan & keuangan": 2,  # the first agreement in force and the one ending soon
        "Pendidikan": 1,
    }
    assert context["units_below"] == []


def test_each_count_equals_the_rows_of_the_list_it_opens(client, kepala_blora, world):
    context = home(client, kepala_blora)

    for status, count, url in context["status_counts"]:
        assert client.get(url).context["page_obj"].paginator.count == count, status
    assert client.get(context["dormant_url"]).context["page_obj"].paginator.count == context["dormant_count"]
    assert client.get(context["running_url"]).context["page_obj"].paginator.count == context["running_count"]


def test_an_operator_may_renew_from_home_and_a_kepala_may_not(client, operator_blora, kepala_blora, world):
    assert all(can_renew for _agreement, can_renew in home(client, operator_blora)["ending"])
    assert not any(can_renew for _agreement, can_renew in home(client, kepala_blora)["ending"])
    client.force_login(operator_blora)
    assert "/perpanjang/" in client.get(reverse("home")).content.decode()


def test_a_kanwil_sees_each_unit_of_its_region(client, operator_kanwil_jateng, world):
    rows = {row["name"]: row for row in home(client, operator_kanwil_jateng)["units_below"]}

    assert set(rows) == {"Rutan Kelas IIB Blora", "Rutan Kelas IIB Kudus"}
    blora, kudus = rows["Rutan Kelas IIB Blora"], rows["Rutan Kelas IIB Kudus"]
    assert (blora["in_force"], blora["ending_soon"], blora["dormant"], blora["activities"]) == (4, 1, 1, 8)
    assert (kudus["in_force"], kudus["ending_soon"], kudus["dormant"], kudus["activities"]) == (3, 0, 2, 3)


def test_ditjenpas_sees_each_region_with_its_units_summed(client, operator_pusat, world):
    context = home(client, operator_pusat)
    rows = {row["name"]: row for row in context["units_below"]}

    jateng = rows["Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Tengah"]
    jatim = rows["Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Timur"]
    # Kanwil Jateng's own (2 in force, 1 of them ending soon, 4 activities) plus Blora's and Kudus's.
    assert (jateng["in_force"], jateng["ending_soon"], jateng["dormant"], jateng["activities"]) == (9, 2, 3, 15)
    assert (jatim["in_force"], jatim["ending_soon"], jatim["dormant"], jatim["activities"]) == (2, 1, 0, 3)
    counts = {status.value: count for status, count, _url in context["status_counts"]}
    assert counts["in_force"] + counts["ending_soon"] == 9 + 2 + 2  # the regions and Ditjenpas's own 2


def test_the_units_table_sorts_by_a_column(client, operator_kanwil_jateng, world):
    rows = home(client, operator_kanwil_jateng, o="-dormant")["units_below"]

    assert [row["name"] for row in rows] == ["Rutan Kelas IIB Kudus", "Rutan Kelas IIB Blora"]


def test_a_kanwil_drills_down_to_a_unit_of_its_region(client, operator_kanwil_jateng, rutan_blora, world):
    client.force_login(operator_kanwil_jateng)

    response = client.get(reverse("unit_dashboard", args=[rutan_blora.pk]))

    assert response.status_code == 200
    counts = {status.value: count for status, count, _url in response.context["status_counts"]}
    assert counts["in_force"] == 3
    for status, count, url in response.context["status_counts"]:
        assert client.get(url).context["page_obj"].paginator.count == count, status


def test_ditjenpas_drills_down_from_a_region_to_its_units(client, operator_pusat, kanwil_jateng, world):
    client.force_login(operator_pusat)

    response = client.get(reverse("unit_dashboard", args=[kanwil_jateng.pk]))

    assert {row["name"] for row in response.context["units_below"]} == {
        "Rutan Kelas IIB Blora",
        "Rutan Kelas IIB Kudus",
    }
    assert f'href="{reverse("unit_dashboard", args=[world and kanwil_jateng.children.first().pk])}"' in (
        response.content.decode()
    )


@pytest.mark.parametrize("unit", ["rutan_kudus", "kanwil_jateng", "ditjenpas", "lapas_surabaya"])
def test_a_unit_cannot_open_another_unit_page(client, kepala_blora, unit, request, world):
    client.force_login(kepala_blora)

    response = client.get(reverse("unit_dashboard", args=[request.getfixturevalue(unit).pk]))

    assert response.status_code == 404


def test_a_kanwil_cannot_open_a_unit_of_another_region(client, operator_kanwil_jateng, lapas_surabaya, world):
    client.force_login(operator_kanwil_jateng)

    assert client.get(reverse("unit_dashboard", args=[lapas_surabaya.pk])).status_code == 404


def queries_of_home(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("person", ["kepala_blora", "operator_kanwil_jateng", "operator_pusat"])
def test_home_queries_do_not_grow_with_data(client, person, request, world, rutan_blora, rutan_kudus):
    user = request.getfixturevalue(person)
    before = queries_of_home(client, user)
    for n in range(15):
        agreement = AgreementFactory(unit=rutan_blora if n % 2 else rutan_kudus, signed_on=days(-200), ends_on=days(n))
        AgreementPartyFactory(agreement=agreement)
        ActivityFactory(agreement_program=AgreementProgramFactory(agreement=agreement), starts_on=days(-n))

    assert queries_of_home(client, user) == before
