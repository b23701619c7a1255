"""Staff reading the agreement register: the list with its filters, one agreement's page, and who may do what.

Time is frozen on 15 June 2025 (Jakarta), so "ending soon" and "days left" are the same on every run.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement, Status
from partners.models import Partner
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramCategoryFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2025, 6, 15)
LIST = reverse("agreements:list")


@pytest.fixture(autouse=True)
def today(settings):
    settings.SINERGI_ENDING_SOON_DAYS = 90
    with time_machine.travel(datetime.datetime(2025, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield TODAY


def days(n):
    return TODAY + datetime.timedelta(days=n)


def page(client, user, url=LIST, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def listed_subjects(html):
    """The subjects in the register's table, in order."""
    return re.findall(r'<td data-label="Perihal" class="cell-title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def kemenag():
    return PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora", sector=Partner.Sector.KEMENTERIAN_LEMBAGA)


@pytest.fixture
def bri():
    return PartnerFactory(
        name="PT Bank Rakyat Indonesia (Persero) Tbk Cabang Blora", sector=Partner.Sector.PERBANKAN_KEUANGAN
    )


@pytest.fixture
def rohani(rutan_blora, kemenag):
    """A PKS of Rutan Blora with the religious affairs office, in force for a long time yet."""
    agreement = AgreementFactory(
        unit=rutan_blora,
        subject="Pembinaan kerohanian warga binaan",
        number="W13.PAS.PAS15-HM.05.02-71",
        signed_on=D(2024, 12, 30),
        ends_on=days(600),
    )
    AgreementPartyFactory(
        agreement=agreement,
        partner=kemenag,
        number="B-1234/Kk.11.16/BA.00/12/2024",
        signatory_name="H. Roziqun",
        signatory_position="Kepala Kantor",
    )
    category = ProgramCategoryFactory(name="Pembinaan kepribadian")
    AgreementProgramFactory(
        agreement=agreement,
        program=ProgramFactory(category=category, name="Bimbingan keagamaan"),
        target_group="narapidana",
        target_participants=120,
        starts_on=D(2025, 1, 6),
        ends_on=D(2025, 12, 31),
    )
    return agreement


@pytest.fixture
def tabungan(rutan_blora, bri):
    """A PKS of Rutan Blora with a bank, signed in 2023 and ending within the ending-soon window."""
    agreement = AgreementFactory(
        unit=rutan_blora, subject="Layanan tabungan warga binaan", signed_on=D(2023, 3, 1), ends_on=days(30)
    )
    AgreementPartyFactory(agreement=agreement, partner=bri, number="R.45/BLR/2023")
    category = ProgramCategoryFactory(name="Layanan keuangan")
    AgreementProgramFactory(agreement=agreement, program=ProgramFactory(category=category, name="Literasi keuangan"))
    return agreement


@pytest.fixture
def kudus_agreement(rutan_kudus):
    agreement = AgreementFactory(unit=rutan_kudus, subject="Pelatihan menjahit di Rutan Kudus", ends_on=days(700))
    AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(name="Balai Latihan Kerja Kudus"))
    return agreement


@pytest.fixture
def national_mou(ditjenpas, kemenag):
    agreement = AgreementFactory(
        unit=ditjenpas, kind=Agreement.Kind.MOU, subject="Nota kesepahaman pembinaan keagamaan", ends_on=days(900)
    )
    AgreementPartyFactory(agreement=agreement, partner=kemenag, signatory_name="Menteri Agama")
    return agreement


# The list ----------------------------------------------------------------------------------------------------


def test_operator_sees_own_unit_agreements_and_not_another_units(client, operator_blora, rohani, kudus_agreement):
    html = page(client, operator_blora)
    assert "Pembinaan kerohanian warga binaan" in html
    assert "Kantor Kementerian Agama Kabupaten Blora" in html
    assert "W13.PAS.PAS15-HM.05.02-71" in html
    assert "Pelatihan menjahit di Rutan Kudus" not in html
    assert "1 perjanjian" in html


def test_kanwil_operator_sees_its_region_with_the_owning_unit(client, operator_kanwil_jateng, rohani, kudus_agreement):
    html = page(client, operator_kanwil_jateng)
    assert set(listed_subjects(html)) == {"Pembinaan kerohanian warga binaan", "Pelatihan menjahit di Rutan Kudus"}
    assert '<td data-label="Unit">Rutan Kelas IIB Kudus</td>' in html
    assert 'name="unit"' in html


