"""Two people edit the same record in two tabs: the second save is refused instead of silently undoing the first,
the page says what the first one changed (field: old → new), and what the second person typed is still there."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Agreement
from partners.models import Partner
from programs.models import Activity, TargetGroup
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramFactory,
)
from tests.test_partner_pages import form_data as partner_data
from tests.test_register_agreement import agreement_data, formset, party, program

pytestmark = pytest.mark.django_db

STALE = "Data ini telah diubah orang lain sejak Anda membuka halaman ini; isian Anda belum disimpan."


@pytest.fixture
def kemenag():
    return PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")


@pytest.fixture
def agreement(rutan_blora, kemenag):
    agreement = AgreementFactory(
        unit=rutan_blora,
        subject="Pembinaan kerohanian",
        number="",
        signed_on=datetime.date(2024, 12, 30),
        ends_on=datetime.date(2027, 12, 29),
        our_signatory_name="Budi Hardiono",
    )
    AgreementPartyFactory(agreement=agreement, partner=kemenag, signatory_name="H. Roziqun")
    AgreementProgramFactory(
        agreement=agreement,
        program=ProgramFactory(name="Bimbingan keagamaan"),
        target_group=TargetGroup.NARAPIDANA,
        target_participants=40,
    )
    return agreement


def edit_data(agreement, version, *, target="40", **changes):
    """The edit form as a tab drawn at `version` posts it, with `changes` typed in."""
    party_row, program_row = agreement.parties.get(), agreement.programs.get()
    data = agreement_data([], [], number="", subject=agreement.subject, version=str(version))
    data.update(
        formset(
            "parties",
            [{**party(party_row.partner), "id": str(party_row.pk), "agreement": str(agreement.pk)}],
            initial=1,
            min_num=1,
        )
    )
    data.update(
        formset(
            "programs",
            [
                {
                    **program(program_row.program, target_participants=target),
                    "id": str(program_row.pk),
                    "agreement": str(agreement.pk),
                }
            ],
            initial=1,
        )
    )
    data.update(changes)
    return data


def test_the_edit_form_carries_the_version_it_was_drawn_from(client, operator_blora, agreement):
    client.force_login(operator_blora)
    html = client.get(reverse("agreements:update", args=[agreement.pk])).content.decode()
    assert '<input type="hidden" name="version" value="0"' in html


def test_a_stale_agreement_save_is_refused_and_shows_what_changed(
    client, operator_blora, operator_kudus, agreement, rutan_blora
):
    url = reverse("agreements:update", args=[agreement.pk])
    client.force_login(operator_blora)
    # Tab one: a new subject and a higher program target.
    first = client.post(url, edit_data(agreement, 0, subject="Pembinaan kerohanian dan pendidikan", target="60"))
    assert first.status_code == 302

    # Tab two, drawn before that save: another change to the subject.
    second = client.post(url, edit_data(agreement, 0, subject="Pembinaan rohani", signed_place="Cepu", target="45"))

    html = second.content.decode()
    assert second.status_code == 200
    assert STALE in html
    assert "<del>Pembinaan kerohanian</del> → <ins>Pembinaan kerohanian dan pendidikan</ins>" in html
    assert "Program diubah: Bimbingan keagamaan (Narapidana)" in html
    # Only what happened after the page was drawn: not how the agreement came to be.
    assert "Pihak mitra ditambahkan" not in html
    assert "Target peserta: <del>40</del> → <ins>60</ins>" in html
    # What tab two typed is still on the page; what tab one saved is still stored.
    assert 'value="Cepu"' in html
    assert "Pembinaan rohani</textarea>" in html
    agreement.refresh_from_db()
    assert agreement.subject == "Pembinaan kerohanian dan pendidikan"
    assert agreement.programs.get().target_participants == 60
    assert agreement.signed_place != "Cepu"
    # The page now carries the current version: saving again, having read the changes, is deliberate.
    assert '<input type="hidden" name="version" value="1"' in html
    assert client.post(url, edit_data(agreement, 1, subject="Pembinaan rohani", target="45")).status_code == 302
    agreement.refresh_from_db()
    assert agreement.subject == "Pembinaan rohani"
    assert agreement.version == 2


def test_a_save_racing_past_the_form_check_is_refused_at_save_time(client, operator_blora, agreement):
    """The form checks the version it read; the save checks it again under a row lock, for two saves in the
    same instant."""
    from sinergi.concurrency import StaleEdit, claim_version

    Agreement.objects.filter(pk=agreement.pk).update(version=5)
    with pytest.raises(StaleEdit):
        claim_version(agreement, 0)


def test_a_stale_partner_save_is_refused(client, operator_blora, operator_kudus):
    partner = PartnerFactory(name="PKBM Tunas Harapan Blora", phone="0296-1")
    url = reverse("partners:update", args=[partner.pk])
    client.force_login(operator_blora)
    assert client.post(url, partner_data(partner.name, phone="0296-2222", version="0")).status_code == 302

    client.force_login(operator_kudus)
    response = client.post(url, partner_data(partner.name, address="Jl. Pemuda 1", version="0"))

    html = response.content.decode()
    assert STALE in html
    assert "<del>0296-1</del> → <ins>0296-2222</ins>" in html
    assert "Jl. Pemuda 1" in html
    partner.refresh_from_db()
    assert partner.phone == "0296-2222"
    assert partner.address == ""


def test_a_stale_activity_save_is_refused(client, operator_blora, agreement):
    activity = ActivityFactory(
        agreement_program=agreement.programs.get(), starts_on=datetime.date(2025, 2, 14), narapidana=25, title="Kajian"
    )
    url = reverse("programs:activity_update", args=[activity.pk])
    data = {
        "agreement_program": activity.agreement_program_id,
        "starts_on": "2025-02-14",
        "ends_on": "",
        "title": "Kajian rutin",
        "place": "",
        "facilitator_name": "",
        "facilitator_position": "",
        "narapidana": "30",
        "summary": "",
        "version": "0",
    }
    client.force_login(operator_blora)
    assert client.post(url, data).status_code == 302
    html = client.post(url, {**data, "title": "Kajian bulanan", "narapidana": "28"}).content.decode()
    assert STALE in html
    assert "Narapidana: <del>25</del> → <ins>30</ins>" in html
    assert "Nama kegiatan: <del>Kajian</del> → <ins>Kajian rutin</ins>" in html
    assert 'value="Kajian bulanan"' in html
    assert Activity.objects.get().narapidana == 30
    assert Partner.objects.count() == 1
