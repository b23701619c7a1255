"""National agreements flow down to every unit: a whole signing ceremony in one form, the units asked to follow
each agreement up, each unit's follow-up, its activities and local PKS, and the coverage matrix."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement, AgreementParty, FollowUp, FollowUpState, SigningEvent
from partners.models import Partner
from programs.models import Activity, AgreementProgram
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramFactory,
    UnitFactory,
)
from tests.pdftext import pdf_bytes, pdf_text
from tests.test_exchange_spreadsheets import download, workbook_rows
from units.models import Unit

pytestmark = pytest.mark.django_db

CEREMONY = reverse("agreements:event_create")


def ceremony_data(rows, **event):
    data = {
        "name": "Penandatanganan MoU dan PKS dengan sembilan mitra strategis",
        "held_on": "2025-07-01",
        "is_virtual": "on",
        "place": "",
        "addressed_by": "Direktur Jenderal Pemasyarakatan Mashudi",
        "our_signatory_name": "Mashudi",
        "our_signatory_position": "Direktur Jenderal Pemasyarakatan",
        "notes": "",
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "1",
        "rows-MAX_NUM_FORMS": "60",
        **event,
    }
    for index, row in enumerate(rows):
        data.update({f"rows-{index}-{name}": value for name, value in row.items()})
    return data


def row(partner, number, **overrides):
    return {
        "partner": partner.name,
        "kind": "mou",
        "subject": f"Kerja sama dengan {partner.name}",
        "number": number,
        "partner_number": f"M-{number}",
        "partner_signatory_name": "Direktur Utama (contoh)",
        "partner_signatory_position": "Direktur Utama",
        "starts_on": "",
        "ends_on": "2030-06-30",
        **overrides,
    }


@pytest.fixture
def national_mou(ditjenpas):
    mou = AgreementFactory(unit=ditjenpas, kind=Agreement.Kind.MOU, subject="MoU layanan perbankan nasional")
    AgreementPartyFactory(agreement=mou, partner=PartnerFactory(name="Bank Contoh Nasional (contoh)"))
    return mou


@pytest.fixture
def national_pks(ditjenpas):
    pks = AgreementFactory(unit=ditjenpas, kind=Agreement.Kind.PKS, subject="PKS pelatihan keterampilan nasional")
    AgreementPartyFactory(agreement=pks, partner=PartnerFactory(name="Lembaga Pelatihan (contoh)"))
    AgreementProgramFactory(agreement=pks, program=ProgramFactory(name="Pelatihan menjahit"))
    return pks


# ----- one ceremony, one form -----------------------------------------------------------------------------------


def test_a_ceremony_with_its_partners_is_registered_in_one_form(client, operator_pusat):
    partners = [PartnerFactory(name=f"Mitra Seremoni {n} (contoh)") for n in range(3)]
    program = ProgramFactory(name="Literasi keuangan")
    rows = [row(partner, f"PAS-{n}") for n, partner in enumerate(partners)]
    rows[1].update(kind="pks", programs=[str(program.pk)], target_group="narapidana")
    client.force_login(operator_pusat)
    response = client.post(CEREMONY, ceremony_data(rows))
    event = SigningEvent.objects.get()
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    agreements = Agreement.objects.filter(signing_event=event)
    assert agreements.count() == 3
    assert set(agreements.values_list("signed_on", flat=True)) == {datetime.date(2025, 7, 1)}
    assert set(agreements.values_list("our_signatory_name", flat=True)) == {"Mashudi"}
    assert AgreementProgram.objects.get().agreement.kind == Agreement.Kind.PKS
    page = client.get(event.get_absolute_url()).content.decode()
    assert all(partner.name in page for partner in partners)
    detail = client.get(agreements.first().get_absolute_url()).content.decode()
    assert event.name in detail


def test_one_bad_row_blocks_the_whole_ceremony_and_keeps_what_was_typed(client, operator_pusat):
    partners = [PartnerFactory(name=f"Mitra Seremoni {n} (contoh)") for n in range(3)]
    rows = [row(partner, f"PAS-{n}") for n, partner in enumerate(partners)]
    rows[2]["ends_on"] = "2025-01-01"  # before the ceremony
    client.force_login(operator_pusat)
    response = client.post(CEREMONY, ceremony_data(rows))
    page = response.content.decode()
    assert response.status_code == 200
    assert not SigningEvent.objects.exists() and not Agreement.objects.exists()
    assert "Baris 3" in page
    assert "Tanggal berakhir tidak boleh sebelum tanggal penandatanganan." in page
    assert 'value="PAS-1"' in page and partners[1].name in page


def test_rows_left_empty_are_ignored(client, operator_pusat):
    partner = PartnerFactory()
    empty = {"partner": "", "kind": "", "subject": "", "number": "", "target_group": ""}
    client.force_login(operator_pusat)
    response = client.post(CEREMONY, ceremony_data([row(partner, "PAS-1"), empty, empty]))
    assert response.status_code == 302
    assert Agreement.objects.count() == 1


def test_the_same_number_twice_in_one_ceremony_is_refused(client, operator_pusat):
    partners = [PartnerFactory() for _ in range(2)]
    client.force_login(operator_pusat)
    response = client.post(CEREMONY, ceremony_data([row(partners[0], "PAS-1"), row(partners[1], "PAS-1")]))
    assert "Nomor ini sudah dipakai di baris 1." in response.content.decode()
    assert not Agreement.objects.exists()


# ----- cascade --------------------------------------------------------------------------------------------------


def test_cascade_to_the_upt_of_one_kanwil_is_one_bulk_write_with_history(
    client, operator_pusat, national_mou, rutan_blora, rutan_kudus, lapas_surabaya
):
    for _n in range(20):
        UnitFactory(parent=rutan_blora.parent)
    client.force_login(operator_pusat)
    url = reverse("agreements:cascade", args=[national_mou.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"cascade-scope": "kanwil", "cascade-kanwil": [rutan_blora.parent_id]})
    assert response.status_code == 302
    follow_ups = FollowUp.objects.filter(agreement=national_mou)
    assert follow_ups.count() == 22
    assert not follow_ups.filter(unit=lapas_surabaya).exists()
    assert FollowUp.history.count() == 22
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 2  # the follow-ups and their history rows
    # Asking again leaves the units already asked as they are.
    follow_ups.filter(unit=rutan_kudus).update(state=FollowUpState.RUNNING)
    client.post(url, {"cascade-scope": "all"})
    assert follow_ups.count() == 23
    assert follow_ups.get(unit=rutan_kudus).state == FollowUpState.RUNNING


def test_only_the_agreements_own_operators_cascade_it(client, operator_kanwil_jateng, national_mou, rutan_blora):
    client.force_login(operator_kanwil_jateng)
    response = client.post(reverse("agreements:cascade", args=[national_mou.pk]), {"cascade-scope": "all"})
    assert response.status_code == 403
    assert not FollowUp.objects.exists()


def test_national_page_lists_follow_ups_per_state(client, operator_pusat, national_mou, rutan_blora, rutan_kudus):
    FollowUp.objects.create(agreement=national_mou, unit=rutan_blora)
    FollowUp.objects.create(agreement=national_mou, unit=rutan_kudus, state=FollowUpState.RUNNING)
    client.force_login(operator_pusat)
    page = client.get(national_mou.get_absolute_url()).content.decode()
    assert "Belum ditindaklanjuti: 1" in page and "Berjalan: 1" in page
    assert rutan_kudus.name in page


def test_the_cascade_forms_list_of_units_is_drawn_once_per_unit(client, operator_pusat, national_mou, rutan_kudus):
    """Some 700 units in a select cost more than the rest of the page: the second view reuses the drawing."""
    client.force_login(operator_pusat)
    with CaptureQueriesContext(connection) as first:
        page = client.get(national_mou.get_absolute_url()).content.decode()
    assert f'<option value="{rutan_kudus.pk}">{rutan_kudus.name}</option>' in page
    with CaptureQueriesContext(connection) as second:
        again = client.get(national_mou.get_absolute_url()).content.decode()
    assert f'<option value="{rutan_kudus.pk}">{rutan_kudus.name}</option>' in again
    unit_queries = [len([q for q in run if '"units_unit"' in q["sql"]]) for run in (first, second)]
    assert unit_queries[1] < unit_queries[0]


# ----- a unit's follow-up ----------------------------------------------------------------------------------------


def test_the_units_operator_moves_its_follow_up_in_one_step(client, operator_kudus, national_mou, rutan_kudus):
    item = FollowUp.objects.create(agreement=national_mou, unit=rutan_kudus)
    client.force_login(operator_kudus)
    home = client.get(reverse("home")).content.decode()
    assert "Perjanjian nasional menunggu tindak lanjut" in home and national_mou.subject in home
    response = client.post(item.get_absolute_url(), {"step": "1", "state": "direncanakan", "next": reverse("home")})
    assert response.status_code == 302 and response.url == reverse("home")
    item.refresh_from_db()
    assert item.state == FollowUpState.PLANNED
    assert item.history.count() == 2


def test_not_relevant_needs_a_reason(client, operator_kudus, national_mou, rutan_kudus):
    item = FollowUp.objects.create(agreement=national_mou, unit=rutan_kudus)
    client.force_login(operator_kudus)
    response = client.post(item.get_absolute_url(), {"state": "tidak_relevan", "not_relevant_reason": ""})
    assert "Sebutkan mengapa perjanjian ini tidak relevan bagi unit." in response.content.decode()
    item.refresh_from_db()
    assert item.state == FollowUpState.NOT_STARTED


def test_another_units_follow_up_is_404_and_the_kepala_only_reads(
    client, operator_blora, kepala_kudus, national_mou, rutan_kudus
):
    item = FollowUp.objects.create(agreement=national_mou, unit=rutan_kudus)
    client.force_login(operator_blora)
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.post(item.get_absolute_url(), {"state": "selesai"}).status_code == 404
    client.force_login(kepala_kudus)
    assert client.get(item.get_absolute_url()).status_code == 200
    assert client.post(item.get_absolute_url(), {"state": "selesai"}).status_code == 403
    item.refresh_from_db()
    assert item.state == FollowUpState.NOT_STARTED


# ----- local agreements and activities under a national agreement -----------------------------------------------


def test_a_unit_records_a_pks_under_a_national_pks_with_its_programs(client, operator_kudus, national_pks, rutan_kudus):
    client.force_login(operator_kudus)
    response = client.get(reverse("agreements:create_child", kwargs={"pk": national_pks.pk, "kind": "pks"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pelatihan menjahit" in page  # carried from the parent
    assert "Tambahkan kantor setempat" in page  # no local office in the directory yet


def test_a_pks_may_sit_under_a_pks_of_a_unit_above_it(national_pks, rutan_kudus):
    child = AgreementFactory.build(unit=rutan_kudus, kind=Agreement.Kind.PKS, parent=national_pks)
    child.full_clean()
    assert national_pks.takes_child_pks_of(rutan_kudus)


def test_a_pks_may_not_sit_under_a_pks_of_a_unit_beside_it(operator_kudus, rutan_blora, rutan_kudus):
    beside = AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.PKS)
    child = AgreementFactory.build(unit=rutan_kudus, kind=Agreement.Kind.PKS, parent=beside)
    with pytest.raises(Exception, match="PKS milik unit di atas"):
        child.full_clean()


def test_the_local_office_is_added_under_the_national_partner_and_then_suggested(
    client, operator_kudus, national_mou, rutan_kudus
):
    bank = national_mou.parties.get().partner
    client.force_login(operator_kudus)
    url = reverse("agreements:local_office", kwargs={"pk": national_mou.pk, "partner_pk": bank.pk})
    assert client.post(url).status_code == 302
    office = Partner.objects.get(parent=bank)
    assert office.regency == rutan_kudus.regency
    page = client.get(reverse("agreements:create_child", kwargs={"pk": national_mou.pk, "kind": "pks"}))
    assert office.name in page.content.decode()


def test_kudus_logs_an_activity_under_a_national_pks_that_blora_never_sees(
    client, operator_kudus, operator_blora, operator_kanwil_jateng, national_pks, rutan_kudus
):
    FollowUp.objects.create(agreement=national_pks, unit=rutan_kudus)
    item = national_pks.programs.get()
    client.force_login(operator_kudus)
    response = client.post(
        reverse("programs:activity_create", args=[item.pk]),
        {"agreement_program": item.pk, "starts_on": "2025-08-04", "title": "Kelas menjahit Kudus", "narapidana": "12"},
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.unit == rutan_kudus
    client.force_login(operator_blora)
    assert client.get(activity.get_absolute_url()).status_code == 404
    assert "Kelas menjahit Kudus" not in client.get(national_pks.get_absolute_url()).content.decode()
    client.force_login(operator_kanwil_jateng)
    assert client.get(activity.get_absolute_url()).status_code == 200


def test_a_unit_without_a_follow_up_may_not_log_under_a_national_pks(client, operator_blora, national_pks):
    client.force_login(operator_blora)
    url = reverse("programs:activity_create", args=[national_pks.programs.get().pk])
    assert client.get(url).status_code == 403


# ----- the agreements list and the coverage matrix ---------------------------------------------------------------


def test_the_list_filters_by_parent_and_by_signing_event(client, operator_pusat, national_mou, rutan_kudus):
    child = AgreementFactory(unit=rutan_kudus, parent=national_mou, subject="PKS bank cabang Kudus")
    other = AgreementFactory(unit=rutan_kudus, subject="PKS lain")
    event = SigningEvent.objects.create(
        name="Seremoni",
        held_on=datetime.date(2025, 7, 1),
        is_virtual=True,
        unit=national_mou.unit,
        our_signatory_name="Mashudi",
    )
    Agreement.objects.filter(pk=national_mou.pk).update(signing_event=event)
    client.force_login(operator_pusat)
    by_parent = client.get(reverse("agreements:list"), {"parent": national_mou.pk}).content.decode()
    assert child.subject in by_parent and other.subject not in by_parent
    by_event = client.get(reverse("agreements:list"), {"signing_event": event.pk}).content.decode()
    assert national_mou.subject in by_event and child.subject not in by_event


def build_world(ditjenpas, units, agreements):
    kanwil = [UnitFactory(kind=Unit.Kind.KANWIL, grade="", parent=ditjenpas) for _ in range(3)]
    upt = [UnitFactory(parent=kanwil[n % 3]) for n in range(units)]
    for _n in range(agreements):
        national = AgreementFactory(unit=ditjenpas, kind=Agreement.Kind.MOU)
        AgreementParty.objects.create(agreement=national, partner=PartnerFactory())
        states = list(FollowUpState)
        FollowUp.objects.bulk_create(
            FollowUp(agreement=national, unit=unit, state=states[i % 4], not_relevant_reason="")
            for i, unit in enumerate(upt)
        )
    return kanwil


def matrix_queries(client, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("agreements:coverage"), params or {})
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_matrix_costs_the_same_queries_at_3_units_and_30(client, operator_pusat, ditjenpas):
    client.force_login(operator_pusat)
    kanwil = build_world(ditjenpas, 3, 2)
    small, page = matrix_queries(client)
    small_drill, _page = matrix_queries(client, {"kanwil": kanwil[0].pk})
    assert "dari 3 UPT telah menindaklanjuti" in page
    build_world(ditjenpas, 27, 8)
    large, page = matrix_queries(client)
    large_drill, _page = matrix_queries(client, {"kanwil": kanwil[0].pk})
    assert (small, small_drill) == (large, large_drill)
    assert "dari 27 UPT telah menindaklanjuti" in page


def test_the_matrix_changes_when_a_unit_follows_up(client, operator_kanwil_jateng, national_mou, rutan_kudus):
    item = FollowUp.objects.create(agreement=national_mou, unit=rutan_kudus)
    client.force_login(operator_kanwil_jateng)
    assert "0 dari 1 UPT telah menindaklanjuti" in matrix_queries(client)[1]
    FollowUp.objects.filter(pk=item.pk).update(state=FollowUpState.RUNNING)
    assert "1 dari 1 UPT telah menindaklanjuti" in matrix_queries(client)[1]


def test_a_upt_does_not_see_the_matrix(client, operator_kudus):
    client.force_login(operator_kudus)
    assert client.get(reverse("agreements:coverage")).status_code == 403


def test_the_matrix_prints_on_the_letterhead(client, operator_kanwil_jateng, national_mou, rutan_kudus):
    FollowUp.objects.create(agreement=national_mou, unit=rutan_kudus, state=FollowUpState.PLANNED)
    client.force_login(operator_kanwil_jateng)
    response = client.get(reverse("agreements:coverage_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(pdf_bytes(response))
    assert "KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN JAWA TENGAH" in text
    assert "CAKUPAN TINDAK LANJUT PERJANJIAN NASIONAL" in text
    assert "1 dari 1 UPT telah menindaklanjuti" in text


def test_the_matrix_downloads_as_a_table_to_count_with(
    client, operator_kanwil_jateng, operator_kudus, national_mou, rutan_blora, rutan_kudus
):
    FollowUp.objects.create(agreement=national_mou, unit=rutan_kudus, state=FollowUpState.PLANNED)
    FollowUp.objects.create(agreement=national_mou, unit=rutan_blora)
    page = client_for(client, operator_kanwil_jateng).get(reverse("agreements:coverage")).content.decode()
    assert reverse("exchange:export", args=["cakupan", "xlsx"]) in page
    response, body = download(client, operator_kanwil_jateng, "cakupan", "xlsx", f"?kanwil={rutan_kudus.parent_id}")
    rows = workbook_rows(body)
    assert rows[0][0] == "Cakupan Tindak Lanjut Perjanjian Nasional"
    header = rows.index(next(row for row in rows if row[0] == "Perjanjian"))
    assert rows[header][4:] == [
        "Kanwil atau UPT", "Belum ditindaklanjuti", "Direncanakan", "Berjalan", "Selesai", "Tidak relevan",
        "Sudah ditindaklanjuti", "Jumlah unit",
    ]  # fmt: skip
    by_unit = {row[4]: row[5:] for row in rows[header + 1 :]}
    assert by_unit == {rutan_blora.name: [1, 0, 0, 0, 0, 0, 1], rutan_kudus.name: [0, 1, 0, 0, 0, 1, 1]}
    assert f"Kanwil: {rutan_kudus.parent.name}" in [row[0] for row in rows[:header]]
    # A UPT has no matrix to download.
    client.force_login(operator_kudus)
    assert client.get(reverse("exchange:export", args=["cakupan", "csv"])).status_code == 403


def client_for(client, user):
    client.force_login(user)
    return client
