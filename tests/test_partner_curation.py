"""The curated national directory: what was signed stays as signed, the identity of a partner other units use is
corrected by a proposal a curator decides, contacts belong to the unit that recorded them, duplicates are merged,
every change is in the partner's history, and every search forgives the same variants the duplicate warning does.
"""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import AgreementParty
from partners.models import Contact, Partner, PartnerAlias, PartnerCorrection
from partners.services import merge_partners
from tests.factories import AgreementFactory, AgreementPartyFactory, ContactFactory, PartnerFactory, UserFactory
from tests.pdftext import pdf_bytes, pdf_text
from units.models import User

pytestmark = pytest.mark.django_db

KEMENAG_BLORA = "Kantor Kementerian Agama Kabupaten Blora"
RENAMED = "Kantor Kementerian Agama Kabupaten Blora (Jawa Tengah)"


def login(client, user):
    client.force_login(user)
    return client


def identity(partner, **changes):
    data = {
        "name": partner.name,
        "short_name": partner.short_name,
        "sector": partner.sector,
        "level": partner.level,
        "parent": partner.parent_id or "",
        "province": partner.province,
        "regency": partner.regency,
    }
    return {**data, **changes}


def partner_form(partner, contacts=(), **changes):
    """The partner form as posted, with `contacts` as (id, name, delete) rows."""
    data = {**identity(partner, **changes), "address": "", "phone": "", "email": "", "website": ""}
    data.update({"contacts-TOTAL_FORMS": str(len(contacts)), "contacts-INITIAL_FORMS": str(len(contacts))})
    for index, (pk, name, delete) in enumerate(contacts):
        data.update({f"contacts-{index}-id": str(pk), f"contacts-{index}-name": name})
        if delete:
            data[f"contacts-{index}-DELETE"] = "on"
    return data


@pytest.fixture
def kemenag_blora(db):
    return PartnerFactory(
        name=KEMENAG_BLORA,
        short_name="Kemenag Blora",
        sector=Partner.Sector.KEMENTERIAN_LEMBAGA,
        province="Jawa Tengah",
        regency="Kabupaten Blora",
    )


@pytest.fixture
def blora_pks(rutan_blora, kemenag_blora):
    pks = AgreementFactory(
        unit=rutan_blora, subject="Pembinaan keagamaan bagi warga binaan", signed_on=datetime.date(2024, 12, 30)
    )
    AgreementPartyFactory(agreement=pks, partner=kemenag_blora, number="B-101/Kk.11.16/2024")
    return pks


@pytest.fixture
def kudus_agreement(rutan_kudus, kemenag_blora):
    agreement = AgreementFactory(unit=rutan_kudus, subject="Penyuluhan agama Rutan Kudus")
    AgreementPartyFactory(agreement=agreement, partner=kemenag_blora)
    return agreement


@pytest.fixture
def roziqun(kemenag_blora, rutan_blora):
    return ContactFactory(partner=kemenag_blora, name="Roziqun", position="Kepala Kantor", unit=rutan_blora)


# What was signed stays as signed ------------------------------------------------------------------------------


def test_a_party_records_the_partner_name_when_saved(blora_pks, kemenag_blora):
    assert blora_pks.parties.get().partner_name == KEMENAG_BLORA


def test_a_rename_after_signing_leaves_the_signed_name_with_the_new_one_beside_it(
    client, kepala_blora, blora_pks, kemenag_blora
):
    kemenag_blora.name = RENAMED
    kemenag_blora.save()

    page = login(client, kepala_blora).get(reverse("agreements:detail", args=[blora_pks.pk])).content.decode()
    assert f">{KEMENAG_BLORA}</a>" in page
    assert f"(kini: {RENAMED})" in page

    text = pdf_text(pdf_bytes(client.get(reverse("agreements:summary_pdf", args=[blora_pks.pk]))))
    assert f"Nomor {KEMENAG_BLORA}" in text
    assert f"kini: {RENAMED}" in text

    listing = client.get(reverse("agreements:list")).content.decode()
    assert KEMENAG_BLORA in listing and f"kini: {RENAMED}" in listing


def test_a_draft_follows_the_directory_until_signed(rutan_blora, kemenag_blora):
    draft = AgreementFactory(unit=rutan_blora, signed_on=None)
    party = AgreementPartyFactory(agreement=draft, partner=kemenag_blora)
    kemenag_blora.name = RENAMED
    kemenag_blora.save()

    party.refresh_from_db()
    assert party.partner_name == RENAMED
    assert not party.renamed_since_signing