def test_unit_column_and_filter_hidden_when_only_own_units_agreements_are_visible(client, operator_blora, rohani):
    html = page(client, operator_blora)
    assert 'data-label="Unit"' not in html
    assert 'name="unit"' not in html


def test_unit_filter_offers_only_visible_units(client, operator_kanwil_jateng, rohani, lapas_surabaya):
    html = page(client, operator_kanwil_jateng)
    unit_select = re.search(r'<select name="unit".*?</select>', html, re.S).group(0)
    assert "Rutan Kelas IIB Blora" in unit_select
    assert "Lapas Kelas I Surabaya" not in unit_select


def test_search_finds_a_partners_number(client, operator_blora, rohani, tabungan):
    assert listed_subjects(page(client, operator_blora, q="R.45/BLR")) == ["Layanan tabungan warga binaan"]


def test_search_finds_subject_our_number_and_partner_name_without_duplicates(
    client, operator_blora, rohani, tabungan, bri
):
    # A second party with a matching name must not list the agreement twice.
    AgreementPartyFactory(agreement=tabungan, partner=PartnerFactory(name="Bank Rakyat Indonesia Unit Cepu"))
    assert listed_subjects(page(client, operator_blora, q="rakyat indonesia")) == ["Layanan tabungan warga binaan"]
    assert listed_subjects(page(client, operator_blora, q="kerohanian")) == ["Pembinaan kerohanian warga binaan"]
    assert listed_subjects(page(client, operator_blora, q="HM.05.02-71")) == ["Pembinaan kerohanian warga binaan"]


def test_search_words_may_come_from_different_fields_in_any_order(client, operator_blora, rohani, tabungan):
    # Each word is looked for in every field on its own: a party number, a partner name in another case, several
    # words of the subject out of order, and words spread over the subject, our number and the partner's name.
    assert listed_subjects(page(client, operator_blora, q="b-1234/KK.11")) == ["Pembinaan kerohanian warga binaan"]
    assert listed_subjects(page(client, operator_blora, q="KANTOR kementerian AGAMA")) == [
        "Pembinaan kerohanian warga binaan"
    ]
    assert listed_subjects(page(client, operator_blora, q="binaan kerohanian warga")) == [
        "Pembinaan kerohanian warga binaan"
    ]
    assert listed_subjects(page(client, operator_blora, q="tabungan rakyat 2023")) == ["Layanan tabungan warga binaan"]
    assert listed_subjects(page(client, operator_blora, q="kerohanian HM.05.02-71 blora")) == [
        "Pembinaan kerohanian warga binaan"
    ]
    assert listed_subjects(page(client, operator_blora, q="warga binaan")) == [
        "Pembinaan kerohanian warga binaan",
        "Layanan tabungan warga binaan",
    ]
    assert listed_subjects(page(client, operator_blora, q="tabungan kementerian")) == []


def test_filter_by_status_ending_soon(client, operator_blora, rohani, tabungan):
    html = page(client, operator_blora, status=Status.ENDING_SOON.value)
    assert listed_subjects(html) == ["Layanan tabungan warga binaan"]
    assert "Segera berakhir" in html


def test_filter_by_status_not_yet_in_force_and_terminated(client, operator_blora, rutan_blora, rohani):
    AgreementFactory(unit=rutan_blora, subject="Belum mulai", signed_on=days(-5), starts_on=days(10))
    AgreementFactory(
        unit=rutan_blora, subject="Sudah diakhiri", terminated_on=days(-1), termination_reason="Mitra bubar"
    )
    assert listed_subjects(page(client, operator_blora, status="not_yet_in_force")) == ["Belum mulai"]
    assert listed_subjects(page(client, operator_blora, status="terminated")) == ["Sudah diakhiri"]


def test_filter_by_partner_sector(client, operator_blora, rohani, tabungan):
    html = page(client, operator_blora, sector=Partner.Sector.PERBANKAN_KEUANGAN)
    assert listed_subjects(html) == ["Layanan tabungan warga binaan"]


def test_filter_by_partner_typed_picked_or_linked(client, operator_blora, rohani, tabungan, kemenag, bri):
    assert listed_subjects(page(client, operator_blora, partner=kemenag.name)) == ["Pembinaan kerohanian warga binaan"]
    assert listed_subjects(page(client, operator_blora, partner="bank rakyat")) == ["Layanan tabungan warga binaan"]
    # A link from the partner's page carries its id; the box then shows the name.
    html = page(client, operator_blora, partner=bri.pk)
    assert listed_subjects(html) == ["Layanan tabungan warga binaan"]
    assert f'value="{bri.name}"' in html


