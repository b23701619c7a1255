"""What a reader notices on the lists and the home page: a shortened title ends at a word, the "tidak aktif" tag
says what it means, and "Paling cepat berakhir" leads to every agreement in force, ordered by end date."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.factories import ActivityFactory, AgreementFactory, AgreementProgramFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield


def days(n):
    return TODAY + datetime.timedelta(days=n)


def test_a_long_agreement_subject_is_shortened_at_a_word_in_the_activities_list(client, kepala_blora, rutan_blora):
    subject = "Pembinaan keagamaan dan pesantren kilat bagi warga binaan di Rutan Kelas IIB Blora (contoh)"
    item = AgreementProgramFactory(agreement=AgreementFactory(unit=rutan_blora, subject=subject))
    ActivityFactory(agreement_program=item, starts_on=days(-3))
    client.force_login(kepala_blora)

    page = client.get(reverse("programs:activity_list")).content.decode()

    assert "bagi warga binaan di Rutan Kelas IIB…" in page
    assert "Bl…" not in page


def test_the_dormant_tag_says_how_long_without_activities(client, kepala_blora, rutan_blora, settings):
    settings.SINERGI_DORMANT_DAYS = 90
    AgreementFactory(unit=rutan_blora, subject="Kerja sama di atas kertas", signed_on=days(-400), ends_on=days(400))
    client.force_login(kepala_blora)

    page = client.get(reverse("agreements:list")).content.decode()

    assert 'tidak aktif<span class="tag__why">: tanpa kegiatan 90 hari</span>' in page


def test_ending_soonest_links_to_every_agreement_in_force_by_end_date(client, kepala_blora, rutan_blora, ditjenpas):
    ends = [days(n) for n in (500, 20, 300, 45, 800, 100, 60, 1000, 70, 400, 30, 200)]
    for n, end in enumerate(ends):
        AgreementFactory(unit=rutan_blora, subject=f"Berlaku {n}", signed_on=days(-10), ends_on=end)
    AgreementFactory(unit=rutan_blora, subject="Sudah berakhir", signed_on=days(-900), ends_on=days(-5))
    AgreementFactory(unit=ditjenpas, subject="Nasional berlaku", signed_on=days(-10), ends_on=days(10))
    client.force_login(kepala_blora)

    home = client.get(reverse("home"))
    link = home.context["running_url"]
    listed = client.get(link).context["page_obj"].object_list

    assert "Lihat semua 12 perjanjian yang berlaku, urut tanggal berakhir" in home.content.decode()
    assert [a.ends_on for a in listed] == sorted(ends)


@pytest.fixture
def activities_at_every_level(ditjenpas, kanwil_jateng, rutan_blora, rutan_kudus):
    for unit, count in ((ditjenpas, 3), (kanwil_jateng, 2), (rutan_blora, 4), (rutan_kudus, 1)):
        item = AgreementProgramFactory(agreement=AgreementFactory(unit=unit, subject=f"Perjanjian {unit}"))
        for n in range(count):
            ActivityFactory(agreement_program=item, starts_on=days(-n - 1), narapidana=10)


def test_a_unit_totals_only_the_activities_it_reads(client, kepala_blora, activities_at_every_level):
    # An activity is read by its own unit and the units above it (the national cascade's rule): a UPT's list
    # holds its own work only, so its totals need no note about other units.
    client.force_login(kepala_blora)

    response = client.get(reverse("programs:activity_list"))

    assert response.context["totals"]["activities"] == 4
    assert "termasuk kegiatan Kanwil dan pusat" not in response.content.decode()


def test_a_unit_can_total_its_own_activities_only(client, kepala_blora, activities_at_every_level):
    client.force_login(kepala_blora)

    response = client.get(reverse("programs:activity_list"), {"scope": "own"})

    assert response.context["totals"]["activities"] == 4
    assert response.context["totals"]["participants"] == 40
    assert {a.agreement.unit.name for a in response.context["page_obj"]} == {"Rutan Kelas IIB Blora"}
    assert "termasuk kegiatan Kanwil dan pusat yang" not in response.content.decode()


def test_a_kanwil_own_activities_are_its_region(client, operator_kanwil_jateng, activities_at_every_level):
    client.force_login(operator_kanwil_jateng)

    response = client.get(reverse("programs:activity_list"), {"scope": "own"})

    assert response.context["totals"]["activities"] == 7


def test_ditjenpas_has_nothing_above_so_no_scope_choice(client, operator_pusat, activities_at_every_level):
    client.force_login(operator_pusat)

    response = client.get(reverse("programs:activity_list"))

    assert "scope" not in response.context["filter"].form.fields
    assert response.context["own_activities"] is None
    assert response.context["totals"]["activities"] == 10


def test_a_unit_reads_how_many_of_its_activities_fall_under_its_own_agreements(
    client, kepala_blora, ditjenpas, rutan_blora, activities_at_every_level
):
    # Blora follows a national agreement up with an activity of its own: its work, under Ditjenpas's agreement.
    national = AgreementProgramFactory(agreement=AgreementFactory(unit=ditjenpas, subject="PKS nasional"))
    ActivityFactory(agreement_program=national, unit=rutan_blora, starts_on=days(-1), narapidana=5)
    client.force_login(kepala_blora)

    response = client.get(reverse("programs:activity_list"))

    assert response.context["totals"]["activities"] == 5
    assert response.context["own_activities"] == 4
    assert "4 di antaranya kegiatan unit Anda" in response.content.decode()