def test_the_data_migration_fills_the_signed_name_of_existing_parties(blora_pks):
    AgreementParty.objects.update(partner_name="")
    import_module("agreements.migrations.0008_party_signed_partner_name").fill_partner_names(apps, None)
    assert blora_pks.parties.get().partner_name == KEMENAG_BLORA


# Who changes the identity ---------------------------------------------------------------------------------------


def test_kudus_cannot_rename_a_partner_bloras_agreement_uses(client, operator_kudus, blora_pks, kemenag_blora):
    url = reverse("partners:update", args=[kemenag_blora.pk])
    page = login(client, operator_kudus).get(url).content.decode()
    assert "Usulkan perbaikan identitas" in page

    response = client.post(url, partner_form(kemenag_blora, name="Kemenag Kudus", sector=Partner.Sector.LAINNYA))

    assert response.status_code == 302
    kemenag_blora.refresh_from_db()
    assert kemenag_blora.name == KEMENAG_BLORA
    assert kemenag_blora.sector == Partner.Sector.KEMENTERIAN_LEMBAGA


def test_kudus_still_corrects_the_address_of_a_partner_others_use(client, operator_kudus, blora_pks, kemenag_blora):
    url = reverse("partners:update", args=[kemenag_blora.pk])
    data = {**partner_form(kemenag_blora), "address": "Jl. Pemuda No. 1, Blora"}
    login(client, operator_kudus).post(url, data)
    kemenag_blora.refresh_from_db()
    assert kemenag_blora.address == "Jl. Pemuda No. 1, Blora"


def test_a_unit_renames_a_partner_only_its_own_agreements_use(client, operator_blora, blora_pks, kemenag_blora):
    url = reverse("partners:update", args=[kemenag_blora.pk])
    login(client, operator_blora).post(url, partner_form(kemenag_blora, name=RENAMED))
    kemenag_blora.refresh_from_db()
    assert kemenag_blora.name == RENAMED


def test_curators(kemenag_blora, operator_pusat, admin_pusat, operator_kanwil_jateng, operator_kanwil_jatim):
    surabaya = PartnerFactory(name="Universitas Airlangga", province="Jawa Timur")
    assert set(Partner.objects.curated_by(operator_pusat)) == {kemenag_blora, surabaya}
    assert set(Partner.objects.curated_by(admin_pusat)) == {kemenag_blora, surabaya}
    assert list(Partner.objects.curated_by(operator_kanwil_jateng)) == [kemenag_blora]
    assert list(Partner.objects.curated_by(operator_kanwil_jatim)) == [surabaya]
    assert kemenag_blora.is_curated_by(operator_kanwil_jateng)
    assert not kemenag_blora.is_curated_by(operator_kanwil_jatim)


def test_curators_and_operators_who_may_change_the_identity(
    blora_pks, kudus_agreement, kemenag_blora, operator_blora, operator_kudus, operator_pusat, kepala_blora
):
    assert kemenag_blora.identity_editable_by(operator_pusat)
    assert not kemenag_blora.identity_editable_by(operator_blora)  # Kudus's agreement uses it too
    assert not kemenag_blora.identity_editable_by(operator_kudus)
    assert not kemenag_blora.identity_editable_by(kepala_blora)


# Proposals -----------------------------------------------------------------------------------------------------


def propose(client, user, partner, **changes):
    data = {**identity(partner, **changes), "reason": "Nama resmi menurut kop surat"}
    return login(client, user).post(reverse("partners:propose", args=[partner.pk]), data)