def test_partner_filter_suggests_names_as_the_user_types(client, operator_blora, rohani):
    html = page(client, operator_blora)
    assert re.search(r'<input type="text" name="partner"[^>]*list="id_partner_options"', html)
    assert '<datalist id="id_partner_options">' in html


def test_filter_by_program_and_program_category(client, operator_blora, rohani, tabungan):
    category = rohani.programs.get().program.category
    program = tabungan.programs.get().program
    assert listed_subjects(page(client, operator_blora, category=category.pk)) == ["Pembinaan kerohanian warga binaan"]
    assert listed_subjects(page(client, operator_blora, program=program.pk)) == ["Layanan tabungan warga binaan"]


def test_filter_by_signing_year(client, operator_blora, rohani, tabungan):
    assert listed_subjects(page(client, operator_blora, year=2023)) == ["Layanan tabungan warga binaan"]
    assert listed_subjects(page(client, operator_blora, year=2024)) == ["Pembinaan kerohanian warga binaan"]


def test_filter_ends_within_days(client, operator_blora, rutan_blora, rohani, tabungan):
    AgreementFactory(unit=rutan_blora, subject="Sudah lewat", ends_on=days(-3))
    assert listed_subjects(page(client, operator_blora, ends_within=45)) == ["Layanan tabungan warga binaan"]
    assert set(listed_subjects(page(client, operator_blora, ends_within=700))) == {
        "Layanan tabungan warga binaan",
        "Pembinaan kerohanian warga binaan",
    }


def test_filter_by_kind(client, operator_blora, rutan_blora, rohani):
    AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.MOU, subject="MoU dengan pemerintah kabupaten")
    assert listed_subjects(page(client, operator_blora, kind="mou")) == ["MoU dengan pemerintah kabupaten"]


def test_sorting_by_end_date_both_ways(client, operator_blora, rohani, tabungan):
    assert listed_subjects(page(client, operator_blora, o="ends_on")) == [
        "Layanan tabungan warga binaan",
        "Pembinaan kerohanian warga binaan",
    ]
    html = page(client, operator_blora, o="-ends_on")
    assert listed_subjects(html) == ["Pembinaan kerohanian warga binaan", "Layanan tabungan warga binaan"]
    assert 'aria-sort="descending"' in html


def test_sorting_by_status_follows_an_agreements_life(client, operator_blora, rutan_blora, rohani, tabungan):
    AgreementFactory(unit=rutan_blora, subject="Masih draf", signed_on=None, our_signatory_name="")
    subjects = listed_subjects(page(client, operator_blora, o="status"))
    assert subjects == ["Masih draf", "Pembinaan kerohanian warga binaan", "Layanan tabungan warga binaan"]


def test_newest_signed_first_by_default(client, operator_blora, rohani, tabungan):
    assert listed_subjects(page(client, operator_blora)) == [
        "Pembinaan kerohanian warga binaan",
        "Layanan tabungan warga binaan",
    ]


def test_pagination_links_keep_the_filters(client, operator_blora, rutan_blora):
    AgreementFactory.create_batch(30, unit=rutan_blora, kind=Agreement.Kind.MOU)
    AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.PKS)
    html = page(client, operator_blora, kind="mou", o="subject")
    assert "30 perjanjian" in html
    assert len(listed_subjects(html)) == 25
    assert 'href="?kind=mou&amp;o=subject&amp;page=2"' in html
    second = page(client, operator_blora, kind="mou", o="subject", page=2)
    assert len(listed_subjects(second)) == 5
    assert 'href="?kind=mou&amp;o=subject&amp;page=1"' in second


def test_sort_links_keep_filters_and_go_back_to_the_first_page(client, operator_blora, rutan_blora):
    AgreementFactory.create_batch(30, unit=rutan_blora, kind=Agreement.Kind.MOU)
    html = page(client, operator_blora, kind="mou", page=2)
    assert 'href="?kind=mou&amp;o=subject"' in html


def test_empty_state_when_nothing_matches_offers_to_clear_filters(client, operator_blora, rohani):
    html = page(client, operator_blora, q="tidak ada yang seperti ini")
    assert "0 perjanjian" in html
    assert "Tidak ada perjanjian yang cocok dengan saringan ini." in html
    assert "hapus semua saringan" in html


