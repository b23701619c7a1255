"""Staff find partners in the shared directory, read one partner's page and register or correct a partner."""

import datetime

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Contact, Partner, name_similarity
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    ContactFactory,
    PartnerFactory,
    ProgramFactory,
)

KEMENAG_BLORA = "Kantor Kementerian Agama Kabupaten Blora"


def login(client, user):
    client.force_login(user)
    return client


def names_in(response):
    return [partner.name for partner in response.context["page_obj"]]


def form_data(name, **extra):
    data = {
        "name": name,
        "short_name": "",
        "sector": Partner.Sector.KEMENTERIAN_LEMBAGA,
        "level": Partner.Level.KABUPATEN_KOTA,
        "parent": "",
        "province": "Jawa Tengah",
        "regency": "Kabupaten Blora",
        "address": "",
        "phone": "",
        "email": "",
        "website": "",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-name": "",
        "contacts-0-position": "",
        "contacts-0-phone": "",
        "contacts-0-email": "",
    }
    data.update(extra)
    return data


@pytest.fixture
def kemenag_blora(db):
    return PartnerFactory(
        name=KEMENAG_BLORA,
        short_name="Kemenag Blora",
        sector=Partner.Sector.KEMENTERIAN_LEMBAGA,
        level=Partner.Level.KABUPATEN_KOTA,
        regency="Kabupaten Blora",
        province="Jawa Tengah",
    )


@pytest.fixture
def bank_jateng_blora(db):
    return PartnerFactory(
        name="Bank Jateng Cabang Blora",
        sector=Partner.Sector.PERBANKAN_KEUANGAN,
        level=Partner.Level.KABUPATEN_KOTA,
        regency="Kabupaten Blora",
        province="Jawa Tengah",
    )


@pytest.fixture
def undip(db):
    return PartnerFactory(
        name="Universitas Diponegoro",
        short_name="UNDIP",
        sector=Partner.Sector.PENDIDIKAN,
        level=Partner.Level.PROVINSI,
        regency="Kota Semarang",
        province="Jawa Tengah",
    )


@pytest.fixture
def blora_with_kemenag(rutan_blora, kemenag_blora):
    """Rutan Blora's agreement with Kemenag Blora, in force."""
    agreement = AgreementFactory(unit=rutan_blora, subject="Pembinaan kerohanian warga binaan Rutan Blora")
    AgreementPartyFactory(agreement=agreement, partner=kemenag_blora)
    return agreement


# Directory -------------------------------------------------------------------------------------------------------


def test_directory_needs_signing_in(client, db):
    response = client.get(reverse("partners:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_directory_lists_every_partner_nationally(client, operator_kudus, kemenag_blora, undip):
    response = login(client, operator_kudus).get(reverse("partners:list"))
    assert response.status_code == 200
    assert names_in(response) == [KEMENAG_BLORA, "Universitas Diponegoro"]
    assert "2 mitra" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"sector": "pendidikan"}, ["Universitas Diponegoro"]),
        ({"level": "kabupaten_kota"}, ["Bank Jateng Cabang Blora", KEMENAG_BLORA]),
        ({"q": "kemenag"}, [KEMENAG_BLORA]),
        ({"q": "undip"}, ["Universitas Diponegoro"]),
        ({"q": "semarang"}, ["Universitas Diponegoro"]),
        ({"q": "blora bank"}, ["Bank Jateng Cabang Blora"]),
        ({"province": "Jawa Tengah", "sector": "perbankan_keuangan"}, ["Bank Jateng Cabang Blora"]),
    ],
)
def test_directory_filters(client, operator_blora, kemenag_blora, bank_jateng_blora, undip, query, expected):
    response = login(client, operator_blora).get(reverse("partners:list"), query)
    assert names_in(response) == expected