def test_a_proposal_is_accepted_by_a_curator_and_the_proposer_sees_it(
    client, operator_kudus, operator_pusat, blora_pks, kemenag_blora
):
    response = propose(client, operator_kudus, kemenag_blora, name=RENAMED)
    assert response.status_code == 302
    correction = PartnerCorrection.objects.get()
    assert (correction.state, correction.unit, correction.proposed_by) == (
        "menunggu",
        operator_kudus.unit,
        operator_kudus,
    )
    kemenag_blora.refresh_from_db()
    assert kemenag_blora.name == KEMENAG_BLORA  # nothing changes before a curator decides

    queue = login(client, operator_pusat).get(reverse("partners:corrections"))
    assert [c for c, _form in queue.context["awaiting"]] == [correction]
    decide = reverse("partners:correction_decide", args=[correction.pk])
    client.post(decide, {f"c{correction.pk}-decision": "terima", f"c{correction.pk}-curator_note": "Sesuai kop"})

    kemenag_blora.refresh_from_db()
    assert kemenag_blora.name == RENAMED
    own = login(client, operator_kudus).get(reverse("partners:corrections")).content.decode()
    assert "Diterima" in own and "Sesuai kop" in own
    page = client.get(reverse("partners:detail", args=[kemenag_blora.pk])).content.decode()
    assert "Diterima" in page
    assert blora_pks.parties.get().signed_name == KEMENAG_BLORA


def test_a_declined_proposal_needs_a_note_and_changes_nothing(
    client, operator_kudus, operator_pusat, blora_pks, kemenag_blora
):
    propose(client, operator_kudus, kemenag_blora, sector=Partner.Sector.LAINNYA)
    correction = PartnerCorrection.objects.get()
    decide = reverse("partners:correction_decide", args=[correction.pk])
    login(client, operator_pusat).post(decide, {f"c{correction.pk}-decision": "tolak"})
    correction.refresh_from_db()
    assert correction.is_pending

    client.post(decide, {f"c{correction.pk}-decision": "tolak", f"c{correction.pk}-curator_note": "Sektor sudah benar"})
    correction.refresh_from_db()
    kemenag_blora.refresh_from_db()
    assert correction.state == PartnerCorrection.State.DECLINED
    assert kemenag_blora.sector == Partner.Sector.KEMENTERIAN_LEMBAGA


def test_a_proposal_that_changes_nothing_or_takes_another_partners_name_is_refused(
    client, operator_kudus, blora_pks, kemenag_blora
):
    PartnerFactory(name="Kantor Kementerian Agama Kabupaten Kudus")
    unchanged = propose(client, operator_kudus, kemenag_blora)
    assert "Usulan sama dengan data sekarang" in unchanged.content.decode()
    taken = propose(client, operator_kudus, kemenag_blora, name="kantor kementerian agama kabupaten KUDUS")
    assert "sudah terdaftar" in taken.content.decode()
    assert not PartnerCorrection.objects.exists()


def test_only_the_partners_curators_decide(
    client, operator_kudus, operator_kanwil_jateng, operator_kanwil_jatim, operator_blora, blora_pks, kemenag_blora
):
    propose(client, operator_kudus, kemenag_blora, short_name="Kemenag Kab. Blora")
    correction = PartnerCorrection.objects.get()
    decide = reverse("partners:correction_decide", args=[correction.pk])
    accept = {f"c{correction.pk}-decision": "terima"}
    for outsider in (operator_kanwil_jatim, operator_blora, operator_kudus):
        assert login(client, outsider).post(decide, accept).status_code == 404
    assert login(client, operator_kanwil_jateng).post(decide, accept).status_code == 302
    kemenag_blora.refresh_from_db()
    assert kemenag_blora.short_name == "Kemenag Kab. Blora"


# Contacts ------------------------------------------------------------------------------------------------------


def test_kudus_cannot_edit_or_delete_a_contact_blora_recorded(client, operator_kudus, roziqun, kemenag_blora):
    url = reverse("partners:update", args=[kemenag_blora.pk])
    form = login(client, operator_kudus).get(url).context["contacts"]
    assert [f.instance for f in form.initial_forms] == []

    client.post(url, partner_form(kemenag_blora, contacts=[(roziqun.pk, "Bukan Roziqun", False)]))
    client.post(url, partner_form(kemenag_blora, contacts=[(roziqun.pk, "Roziqun", True)]))

    roziqun.refresh_from_db()
    assert roziqun.name == "Roziqun"
    page = client.get(reverse("partners:detail", args=[kemenag_blora.pk])).content.decode()
    assert "Roziqun" in page and "dicatat oleh Rutan Kelas IIB Blora" in page