def test_empty_register_invites_the_operator_to_record_the_first_agreement(client, operator_blora):
    html = page(client, operator_blora)
    assert "Belum ada perjanjian yang tercatat." in html
    assert "Catat perjanjian pertama" in html


def test_empty_register_for_a_head_of_unit_has_no_register_button(client, kepala_blora):
    html = page(client, kepala_blora)
    assert "Belum ada perjanjian yang tercatat." in html
    assert "Catat perjanjian" not in html


def make_agreements(unit, count):
    for _ in range(count):
        agreement = AgreementFactory(unit=unit)
        AgreementPartyFactory.create_batch(2, agreement=agreement)


def test_list_queries_do_not_grow_with_rows(client, operator_kanwil_jateng, rutan_blora, django_assert_num_queries):
    make_agreements(rutan_blora, 3)
    client.force_login(operator_kanwil_jateng)
    params = {"sector": Partner.Sector.PENDIDIKAN, "o": "status"}
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST, params).status_code == 200
    make_agreements(rutan_blora, 37)
    cache.clear()  # the filter form is drawn again too, as on the first visit
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(LIST, params).content.decode()
    assert "40 perjanjian" in html
    assert len(listed_subjects(html)) == 25


def test_status_filter_agrees_with_the_status_annotation(rutan_blora):
    """`having_status` (index-friendly) and `with_status` (the badge) must never disagree."""
    cases = [
        {"signed_on": None, "our_signatory_name": ""},
        {"signed_on": days(5)},
        {"signed_on": days(-5), "starts_on": days(3)},
        {"signed_on": days(-500), "ends_on": days(-1)},
        {"signed_on": days(-500), "ends_on": TODAY},
        {"signed_on": days(-500), "ends_on": days(90)},
        {"signed_on": days(-500), "ends_on": days(91)},
        {"signed_on": days(-500), "ends_on": days(400), "terminated_on": days(30), "termination_reason": "x"},
        {"signed_on": days(-500), "ends_on": days(400), "terminated_on": TODAY, "termination_reason": "x"},
        {"signed_on": days(-500), "ends_on": days(-10), "terminated_on": days(-20), "termination_reason": "x"},
        {"signed_on": days(-500), "starts_on": days(-600), "ends_on": days(200)},
    ]
    for values in cases:
        AgreementFactory(unit=rutan_blora, **{"ends_on": days(400), **values})
    annotated = dict(Agreement.objects.with_status().values_list("pk", "current_status"))
    for status in Status:
        expected = {pk for pk, value in annotated.items() if value == status.value}
        assert set(Agreement.objects.having_status(status).values_list("pk", flat=True)) == expected, status
    assert set(annotated.values()) == {s.value for s in Status}


# One agreement's page ----------------------------------------------------------------------------------------


def test_detail_shows_the_whole_agreement(client, operator_blora, rohani):
    html = page(client, operator_blora, reverse("agreements:detail", args=[rohani.pk]))
    assert "<h1>Pembinaan kerohanian warga binaan</h1>" in html
    assert "Kantor Kementerian Agama Kabupaten Blora" in html
    assert "B-1234/Kk.11.16/BA.00/12/2024" in html
    assert "W13.PAS.PAS15-HM.05.02-71" in html
    assert "Senin, 30 Desember 2024" in html
    assert "H. Roziqun, Kepala Kantor" in html
    assert "Budi Hardiono" in html and "Kepala Rutan" in html
    assert "Bimbingan keagamaan" in html
    assert "Narapidana" in html
    assert "120 orang" in html
    assert "6 Januari 2025 – 31 Desember 2025" in html
    assert "Berlaku" in html
    assert "sisa 600 hari" in html
    assert "Riwayat perubahan" in html
    assert "Perjanjian dicatat" in html
    assert "Pihak mitra ditambahkan: Kantor Kementerian Agama Kabupaten Blora" in html
    assert "Program ditambahkan: Bimbingan keagamaan (Narapidana)" in html


def test_history_names_the_changed_fields_and_who_changed_them(client, operator_blora, rohani):
    client.force_login(operator_blora)
    rohani.ends_on = D(2028, 1, 31)
    rohani._history_user = operator_blora
    rohani.save()
    html = page(client, operator_blora, reverse("agreements:detail", args=[rohani.pk]))
    history = html[html.index("Riwayat perubahan") :]
    assert "Perjanjian diubah" in history
    assert "Tanggal berakhir" in history
    assert "31 Januari 2028" in history
    assert operator_blora.first_name in history