def test_directory_filter_agreement_in_force_with_my_unit(
    client, operator_blora, operator_kudus, rutan_kudus, kanwil_jateng, blora_with_kemenag, undip, bank_jateng_blora
):
    # Kudus works with Undip; Kanwil Jateng's agreement with Bank Jateng is not Blora's own; Blora's with Undip ended.
    AgreementPartyFactory(agreement=AgreementFactory(unit=rutan_kudus), partner=undip)
    AgreementPartyFactory(agreement=AgreementFactory(unit=kanwil_jateng), partner=bank_jateng_blora)
    ended = AgreementFactory(
        unit=blora_with_kemenag.unit, signed_on=datetime.date(2020, 1, 2), ends_on=datetime.date(2021, 1, 1)
    )
    AgreementPartyFactory(agreement=ended, partner=undip)

    response = login(client, operator_blora).get(reverse("partners:list"), {"with_my_unit": "on"})
    assert names_in(response) == [KEMENAG_BLORA]

    response = login(client, operator_kudus).get(reverse("partners:list"), {"with_my_unit": "on"})
    assert names_in(response) == ["Universitas Diponegoro"]


def test_directory_counts_agreements_in_force_the_user_may_read(
    client, operator_blora, operator_kudus, rutan_kudus, blora_with_kemenag, kemenag_blora
):
    AgreementPartyFactory(agreement=AgreementFactory(unit=blora_with_kemenag.unit), partner=kemenag_blora)
    AgreementPartyFactory(agreement=AgreementFactory(unit=rutan_kudus), partner=kemenag_blora)

    response = login(client, operator_blora).get(reverse("partners:list"))
    assert response.context["page_obj"][0].agreements_in_force == 2
    response = login(client, operator_kudus).get(reverse("partners:list"))
    assert response.context["page_obj"][0].agreements_in_force == 1


def test_directory_empty_state(client, operator_blora):
    response = login(client, operator_blora).get(reverse("partners:list"), {"q": "tidak ada yang begini"})
    assert "Tidak ada mitra yang cocok" in response.content.decode()


def test_directory_pages_by_25_and_keeps_the_filters(client, operator_blora):
    PartnerFactory.create_batch(30, sector=Partner.Sector.PENDIDIKAN)
    response = login(client, operator_blora).get(reverse("partners:list"), {"sector": "pendidikan"})
    assert len(response.context["page_obj"]) == 25
    assert "?sector=pendidikan&amp;page=2" in response.content.decode()
    response = client.get(reverse("partners:list"), {"sector": "pendidikan", "page": 2})
    assert len(response.context["page_obj"]) == 5


def _directory_rows(rutan_blora, count):
    for _ in range(count):
        partner = PartnerFactory(parent=PartnerFactory())
        AgreementPartyFactory(agreement=AgreementFactory(unit=rutan_blora), partner=partner)


def test_directory_query_count_does_not_grow_with_rows(client, operator_blora, rutan_blora, django_assert_num_queries):
    login(client, operator_blora)
    _directory_rows(rutan_blora, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("partners:list"))
    _directory_rows(rutan_blora, 12)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("partners:list"))
    assert len(response.context["page_obj"]) == 25


# Partner page ----------------------------------------------------------------------------------------------------


def test_partner_page_shows_details_contacts_and_branches(client, operator_blora, kemenag_blora):
    kemenag = PartnerFactory(name="Kementerian Agama", level=Partner.Level.NASIONAL)
    kemenag_blora.parent = kemenag
    kemenag_blora.phone = "(0296) 531 123"
    kemenag_blora.save()
    PartnerFactory(name="KUA Kecamatan Cepu", parent=kemenag_blora)
    ContactFactory(partner=kemenag_blora, name="Roziqun", position="Kepala Kantor", phone="0812 2900 1234")

    page = login(client, operator_blora).get(reverse("partners:detail", args=[kemenag_blora.pk])).content.decode()
    for text in (
        "Kementerian Agama",
        "KUA Kecamatan Cepu",
        "Roziqun",
        "Kepala Kantor",
        "0812 2900 1234",
        "Kabupaten Blora",
    ):
        assert text in page
    assert reverse("partners:detail", args=[kemenag.pk]) in page


