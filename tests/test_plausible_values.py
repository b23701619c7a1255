"""What cannot be true is not stored: a crowd of two billion narapidana, an agreement signed in 9999 or 0001, a
program running outside its agreement (unless confirmed), invisible characters that turn a number around. A draft
may still leave its end date open."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from agreements.models import Agreement, Status
from programs.models import Activity, AgreementProgram, TargetGroup
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramFactory,
)
from tests.test_register_agreement import agreement_data, party, program

pytestmark = pytest.mark.django_db

CREATE = reverse("agreements:create")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2025, 6, 15, 10, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield


@pytest.fixture
def kemenag():
    return PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")


@pytest.fixture
def blora_program(rutan_blora, kemenag):
    agreement = AgreementFactory(
        unit=rutan_blora, signed_on=datetime.date(2024, 12, 30), ends_on=datetime.date(2027, 12, 31)
    )
    AgreementPartyFactory(agreement=agreement, partner=kemenag, signatory_name="Roziqun")
    return AgreementProgramFactory(agreement=agreement, target_group=TargetGroup.NARAPIDANA)


def activity_data(item, **changes):
    data = {
        "agreement_program": item.pk,
        "starts_on": "2025-02-14",
        "ends_on": "",
        "title": "Kajian rutin",
        "place": "Masjid Rutan",
        "facilitator_name": "",
        "facilitator_position": "",
        "narapidana": "25",
        "tahanan": "",
        "anak_binaan": "",
        "klien": "",
        "petugas": "",
        "keluarga": "",
        "summary": "",
    }
    data.update(changes)
    return data


def post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


# ----- participant counts ------------------------------------------------------------------------------------


def test_an_implausible_number_of_participants_is_refused_with_a_message(client, operator_blora, blora_program):
    url = reverse("programs:activity_create", args=[blora_program.pk])
    for typed in ("2147483648", "10001"):
        html = post(client, operator_blora, url, activity_data(blora_program, narapidana=typed)).content.decode()
        assert "Jumlah ini tidak masuk akal: paling banyak 10.000 orang." in html
        assert f'value="{typed}"' in html
    assert not Activity.objects.exists()

    post(client, operator_blora, url, activity_data(blora_program, narapidana="10000"))
    assert Activity.objects.get().narapidana == 10_000


def test_the_bound_is_a_setting(client, settings, operator_blora, blora_program):
    settings.SINERGI_MAX_PARTICIPANTS = 500
    url = reverse("programs:activity_create", args=[blora_program.pk])
    html = post(client, operator_blora, url, activity_data(blora_program, petugas="501")).content.decode()
    assert "paling banyak 500 orang" in html


def test_the_database_refuses_an_absurd_count_whatever_the_form(blora_program):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(agreement_program=blora_program, narapidana=2_000_000)


def test_a_program_target_is_bounded_too(client, operator_blora, rutan_blora, kemenag):
    item = ProgramFactory(name="Bimbingan keagamaan")
    data = agreement_data([party(kemenag)], [program(item, target_participants="2147483648")])
    html = post(client, operator_blora, CREATE, data).content.decode()
    assert "Jumlah ini tidak masuk akal" in html
    assert not Agreement.objects.exists()


# ----- dates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signed_on", "message"),
    [
        ("9999-12-31", "Tanggal penandatanganan tidak boleh setelah hari ini (15 Juni 2025)."),
        ("2025-06-16", "Tanggal penandatanganan tidak boleh setelah hari ini (15 Juni 2025)."),
        ("0001-01-01", "Tanggal penandatanganan tidak mungkin sebelum tahun 1945."),
        ("1944-12-31", "Tanggal penandatanganan tidak mungkin sebelum tahun 1945."),
    ],
)
def test_a_signing_date_in_the_future_or_before_1945_is_refused(
    client, operator_blora, rutan_blora, kemenag, signed_on, message
):
    data = agreement_data([party(kemenag)], signed_on=signed_on, ends_on="9999-12-31")
    html = post(client, operator_blora, CREATE, data).content.decode()
    assert message in html
    assert f'value="{signed_on}"' in html
    assert not Agreement.objects.exists()


def test_the_database_refuses_a_signing_date_before_1945(rutan_blora):
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(unit=rutan_blora, signed_on=datetime.date(1, 1, 1), ends_on=datetime.date(2030, 1, 1))


def test_a_draft_may_leave_its_end_date_empty(client, operator_blora, rutan_blora, kemenag):
    data = agreement_data(
        [party(kemenag, signatory_name="")], signed_on="", our_signatory_name="", ends_on="", number=""
    )
    response = post(client, operator_blora, CREATE, data)
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert agreement.ends_on is None
    assert agreement.status == Status.DRAFT
    assert Agreement.objects.with_status().get().current_status == Status.DRAFT
    for url in (agreement.get_absolute_url(), reverse("agreements:list"), reverse("home")):
        assert client.get(url).status_code == 200
    assert client.get(reverse("agreements:summary_pdf", args=[agreement.pk])).status_code == 200


def test_once_signed_the_end_date_is_required(client, operator_blora, rutan_blora, kemenag):
    html = post(client, operator_blora, CREATE, agreement_data([party(kemenag)], ends_on="")).content.decode()
    assert "Perjanjian yang sudah ditandatangani harus mencantumkan tanggal berakhir." in html
    assert not Agreement.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(unit=rutan_blora, signed_on=datetime.date(2025, 1, 1), ends_on=None)


def test_a_program_period_outside_the_term_needs_a_confirmation(client, operator_blora, rutan_blora, kemenag):
    item = ProgramFactory(name="Bimbingan keagamaan")
    rows = [program(item, starts_on="2024-01-01", ends_on="2028-06-30")]
    data = agreement_data([party(kemenag)], rows)

    html = post(client, operator_blora, CREATE, data).content.decode()
    assert "Di luar masa berlaku perjanjian (30 Desember 2024 s.d. 29 Desember 2027)" in html
    assert "Saya mengerti periode program berada di luar masa berlaku perjanjian" in html
    assert not Agreement.objects.exists()

    post(client, operator_blora, CREATE, {**data, "confirm_program_periods": "on"})
    assert AgreementProgram.objects.get().ends_on == datetime.date(2028, 6, 30)


def test_a_program_period_inside_the_term_asks_nothing(client, operator_blora, rutan_blora, kemenag):
    item = ProgramFactory(name="Bimbingan keagamaan")
    rows = [program(item, starts_on="2025-01-01", ends_on="2025-12-31")]
    assert post(client, operator_blora, CREATE, agreement_data([party(kemenag)], rows)).status_code == 302


# ----- invisible characters -----------------------------------------------------------------------------------


def test_invisible_direction_and_control_characters_are_taken_out(client, operator_blora, rutan_blora, kemenag):
    data = agreement_data(
        [party(kemenag, number="B-\u2066123\u2069/Kk.11/2024")],
        number="W13.PAS\u202e.71\u200f",
        subject="Pembinaan\u200b kerohanian\x07",
        scope="Baris satu\r\nBaris dua\tdengan tab",
    )
    assert post(client, operator_blora, CREATE, data).status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.number == "W13.PAS.71"
    assert agreement.subject == "Pembinaan kerohanian"
    assert agreement.scope == "Baris satu\r\nBaris dua\tdengan tab"
    assert agreement.parties.get().number == "B-123/Kk.11/2024"


def test_a_text_of_only_invisible_characters_counts_as_empty(client, operator_blora, rutan_blora, kemenag):
    html = post(client, operator_blora, CREATE, agreement_data([party(kemenag)], subject="\u202e\u200e")).content
    assert "Bidang ini tidak boleh kosong." in html.decode()
    assert not Agreement.objects.exists()