def test_blora_edits_its_own_contact_and_new_contacts_are_the_units(client, operator_blora, roziqun, kemenag_blora):
    url = reverse("partners:update", args=[kemenag_blora.pk])
    data = partner_form(kemenag_blora, contacts=[(roziqun.pk, "Roziqun, S.Ag.", False)])
    data.update({"contacts-TOTAL_FORMS": "2", "contacts-1-name": "Siti Aminah"})
    assert login(client, operator_blora).post(url, data).status_code == 302
    assert {(c.name, c.unit.name) for c in kemenag_blora.contacts.all()} == {
        ("Roziqun, S.Ag.", "Rutan Kelas IIB Blora"),
        ("Siti Aminah", "Rutan Kelas IIB Blora"),
    }


def test_existing_contacts_go_to_the_unit_of_whoever_created_them(kemenag_blora, operator_kudus, ditjenpas):
    recorded = Contact(partner=kemenag_blora, name="Dicatat Kudus")
    recorded._history_user = operator_kudus
    recorded.save()
    unknown = ContactFactory(partner=kemenag_blora, name="Tanpa riwayat")
    Contact.objects.update(unit=None)

    import_module("partners.migrations.0003_directory_curation").assign_contacts(apps, None)

    recorded.refresh_from_db()
    unknown.refresh_from_db()
    assert recorded.unit == operator_kudus.unit
    assert unknown.unit == ditjenpas


# Merge ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def duplicate(db):
    return PartnerFactory(name="Kemenag Kab Blora", province="Jawa Tengah")


def test_a_merge_moves_every_agreement_and_contact_and_keeps_history(
    client, operator_pusat, rutan_kudus, kemenag_blora, duplicate, blora_pks
):
    agreement = AgreementFactory(unit=rutan_kudus, subject="Penyuluhan agama Rutan Kudus")
    AgreementPartyFactory(agreement=agreement, partner=duplicate, number="K-7/2025")
    ContactFactory(partner=duplicate, name="Ahmad", unit=rutan_kudus)

    url = reverse("partners:merge", args=[kemenag_blora.pk])
    response = login(client, operator_pusat).post(url, {"merged": duplicate.name, "confirm": "on"})

    assert response.status_code == 302
    assert not Partner.objects.filter(pk=duplicate.pk).exists()
    party = agreement.parties.get()
    assert party.partner == kemenag_blora
    assert party.signed_name == "Kemenag Kab Blora"  # as signed, with "kini" beside it
    assert [c.name for c in kemenag_blora.contacts.all()] == ["Ahmad"]
    assert list(kemenag_blora.aliases.values_list("name", flat=True)) == ["Kemenag Kab Blora"]
    assert party.history.filter(partner_id=kemenag_blora.pk, history_user=operator_pusat).exists()
    page = client.get(reverse("partners:detail", args=[kemenag_blora.pk])).content.decode()
    assert "Kemenag Kab Blora digabung ke mitra ini" in page
    assert "Nama lain dicatat: Kemenag Kab Blora" in page