def test_partner_page_shows_only_agreements_in_the_users_scope(
    client, operator_blora, operator_kudus, operator_kanwil_jateng, blora_with_kemenag, kemenag_blora, rutan_kudus
):
    kudus = AgreementFactory(unit=rutan_kudus, subject="Penyuluhan agama di Rutan Kudus")
    AgreementPartyFactory(agreement=kudus, partner=kemenag_blora)
    url = reverse("partners:detail", args=[kemenag_blora.pk])

    page = login(client, operator_kudus).get(url).content.decode()
    assert KEMENAG_BLORA in page
    assert "Penyuluhan agama di Rutan Kudus" in page
    assert "Pembinaan kerohanian warga binaan Rutan Blora" not in page

    page = login(client, operator_blora).get(url).content.decode()
    assert "Pembinaan kerohanian warga binaan Rutan Blora" in page
    assert "Penyuluhan agama di Rutan Kudus" not in page

    page = login(client, operator_kanwil_jateng).get(url).content.decode()
    assert "Pembinaan kerohanian warga binaan Rutan Blora" in page
    assert "Penyuluhan agama di Rutan Kudus" in page


def test_partner_page_agreement_row_has_status_end_date_days_left_and_programs(
    client, operator_blora, blora_with_kemenag, time_machine
):
    time_machine.move_to(datetime.datetime(2027, 11, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
    program = ProgramFactory(name="Bimbingan keagamaan")
    AgreementProgramFactory(agreement=blora_with_kemenag, program=program)
    response = login(client, operator_blora).get(
        reverse("partners:detail", args=[blora_with_kemenag.parties.get().partner_id])
    )
    page = response.content.decode()
    assert "Segera berakhir" in page
    assert "31 Desember 2027" in page
    assert ">60<" in page
    assert "Bimbingan keagamaan" in page
    assert reverse("agreements:detail", args=[blora_with_kemenag.pk]) in page


def test_edit_button_only_for_those_who_may_edit(client, operator_blora, kepala_blora, kemenag_blora):
    url = reverse("partners:detail", args=[kemenag_blora.pk])
    edit_url = reverse("partners:update", args=[kemenag_blora.pk])
    assert edit_url in login(client, operator_blora).get(url).content.decode()
    assert edit_url not in login(client, kepala_blora).get(url).content.decode()
    assert reverse("partners:create") not in client.get(reverse("partners:list")).content.decode()


def test_unknown_partner_is_404(client, operator_blora):
    assert login(client, operator_blora).get(reverse("partners:detail", args=[999999])).status_code == 404


# Register and edit -----------------------------------------------------------------------------------------------


def test_operator_registers_a_partner_with_a_contact(client, operator_blora):
    data = form_data(
        KEMENAG_BLORA,
        short_name="Kemenag Blora",
        **{"contacts-0-name": "Roziqun", "contacts-0-position": "Kepala Kantor", "contacts-0-phone": "0812"},
    )
    response = login(client, operator_blora).post(reverse("partners:create"), data, follow=True)
    partner = Partner.objects.get()
    assert response.redirect_chain[-1][0] == reverse("partners:detail", args=[partner.pk])
    assert partner.name == KEMENAG_BLORA
    assert partner.contacts.get().name == "Roziqun"
    assert f"Mitra “{KEMENAG_BLORA}” tersimpan." in response.content.decode()


def test_the_same_name_written_differently_is_refused_and_the_form_keeps_what_was_typed(
    client, operator_blora, kemenag_blora
):
    data = form_data(
        "kantor kementerian agama kabupaten BLORA",
        short_name="Kemenag BLA",
        **{"contacts-0-name": "Siti Aminah"},
    )
    response = login(client, operator_blora).post(reverse("partners:create"), data)
    assert response.status_code == 200
    assert Partner.objects.count() == 1
    assert not Contact.objects.exists()
    form = response.context["form"]
    assert form.errors["name"] == [
        f"Mitra “{KEMENAG_BLORA}” sudah terdaftar (nama sama, beda huruf besar/kecil atau spasi)."
    ]
    page = response.content.decode()
    assert "sudah terdaftar (nama sama, beda huruf besar/kecil atau spasi)" in page
    assert 'value="kantor kementerian agama kabupaten BLORA"' in page
    assert 'value="Kemenag BLA"' in page
    assert 'value="Siti Aminah"' in page
    assert '<option value="kementerian_lembaga" selected>' in page
    # The message sits next to the name field, not only at the top of the form.
    name_field = page.index('id="id_name"')
    assert page.rfind("sudah terdaftar (nama sama", 0, name_field) > page.find('for="id_name"')


@pytest.mark.parametrize(
    ("registered", "typed"),
    [
        (KEMENAG_BLORA, "Kantor Kemenag Kabupaten Blora"),
        (KEMENAG_BLORA, "Kantor Kementrian Agama Kab. Blora"),
        ("Bank Jateng Cabang Blora", "Bank Jateng Cabang Blora Utara"),
        ("PT Bank Rakyat Indonesia (Persero) Tbk", "Bank Rakyat Indonesia"),
    ],
)
def test_a_likely_duplicate_is_saved_only_after_confirming(client, operator_blora, registered, typed):
    existing = PartnerFactory(name=registered)
    login(client, operator_blora)

    response = client.post(reverse("partners:create"), form_data(typed))
    assert response.status_code == 200
    assert Partner.objects.count() == 1
    page = response.content.decode()
    assert "Mungkin mitra ini sudah terdaftar" in page
    assert reverse("partners:detail", args=[existing.pk]) in page
    assert "Saya sudah memeriksa: ini mitra yang berbeda" in page
    assert f'value="{typed}"' in page

    response = client.post(reverse("partners:create"), form_data(typed, confirm_distinct="on"))
    assert response.status_code == 302
    assert Partner.objects.filter(name=typed).exists()


def test_the_confirmation_is_only_asked_when_a_similar_partner_exists(client, operator_blora, kemenag_blora):
    response = login(client, operator_blora).get(reverse("partners:create"))
    assert "Saya sudah memeriksa" not in response.content.decode()
    # Same words, other regency: a different office, saved straight away.
    response = client.post(reverse("partners:create"), form_data("Kantor Kementerian Agama Kabupaten Kudus"))
    assert response.status_code == 302


def test_editing_keeps_the_name_without_asking_again(client, operator_blora, kemenag_blora):
    PartnerFactory(name="Kantor Kemenag Blora")  # similar, registered long ago
    contact = ContactFactory(partner=kemenag_blora, name="Roziqun", unit=operator_blora.unit)
    data = form_data(
        KEMENAG_BLORA,
        phone="(0296) 531 123",
        **{
            "contacts-TOTAL_FORMS": "2",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(contact.pk),
            "contacts-0-name": "Roziqun",
            "contacts-0-DELETE": "on",
            "contacts-1-name": "Siti Aminah",
        },
    )
    response = login(client, operator_blora).post(reverse("partners:update", args=[kemenag_blora.pk]), data)
    assert response.status_code == 302
    kemenag_blora.refresh_from_db()
    assert kemenag_blora.phone == "(0296) 531 123"
    assert [c.name for c in kemenag_blora.contacts.all()] == ["Siti Aminah"]


def test_a_partner_cannot_hang_under_its_own_branch(client, operator_blora, kemenag_blora):
    branch = PartnerFactory(name="KUA Kecamatan Cepu", parent=kemenag_blora)
    data = form_data(KEMENAG_BLORA, parent=branch.name)
    response = login(client, operator_blora).post(reverse("partners:update", args=[kemenag_blora.pk]), data)
    assert response.status_code == 200
    assert "Induk tidak boleh cabang dari mitra ini sendiri." in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_kepala_cannot_register_or_edit(client, kepala_blora, kemenag_blora, method):
    login(client, kepala_blora)
    send = getattr(client, method)
    assert send(reverse("partners:create"), form_data("Dinas Sosial Kabupaten Blora")).status_code == 403
    assert send(reverse("partners:update", args=[kemenag_blora.pk]), form_data("Ganti nama")).status_code == 403
    assert Partner.objects.count() == 1
    kemenag_blora.refresh_from_db()
    assert kemenag_blora.name == KEMENAG_BLORA


def test_form_page_has_the_live_hint_for_the_name(client, operator_blora):
    page = login(client, operator_blora).get(reverse("partners:create")).content.decode()
    assert 'aria-live="polite"' in page
    assert reverse("partners:autocomplete") in page
    assert "partner-form.js" in page


# Autocomplete ----------------------------------------------------------------------------------------------------


def test_autocomplete_answers_json(client, operator_blora, kemenag_blora, undip):
    response = login(client, operator_blora).get(reverse("partners:autocomplete"), {"q": "kementerian"})
    assert response.json()["results"] == [
        {
            "id": kemenag_blora.pk,
            "name": KEMENAG_BLORA,
            "label": f"{KEMENAG_BLORA} — Kementerian/lembaga, Kabupaten Blora, Jawa Tengah",
            "url": reverse("partners:detail", args=[kemenag_blora.pk]),
        }
    ]
    assert [r["name"] for r in client.get(reverse("partners:autocomplete"), {"q": "undip"}).json()["results"]] == [
        "Universitas Diponegoro"
    ]


def test_autocomplete_puts_names_starting_with_the_text_first_and_stops_at_20(client, operator_blora):
    PartnerFactory(name="Yayasan Bina Insani")
    PartnerFactory(name="Bina Karya")
    PartnerFactory.create_batch(25, name=factory.Sequence(lambda n: f"Lembaga Bina {n:03d}"))
    results = login(client, operator_blora).get(reverse("partners:autocomplete"), {"q": "bina"}).json()["results"]
    assert len(results) == 20
    assert results[0]["name"] == "Bina Karya"


def test_autocomplete_ignores_too_short_text_and_needs_signing_in(client, operator_blora, kemenag_blora):
    assert client.get(reverse("partners:autocomplete"), {"q": "kantor"}).status_code == 302
    assert login(client, operator_blora).get(reverse("partners:autocomplete"), {"q": "k"}).json() == {"results": []}


def test_autocomplete_similar_mode_finds_the_same_and_likely_duplicates(client, operator_blora, kemenag_blora):
    similar = PartnerFactory(name="Kantor Kemenag Kabupaten Blora")
    url = reverse("partners:autocomplete")
    results = login(client, operator_blora).get(url, {"q": "kantor kementerian  agama kabupaten BLORA", "similar": "1"})
    assert [(r["id"], r["same"]) for r in results.json()["results"]] == [(kemenag_blora.pk, True), (similar.pk, False)]
    results = client.get(url, {"q": KEMENAG_BLORA, "similar": "1", "exclude": kemenag_blora.pk}).json()["results"]
    assert [r["id"] for r in results] == [similar.pk]


# Similarity ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kantor Kemenag Kabupaten Blora", KEMENAG_BLORA),
        ("Bank Jateng Cabang Blora", "Bank Jateng Cabang Blora Utara"),
        ("BRI Cabang Blora", "PT Bank Rakyat Indonesia (Persero) Tbk Cabang Blora"),
    ],
)
def test_similar_names(first, second):
    assert name_similarity(first, second) >= 0.75


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kantor Kementerian Agama Kabupaten Kudus", KEMENAG_BLORA),
        ("Kementerian Agama", KEMENAG_BLORA),
        ("Pemerintah Kota Semarang", "Pemerintah Kabupaten Semarang"),
        ("Bank Jateng Cabang Blora", "Bank Jateng Cabang Cepu"),
        ("Balai Latihan Kerja Kota Semarang", "Balai Latihan Kerja Kota Serang"),
        ("Dinas Pendidikan dan Kebudayaan Provinsi Jawa Tengah", "Dinas Pendidikan dan Kebudayaan Provinsi Jawa Timur"),
    ],
)
def test_different_partners_are_not_similar(first, second):
    assert name_similarity(first, second) < 0.75


def test_likely_duplicates_are_found_in_the_database_and_ranked(db, kemenag_blora):
    utara = PartnerFactory(name="Kantor Kemenag Blora Utara")
    PartnerFactory(name="Kantor Kementerian Agama Kabupaten Kudus")
    PartnerFactory(name="Kemenag")
    found = Partner.objects.likely_duplicates_of("Kantor Kemenag Kabupaten Blora")
    assert [p.name for p in found] == [KEMENAG_BLORA]
    assert found[0].similarity == 1
    assert Partner.objects.likely_duplicates_of("Kemenag Blora Utara") == [utara]
    # The same name is not a "likely" duplicate: the model refuses it outright.
    assert Partner.objects.likely_duplicates_of(KEMENAG_BLORA.upper()) == []
