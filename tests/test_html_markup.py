"""What the browser reads from attributes stays machine-readable: numbers never carry the Indonesian thousands
dot ("1.500" is 1.5 to a browser), a meter's value never passes its maximum, and <time datetime> is valid."""

import re

import pytest

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


def page(client, user, path):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.text


@pytest.fixture
def blora_pks(rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora, subject="Pembinaan kemandirian warga binaan")
    AgreementPartyFactory(agreement=agreement)
    return agreement


def meters(html):
    return re.findall(r'<meter min="0" max="([^"]*)" value="([^"]*)"', html)


def test_a_target_in_the_thousands_reaches_the_meter_without_a_thousands_dot(client, operator_blora, blora_pks):
    covered = AgreementProgramFactory(agreement=blora_pks, target_participants=1500)
    ActivityFactory(agreement_program=covered, narapidana=42)

    html = page(client, operator_blora, f"/perjanjian/{blora_pks.pk}/")

    assert "42 dari 1.500 warga binaan" in html
    assert meters(html) == [("1500", "42")]


def test_a_meter_never_shows_more_than_full_and_the_text_tells_the_real_number(client, operator_blora, blora_pks):
    covered = AgreementProgramFactory(agreement=blora_pks, target_participants=50)
    ActivityFactory(agreement_program=covered, narapidana=1200)

    html = page(client, operator_blora, f"/program/{covered.program.pk}/")

    assert "1.200 dari 50 warga binaan" in html
    assert meters(html) == [("50", "50")]


def test_history_times_are_valid_for_the_browser(client, operator_blora, blora_pks):
    blora_pks.subject = "Pembinaan kemandirian dan keterampilan"
    blora_pks.save()

    html = page(client, operator_blora, f"/perjanjian/{blora_pks.pk}/")

    stamps = re.findall(r'<time datetime="([^"]*T[^"]*)"', html)
    assert stamps, "the history shows when each change was made"
    # Seconds at most: HTML allows three fractional digits, Python's isoformat writes six.
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0700", stamp) for stamp in stamps), stamps


def test_links_and_ids_with_record_numbers_in_the_thousands_work(client, operator_blora, blora_pks):
    category = ProgramCategoryFactory(pk=3456, name="Kategori bernomor ribuan")
    program = ProgramFactory(pk=1234, category=category, name="Pelatihan las bernomor ribuan")
    ActivityFactory(agreement_program=AgreementProgramFactory(agreement=blora_pks, program=program))
    partner = PartnerFactory(pk=2345, name="Balai Latihan Kerja Blora")

    assert 'href="/program/kegiatan/?program=1234"' in page(client, operator_blora, "/program/1234/")
    assert 'id="kategori-3456"' in page(client, operator_blora, "/program/")
    assert 'data-exclude="2345"' in page(client, operator_blora, f"/mitra/{partner.pk}/ubah/")