def test_detail_shows_parent_children_and_renewals_with_status(client, operator_blora, rutan_blora, national_mou):
    pks = AgreementFactory(unit=rutan_blora, subject="PKS kerohanian Blora", parent=national_mou, ends_on=days(30))
    renewal = AgreementFactory(unit=rutan_blora, subject="PKS kerohanian Blora 2027", renews=pks, signed_on=days(20))
    html = page(client, operator_blora, reverse("agreements:detail", args=[pks.pk]))
    assert "Nota kesepahaman pembinaan keagamaan" in html
    assert "PKS kerohanian Blora 2027" in html
    assert "Ditandatangani, belum berlaku" in html
    mou_page = page(client, operator_blora, reverse("agreements:detail", args=[national_mou.pk]))
    assert "PKS kerohanian Blora" in mou_page
    renewal_page = page(client, operator_blora, reverse("agreements:detail", args=[renewal.pk]))
    assert "Melanjutkan" in renewal_page and "PKS kerohanian Blora" in renewal_page


def test_a_national_mou_lists_only_the_children_the_reader_may_see(
    client, operator_blora, rutan_blora, rutan_kudus, national_mou
):
    AgreementFactory(unit=rutan_blora, subject="PKS turunan Blora", parent=national_mou)
    AgreementFactory(unit=rutan_kudus, subject="PKS turunan Kudus", parent=national_mou)
    html = page(client, operator_blora, reverse("agreements:detail", args=[national_mou.pk]))
    assert "PKS turunan Blora" in html
    assert "PKS turunan Kudus" not in html


def test_detail_shows_the_termination(client, operator_blora, rohani):
    rohani.terminated_on = days(-10)
    rohani.termination_reason = "Mitra menghentikan program"
    rohani.save()
    html = page(client, operator_blora, reverse("agreements:detail", args=[rohani.pk]))
    assert "Diakhiri lebih awal per 5 Juni 2025." in html
    assert "Mitra menghentikan program" in html
    assert "Akhiri lebih awal" not in html


def test_operator_sees_every_action_on_own_units_agreement(client, operator_blora, rohani):
    html = page(client, operator_blora, reverse("agreements:detail", args=[rohani.pk]))
    for label in ["Ubah", "Unggah dokumen", "Catat adendum", "Perpanjang", "Akhiri lebih awal"]:
        assert f">{label}</a>" in html
    assert "Catat PKS turunan" not in html  # only under an MoU


# Who may do what ---------------------------------------------------------------------------------------------


def edit_urls(agreement):
    return [
        reverse("agreements:update", args=[agreement.pk]),
        reverse("agreements:terminate", args=[agreement.pk]),
        reverse("agreements:create_child", kwargs={"pk": agreement.pk, "kind": "adendum"}),
        reverse("agreements:renew", args=[agreement.pk]),
        reverse("agreements:document_upload", args=[agreement.pk]),
    ]


def test_another_units_agreement_is_not_found(client, operator_kudus, rohani):
    document = AgreementDocumentFactory(agreement=rohani)
    client.force_login(operator_kudus)
    urls = [
        reverse("agreements:detail", args=[rohani.pk]),
        reverse("agreements:document_download", args=[document.pk]),
        *edit_urls(rohani),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("agreements:terminate", args=[rohani.pk]), {}).status_code == 404


def test_head_of_unit_reads_but_may_not_change(client, kepala_blora, rohani):
    html = page(client, kepala_blora, reverse("agreements:detail", args=[rohani.pk]))
    assert "Pembinaan kerohanian warga binaan" in html
    for label in ["Ubah", "Unggah dokumen", "Catat adendum", "Perpanjang", "Akhiri lebih awal"]:
        assert f">{label}</a>" not in html
    for url in [*edit_urls(rohani), reverse("agreements:create")]:
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("agreements:terminate", args=[rohani.pk]), {"terminated_on": "2025-07-01", "termination_reason": "x"}
    )
    assert response.status_code == 403
    rohani.refresh_from_db()
    assert rohani.terminated_on is None


def test_upt_operator_reads_a_national_mou_and_may_only_derive_a_pks(client, operator_blora, national_mou):
    html = page(client, operator_blora, reverse("agreements:detail", args=[national_mou.pk]))
    assert ">Ubah</a>" not in html
    assert "Catat PKS turunan" in html
    for url in edit_urls(national_mou):
        assert client.get(url).status_code == 403, url
    child = reverse("agreements:create_child", kwargs={"pk": national_mou.pk, "kind": "pks"})
    assert client.get(child).status_code == 200


