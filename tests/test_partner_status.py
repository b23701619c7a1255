"""A head of unit reads, before a meeting, where the unit stands with each partner: the latest agreement, its
status and how many days it has left."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Partner
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramFactory,
)

# Monday 2 June 2025, 10:00 in Jakarta.
TODAY = datetime.datetime(2025, 6, 2, 3, 0, tzinfo=datetime.UTC)
KEMENAG = "Kantor Kementerian Agama Kabupaten Blora"
BANK = "Bank Jateng Cabang Blora"
UNDIP = "Universitas Diponegoro"
BAZNAS = "Badan Amil Zakat Nasional Provinsi Jawa Tengah"
DINSOS = "Dinas Sosial Kabupaten Blora"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def agreement_with(partner, unit, **fields):
    agreement = AgreementFactory(unit=unit, **fields)
    AgreementPartyFactory(agreement=agreement, partner=partner)
    return agreement


@pytest.fixture
def world(rutan_blora, rutan_kudus, kanwil_jateng):
    """Blora works with Kemenag (a newer MoU ending soon after an ended PKS), Bank Jateng (in force) and Dinas
    Sosial (terminated); Kudus with Undip; the Kanwil with Baznas."""
    kemenag = PartnerFactory(name=KEMENAG, sector=Partner.Sector.KEMENTERIAN_LEMBAGA)
    bank = PartnerFactory(name=BANK, sector=Partner.Sector.PERBANKAN_KEUANGAN)
    dinsos = PartnerFactory(name=DINSOS, sector=Partner.Sector.PEMERINTAH_DAERAH)
    undip = PartnerFactory(name=UNDIP, sector=Partner.Sector.PENDIDIKAN)
    baznas = PartnerFactory(name=BAZNAS, sector=Partner.Sector.SOSIAL_KEAGAMAAN)
    agreement_with(
        kemenag,
        rutan_blora,
        subject="PKS pembinaan kerohanian 2023",
        signed_on=datetime.date(2023, 1, 10),
        ends_on=datetime.date(2024, 12, 31),
    )
    latest_kemenag = agreement_with(
        kemenag,
        rutan_blora,
        subject="MoU pembinaan kerohanian 2025",
        signed_on=datetime.date(2025, 1, 6),
        ends_on=datetime.date(2025, 8, 1),
    )
    AgreementProgramFactory(agreement=latest_kemenag, program=ProgramFactory(name="Bimbingan keagamaan"))
    agreement_with(
        bank,
        rutan_blora,
        subject="PKS pelatihan literasi keuangan",
        signed_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    agreement_with(
        bank,
        rutan_blora,
        subject="PKS layanan tabungan warga binaan",
        signed_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2027, 3, 1),
    )
    agreement_with(
        dinsos,
        rutan_blora,
        subject="PKS rehabilitasi sosial",
        signed_on=datetime.date(2025, 2, 3),
        ends_on=datetime.date(2026, 2, 3),
        terminated_on=datetime.date(2025, 5, 1),
        termination_reason="Program dialihkan ke Bapas",
    )
    agreement_with(undip, rutan_kudus, subject="PKS penelitian Kudus", signed_on=datetime.date(2024, 9, 1))
    agreement_with(
        baznas, kanwil_jateng, subject="MoU zakat produktif Jawa Tengah", signed_on=datetime.date(2024, 5, 2)
    )


def rows(response):
    return [(row.name, row.latest_agreement.subject) for row in response.context["rows"]]


def names(response):
    return [row.name for row in response.context["rows"]]


def get_status(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("partners:status"), query)
    assert response.status_code == 200
    return response


def test_status_page_needs_signing_in(client, db):
    response = client.get(reverse("partners:status"))
    assert response.status_code == 302


def test_each_partner_once_with_its_latest_agreement(client, kepala_blora, world):
    response = get_status(client, kepala_blora)
    assert rows(response) == [
        (BANK, "PKS layanan tabungan warga binaan"),  # same signing day: the one recorded last
        (DINSOS, "PKS rehabilitasi sosial"),
        (KEMENAG, "MoU pembinaan kerohanian 2025"),
    ]
    page = response.content.decode()
    assert "<h1>Status mitra kerja sama</h1>" in page
    assert "per 2 Juni 2025" in page


def test_latest_agreement_status_days_left_and_programs(client, kepala_blora, world):
    response = get_status(client, kepala_blora)
    by_name = {row.name: row for row in response.context["rows"]}
    kemenag, bank, dinsos = by_name[KEMENAG], by_name[BANK], by_name[DINSOS]
    assert (kemenag.latest_agreement.status, kemenag.latest_agreement.days_left) == ("ending_soon", 60)
    assert (bank.latest_agreement.status, bank.latest_agreement.days_left) == ("in_force", 637)
    assert (dinsos.latest_agreement.status, dinsos.latest_agreement.days_left) == ("terminated", None)
    assert (kemenag.agreements_in_force, bank.agreements_in_force, dinsos.agreements_in_force) == (1, 2, 0)
    page = response.content.decode()
    assert "Segera berakhir" in page
    assert "1 Agustus 2025" in page
    assert ">60<" in page
    assert ">637<" in page
    assert "Diakhiri" in page
    assert "Bimbingan keagamaan" in page


def test_only_partners_of_the_users_own_side(
    client, kepala_blora, operator_kudus, operator_kanwil_jateng, admin_pusat, operator_pusat, world
):
    assert names(get_status(client, kepala_blora)) == [BANK, DINSOS, KEMENAG]
    assert rows(get_status(client, operator_kudus)) == [(UNDIP, "PKS penelitian Kudus")]
    everyone = [BAZNAS, BANK, DINSOS, KEMENAG, UNDIP]
    assert names(get_status(client, operator_kanwil_jateng)) == everyone
    assert names(get_status(client, admin_pusat)) == everyone
    assert names(get_status(client, operator_pusat)) == everyone
    page = get_status(client, operator_kudus).content.decode()
    assert "MoU pembinaan kerohanian 2025" not in page
    assert KEMENAG not in page


def test_a_unit_may_take_in_the_agreements_above_it(client, kepala_blora, world):
    response = get_status(client, kepala_blora, scope="visible")
    assert names(response) == [BAZNAS, BANK, DINSOS, KEMENAG]
    # Another unit's agreements stay out whatever is asked.
    assert UNDIP not in response.content.decode()


def test_the_scope_choice_is_only_offered_to_units_below_ditjenpas(client, kepala_blora, admin_pusat, world):
    assert 'name="scope"' in get_status(client, kepala_blora).content.decode()
    assert 'name="scope"' not in get_status(client, admin_pusat).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "ending_soon"}, [KEMENAG]),
        ({"status": "in_force"}, [BANK]),
        ({"status": "terminated"}, [DINSOS]),
        ({"sector": "perbankan_keuangan"}, [BANK]),
        ({"ends_within": "90"}, [KEMENAG]),
        ({"ends_within": "1000"}, [BANK, KEMENAG]),
        ({"ends_within": "30"}, []),
        ({"q": "jateng"}, [BANK]),
    ],
)
def test_filters(client, kepala_blora, world, query, expected):
    assert names(get_status(client, kepala_blora, **query)) == expected


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("name", [BANK, DINSOS, KEMENAG]),
        ("-name", [KEMENAG, DINSOS, BANK]),
        ("days_left", [KEMENAG, BANK, DINSOS]),
        ("-days_left", [BANK, KEMENAG, DINSOS]),
        ("ends_on", [KEMENAG, DINSOS, BANK]),
        ("-ends_on", [BANK, DINSOS, KEMENAG]),
        ("status", [KEMENAG, BANK, DINSOS]),
    ],
)
def test_sorting(client, kepala_blora, world, order, expected):
    assert names(get_status(client, kepala_blora, o=order)) == expected


def test_sort_links_keep_the_filters_and_say_the_direction(client, kepala_blora, world):
    page = get_status(client, kepala_blora, sector="perbankan_keuangan", o="days_left").content.decode()
    assert 'aria-sort="ascending"' in page
    assert "?sector=perbankan_keuangan&amp;o=-days_left" in page


def test_empty_state(client, kepala_kudus, rutan_kudus):
    page = get_status(client, kepala_kudus).content.decode()
    assert "Tidak ada mitra yang cocok" in page


def _status_rows(unit, count):
    program = ProgramFactory(name="Pelatihan kerja")
    for _ in range(count):
        agreement = agreement_with(PartnerFactory(), unit, signed_on=datetime.date(2025, 1, 6))
        AgreementProgramFactory(agreement=agreement, program=program)
        agreement_with(agreement.parties.get().partner, unit, signed_on=datetime.date(2024, 1, 6))


@pytest.mark.parametrize("user", ["kepala_blora", "operator_kanwil_jateng", "admin_pusat"])
def test_query_count_does_not_grow_with_rows(client, rutan_blora, request, user, django_assert_num_queries):
    client.force_login(request.getfixturevalue(user))
    _status_rows(rutan_blora, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("partners:status"))
    _status_rows(rutan_blora, 30)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("partners:status"))
    assert len(response.context["rows"]) == 25