def test_a_merge_that_would_clash_is_refused_and_names_the_agreements(
    client, operator_pusat, rutan_blora, kemenag_blora, duplicate, blora_pks
):
    both = AgreementFactory(unit=rutan_blora, subject="Perjanjian dengan keduanya")
    AgreementPartyFactory(agreement=both, partner=kemenag_blora)
    AgreementPartyFactory(agreement=both, partner=duplicate)
    same_number = AgreementFactory(unit=rutan_blora, subject="Perjanjian bernomor sama")
    AgreementPartyFactory(agreement=same_number, partner=duplicate, number="B-101/Kk.11.16/2024")

    url = reverse("partners:merge", args=[kemenag_blora.pk])
    response = login(client, operator_pusat).post(url, {"merged": duplicate.name, "confirm": "on"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Perjanjian dengan keduanya" in page and "Perjanjian bernomor sama" in page
    assert Partner.objects.filter(pk=duplicate.pk).exists()
    assert duplicate.agreement_parties.count() == 2
    assert not PartnerAlias.objects.exists()


def test_only_curators_merge(client, operator_blora, operator_kanwil_jatim, kemenag_blora, duplicate):
    url = reverse("partners:merge", args=[kemenag_blora.pk])
    assert login(client, operator_blora).get(url).status_code == 404
    assert login(client, operator_kanwil_jatim).get(url).status_code == 404


def test_a_merged_name_is_still_found(operator_pusat, kemenag_blora, duplicate):
    merge_partners(keep=kemenag_blora, merged=duplicate, curator=operator_pusat)
    assert list(Partner.objects.matching("Kemenag Kab Blora")) == [kemenag_blora]


# History -------------------------------------------------------------------------------------------------------


def test_the_partner_page_shows_who_changed_what_for_which_unit(client, operator_blora, kemenag_blora, roziqun):
    operator_blora.first_name = "Sri"
    operator_blora.save()
    url = reverse("partners:update", args=[kemenag_blora.pk])
    login(client, operator_blora).post(
        url, partner_form(kemenag_blora, contacts=[(roziqun.pk, "Roziqun", True)], regency="Kab. Blora")
    )
    page = client.get(reverse("partners:detail", args=[kemenag_blora.pk])).content.decode()
    assert "Data mitra diubah" in page
    assert "<del>Kabupaten Blora</del> → <ins>Kab. Blora</ins>" in page
    assert "Narahubung dihapus: Roziqun" in page
    assert "Sri" in page and "Rutan Kelas IIB Blora" in page


# Search --------------------------------------------------------------------------------------------------------


@pytest.fixture
def directory(kemenag_blora):
    PartnerFactory(name="Kantor Kementerian Agama Kabupaten Kudus", province="Jawa Tengah")
    PartnerFactory(name="Dinas Sosial Kabupaten Blora", province="Jawa Tengah")
    return kemenag_blora


@pytest.mark.parametrize("typed", ["kementrian agama blora", "kemenag blora", "Kantor Kemenag Kab. Blora", "kemen blo"])
def test_the_picker_finds_variants_of_a_name(client, operator_blora, directory, typed):
    response = login(client, operator_blora).get(reverse("partners:autocomplete"), {"q": typed})
    assert [result["name"] for result in response.json()["results"]] == [KEMENAG_BLORA]


def test_the_directory_search_finds_a_misspelt_name(client, operator_blora, directory):
    response = login(client, operator_blora).get(reverse("partners:list"), {"q": "kementrian agama blora"})
    assert [partner.name for partner in response.context["page_obj"]] == [KEMENAG_BLORA]


def test_the_agreements_list_finds_a_misspelt_partner(client, operator_blora, directory, blora_pks, rutan_blora):
    AgreementFactory(unit=rutan_blora, subject="Pelatihan kerja")
    for params in ({"partner": "kementrian agama blora"}, {"q": "kementrian agama blora"}):
        with CaptureQueriesContext(connection) as queries:
            response = login(client, operator_blora).get(reverse("agreements:list"), params)
        assert [a.subject for a in response.context["page_obj"]] == [blora_pks.subject]
    # The words were looked up once (the count found none) and not again before the directory was asked: a
    # second look, "does any agreement match?", read the whole table at a million when none did.
    assert len([q for q in queries.captured_queries if "search_document" in q["sql"]]) <= 1


def test_words_that_are_not_in_the_name_find_nothing(directory):
    assert not Partner.objects.matching("kementerian agama semarang").exists()
    assert list(Partner.objects.matching("blora").order_by("name")) == [
        Partner.objects.get(name="Dinas Sosial Kabupaten Blora"),
        directory,
    ]


def test_an_administrator_without_unit_is_a_curator_and_heads_are_not(admin_pusat, kemenag_blora, ditjenpas):
    assert kemenag_blora.identity_editable_by(admin_pusat)
    kepala = UserFactory(username="kepala.pusat", role=User.Role.KEPALA, unit=ditjenpas)
    assert not Partner.objects.curated_by(kepala).exists()


def test_operators_cannot_reach_a_partner_others_use_through_the_admin(client, operator_kudus, blora_pks, roziqun):
    # The admin is the administrators' alone (README, "who sees and changes what"): no side door to the identity.
    partner = blora_pks.parties.get().partner
    page = login(client, operator_kudus).get(reverse("admin:partners_partner_change", args=[partner.pk]))
    assert page.status_code == 403


def test_a_party_saved_without_its_signed_name_takes_the_directorys(blora_pks):
    party = blora_pks.parties.get()
    party.partner_name = ""
    party.save()
    assert party.partner_name == KEMENAG_BLORA


def test_a_slip_in_the_first_letters_is_found_on_postgresql(directory):
    if connection.vendor != "postgresql":
        pytest.skip("the trigram fallback exists on PostgreSQL only")
    assert list(Partner.objects.matching("kemnterian agama blora")) == [directory]