def test_a_pks_can_only_be_derived_from_an_mou(client, operator_blora, rohani):
    client.force_login(operator_blora)
    url = reverse("agreements:create_child", kwargs={"pk": rohani.pk, "kind": "pks"})
    assert client.get(url).status_code == 404


def test_pages_ask_anonymous_visitors_to_sign_in(client, rohani):
    for url in [LIST, reverse("agreements:detail", args=[rohani.pk]), reverse("agreements:create")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


# Ending early, addenda, derived PKS and renewals ------------------------------------------------------------------


def test_terminate_ends_the_agreement_with_a_reason(client, operator_blora, rohani):
    client.force_login(operator_blora)
    url = reverse("agreements:terminate", args=[rohani.pk])
    assert "Akhiri perjanjian lebih awal" in client.get(url).content.decode()
    response = client.post(
        url, {"terminated_on": "2025-06-10", "termination_reason": "Mitra dilebur ke instansi lain"}, follow=True
    )
    html = response.content.decode()
    assert "Perjanjian “Pembinaan kerohanian warga binaan” diakhiri per 10 Juni 2025." in html
    assert "Diakhiri" in html
    assert Agreement.objects.with_status().get(pk=rohani.pk).status == Status.TERMINATED
    assert Agreement.objects.filter(pk=rohani.pk).exists()


def test_terminate_needs_a_date_and_a_reason(client, operator_blora, rohani):
    client.force_login(operator_blora)
    response = client.post(reverse("agreements:terminate", args=[rohani.pk]), {"terminated_on": "", "reason": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Isi tanggal perjanjian diakhiri." in html
    assert "Tuliskan alasan perjanjian diakhiri." in html
    rohani.refresh_from_db()
    assert rohani.terminated_on is None


def test_an_addendum_starts_from_its_parent_and_parties(client, operator_blora, rohani):
    html = page(client, operator_blora, reverse("agreements:create_child", kwargs={"pk": rohani.pk, "kind": "adendum"}))
    assert "<h1>Catat adendum</h1>" in html
    assert re.search(rf'<input type="text" name="parent" value="[^"]*\(#{rohani.pk}\)"', html)
    assert re.search(r'<option value="adendum" selected>', html)
    assert 'value="Kantor Kementerian Agama Kabupaten Blora"' in html
    assert 'value="H. Roziqun"' in html


def test_a_derived_pks_starts_from_the_mou_and_its_partner(client, operator_blora, national_mou):
    url = reverse("agreements:create_child", kwargs={"pk": national_mou.pk, "kind": "pks"})
    html = page(client, operator_blora, url)
    assert "<h1>Catat PKS turunan</h1>" in html
    assert re.search(rf'<input type="text" name="parent" value="[^"]*\(#{national_mou.pk}\)"', html)
    assert 'value="Kantor Kementerian Agama Kabupaten Blora"' in html
    assert "Rutan Kelas IIB Blora" in html  # the PKS belongs to the operator's unit, not Ditjenpas


def test_a_renewal_starts_from_the_agreement_it_renews(client, operator_blora, rohani):
    html = page(client, operator_blora, reverse("agreements:renew", args=[rohani.pk]))
    assert "<h1>Perpanjang perjanjian</h1>" in html
    assert re.search(rf'<input type="text" name="renews" value="[^"]*\(#{rohani.pk}\)"', html)
    assert "Pembinaan kerohanian warga binaan" in html
    assert 'value="Kantor Kementerian Agama Kabupaten Blora"' in html
    program_select = re.search(r'<select name="programs-0-program".*?</select>', html, re.S).group(0)
    assert re.search(r'<option value="\d+" selected>Bimbingan keagamaan</option>', program_select)
    assert 'value="W13.PAS.PAS15-HM.05.02-71"' not in html  # a renewal has its own number


def test_the_filter_form_is_drawn_once_for_every_page_of_a_list(client, operator_kanwil_jateng, rutan_blora):
    """The form's choices (units, programs, years) are read for the first page and reused for the next."""
    make_agreements(rutan_blora, 30)
    client.force_login(operator_kanwil_jateng)
    with CaptureQueriesContext(connection) as first:
        client.get(LIST, {"q": "uji"})
    with CaptureQueriesContext(connection) as second:
        page = client.get(LIST, {"q": "uji", "page": 2}).content.decode()
    assert len(second.captured_queries) < len(first.captured_queries)
    assert 'value="uji"' in page and "halaman 2" in page
