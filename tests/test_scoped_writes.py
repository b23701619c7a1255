"""No unit can put anything into another unit's records: the three findings of the scoped-writes issue, each
reproduced as it was found on the demo and refused, and the typed pickers that replace the <select>s of every
record. tests/test_every_form_field.py walks every form field; this module follows the findings."""

import datetime

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from agreements.models import Agreement, AgreementDocument
from programs.models import Activity, AgreementProgram
from tests.factories import (
    ActivityFactory,
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    UserFactory,
)
from tests.test_register_agreement import agreement_data, party
from units.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_mou(ditjenpas):
    return AgreementFactory(unit=ditjenpas, kind=Agreement.Kind.MOU, subject="MoU nasional Ditjenpas")


@pytest.fixture
def blora_pks(rutan_blora, national_mou):
    return AgreementFactory(
        unit=rutan_blora, parent=national_mou, subject="PKS Blora", signed_on=datetime.date(2024, 12, 30)
    )


@pytest.fixture
def kudus_pks(rutan_kudus, national_mou):
    return AgreementFactory(unit=rutan_kudus, parent=national_mou, subject="PKS Kudus")


@pytest.fixture
def administrator(db):
    """An administrator who is not a superuser: the admin's everyday user."""
    return UserFactory(username="admin.kedua", role=User.Role.ADMINISTRATOR, is_superuser=False)


def admin_change(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


# ----- 1. Through the admin, one unit planted records in another unit's agreement --------------------------------


def test_kudus_cannot_move_its_scan_into_blora_agreement_through_the_admin(
    client, operator_kudus, kudus_pks, blora_pks
):
    scan = AgreementDocumentFactory(agreement=kudus_pks, title="Naskah Kudus")
    client.force_login(operator_kudus)
    response = client.post(admin_change(scan), {"kind": scan.kind, "title": scan.title, "agreement": blora_pks.pk})
    assert response.status_code == 403
    assert AgreementDocument.objects.get(pk=scan.pk).agreement == kudus_pks
    assert not blora_pks.documents.exists()


def test_an_administrator_cannot_move_a_document_either(client, administrator, kudus_pks, blora_pks):
    """A scan belongs to the agreement it was uploaded to: its printed bundle must not change behind it."""
    scan = AgreementDocumentFactory(agreement=kudus_pks, title="Naskah Kudus")
    client.force_login(administrator)
    page = client.get(admin_change(scan)).content.decode()
    assert 'name="agreement"' not in page
    response = client.post(admin_change(scan), {"kind": scan.kind, "title": "Naskah", "agreement": blora_pks.pk})
    assert response.status_code == 302
    assert AgreementDocument.objects.get(pk=scan.pk).agreement == kudus_pks


def test_a_program_row_cannot_carry_its_activities_into_another_agreement(
    client, operator_kudus, administrator, kudus_pks, blora_pks
):
    row = AgreementProgramFactory(agreement=kudus_pks)
    activity = ActivityFactory(agreement_program=row, title="Penyuluhan hukum di Kudus")
    data = {"program": row.program_id, "target_group": row.target_group, "agreement": blora_pks.pk}
    client.force_login(operator_kudus)
    assert client.post(admin_change(row), data).status_code == 403
    client.force_login(administrator)
    assert client.post(admin_change(row), data).status_code == 302
    assert AgreementProgram.objects.get(pk=row.pk).agreement == kudus_pks
    client.force_login(operator_kudus)
    assert client.get(reverse("programs:activity_detail", args=[activity.pk])).status_code == 200
    assert not Activity.objects.filter(agreement_program__agreement=blora_pks).exists()


def test_an_activity_stays_under_its_program_row_in_the_admin(client, administrator, kudus_pks, blora_pks):
    activity = ActivityFactory(agreement_program=AgreementProgramFactory(agreement=kudus_pks))
    client.force_login(administrator)
    page = client.get(admin_change(activity)).content.decode()
    assert 'name="agreement_program"' not in page


# ----- 2. Links across units and kinds were not checked -------------------------------------------------------


def test_a_kudus_pks_cannot_renew_the_national_mou(client, operator_kudus, national_mou):
    kemenag = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Kudus")
    client.force_login(operator_kudus)
    html = client.post(reverse("agreements:create"), agreement_data([party(kemenag)], renews=national_mou.pk)).text
    assert "Perjanjian yang dilanjutkan harus sejenis (Perjanjian Kerja Sama (PKS))." in html
    assert not national_mou.renewed_by.exists()
    assert "Dilanjutkan oleh" not in client.get(national_mou.get_absolute_url()).text


def test_the_model_refuses_the_same_links_whoever_saves(rutan_kudus, national_mou, blora_pks):
    pks = Agreement(
        kind=Agreement.Kind.PKS, subject="PKS", unit=rutan_kudus, ends_on=datetime.date(2027, 1, 1), renews=blora_pks
    )
    with pytest.raises(Exception, match="Perjanjian yang dilanjutkan harus milik unit yang sama."):
        pks.full_clean()
    pks.renews, pks.parent = None, blora_pks
    with pytest.raises(Exception, match=r"Induk sebuah PKS harus berupa nota kesepahaman \(MoU\)."):
        pks.full_clean()
    pks.kind = Agreement.Kind.ADENDUM
    with pytest.raises(Exception, match="Adendum harus dicatat oleh unit pemilik perjanjian yang diubahnya."):
        pks.full_clean()


def test_possible_parents_follow_the_kinds_and_the_tree(
    rutan_blora, kanwil_jateng, kanwil_jatim, national_mou, blora_pks, kudus_pks
):
    kanwil_mou = AgreementFactory(unit=kanwil_jateng, kind=Agreement.Kind.MOU)
    jatim_mou = AgreementFactory(unit=kanwil_jatim, kind=Agreement.Kind.MOU)
    blora_mou = AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.MOU)
    addendum = AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.ADENDUM, parent=blora_pks)
    possible = Agreement.objects.possible_parents_for
    assert set(possible(Agreement.Kind.PKS, rutan_blora)) == {national_mou, kanwil_mou, blora_mou}
    assert set(possible(Agreement.Kind.ADENDUM, rutan_blora)) == {blora_pks, blora_mou}
    assert not possible(Agreement.Kind.MOU, rutan_blora).exists()
    assert jatim_mou not in possible(Agreement.Kind.PKS, rutan_blora)
    assert addendum not in possible(Agreement.Kind.ADENDUM, rutan_blora)
    assert set(Agreement.objects.possible_renewals_for(Agreement.Kind.PKS, rutan_blora)) == {blora_pks}


def suggested(client, **params):
    response = client.get(reverse("agreements:autocomplete"), params)
    assert response.status_code == 200
    return [result["name"] for result in response.json()["results"]]


def test_the_parent_picker_offers_only_agreements_that_may_hold_this_one(
    client, operator_blora, rutan_blora, kanwil_jateng, national_mou, blora_pks, kudus_pks
):
    kanwil_mou = AgreementFactory(unit=kanwil_jateng, kind=Agreement.Kind.MOU, subject="MoU Kanwil Jateng")
    addendum = AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.ADENDUM, parent=blora_pks, subject="Adendum I")
    client.force_login(operator_blora)
    for_pks = suggested(client, purpose="parent", kind="pks")
    assert any("MoU nasional Ditjenpas" in name for name in for_pks)
    assert any("MoU Kanwil Jateng" in name for name in for_pks)
    assert not any("PKS Blora" in name or "Adendum I" in name for name in for_pks)
    for_addendum = suggested(client, purpose="parent", kind="adendum")
    assert for_addendum == [f"Perjanjian Kerja Sama (PKS): PKS Blora (#{blora_pks.pk})"]
    assert suggested(client, purpose="parent", kind="adendum", exclude=blora_pks.pk) == []
    # Another unit's agreements are never suggested, whatever unit is asked for.
    assert suggested(client, purpose="renews", kind="pks", unit=kudus_pks.unit.name) == [
        f"Perjanjian Kerja Sama (PKS): PKS Blora (#{blora_pks.pk})"
    ]
    assert suggested(client, purpose="parent", kind="pks", q="Kanwil") == [
        f"Nota Kesepahaman (MoU): MoU Kanwil Jateng (#{kanwil_mou.pk})"
    ]
    assert addendum.pk  # made, and not offered above


def test_the_agreement_form_has_typed_pickers_not_a_list_of_every_agreement(
    client, operator_blora, admin_pusat, blora_pks, kudus_pks
):
    client.force_login(operator_blora)
    html = client.get(reverse("agreements:update", args=[blora_pks.pk])).text
    assert '<select name="parent"' not in html
    assert '<select name="renews"' not in html
    assert "PKS Kudus" not in html
    assert f'value="Nota Kesepahaman (MoU): MoU nasional Ditjenpas (#{blora_pks.parent_id})"' in html
    assert 'data-autocomplete-params="kind unit"' in html
    client.force_login(admin_pusat)
    html = client.get(reverse("agreements:update", args=[blora_pks.pk])).text
    assert '<select name="unit"' not in html
    assert 'value="Rutan Kelas IIB Blora"' in html
    assert reverse("unit_autocomplete") in html


def test_an_administrator_types_the_unit_name(client, admin_pusat, rutan_kudus):
    kemenag = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Kudus")
    client.force_login(admin_pusat)
    data = agreement_data([party(kemenag)], unit="rutan kelas iib kudus")
    assert client.post(reverse("agreements:create"), data).status_code == 302
    assert Agreement.objects.get().unit == rutan_kudus


def test_a_parent_typed_without_suggestions_is_found_by_its_number(client, operator_blora, national_mou):
    national_mou.number = "PAS-1.HH.05.05-12"
    national_mou.save()
    kemenag = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    client.force_login(operator_blora)
    data = agreement_data([party(kemenag)], parent="pas-1.hh.05.05-12")
    assert client.post(reverse("agreements:create"), data).status_code == 302
    assert Agreement.objects.get(kind=Agreement.Kind.PKS).parent == national_mou


def test_the_unit_picker_suggests_only_units_the_user_reads(client, operator_blora, rutan_kudus):
    client.force_login(operator_blora)
    names = [r["name"] for r in client.get(reverse("unit_autocomplete"), {"q": "Rutan"}).json()["results"]]
    assert names == ["Rutan Kelas IIB Blora"]


def test_the_partner_form_types_the_parent(client, operator_blora):
    kemenag = PartnerFactory(name="Kementerian Agama")
    branch = PartnerFactory(pk=12345, name="Kantor Kementerian Agama Kabupaten Blora", parent=kemenag)
    client.force_login(operator_blora)
    html = client.get(reverse("partners:update", args=[branch.pk])).text
    assert '<select name="parent"' not in html
    assert 'value="Kementerian Agama"' in html
    assert reverse("partners:autocomplete") in html
    # The live duplicate hint leaves the partner itself out: its id must not read "12.345".
    assert 'data-exclude="12345"' in html


# ----- 3. "Hapus?" on the document inline deleted the signed scan -------------------------------------------


def test_only_a_superuser_may_delete_documents_and_program_rows_from_an_agreement(
    client, administrator, admin_pusat, operator_blora, blora_pks
):
    AgreementDocumentFactory(agreement=blora_pks, title="Naskah bertanda tangan")
    AgreementProgramFactory(agreement=blora_pks)
    AgreementPartyFactory(agreement=blora_pks)
    client.force_login(operator_blora)
    assert client.get(admin_change(blora_pks)).status_code == 403
    client.force_login(administrator)
    page = client.get(admin_change(blora_pks)).text
    assert 'name="documents-0-DELETE"' not in page
    assert 'name="programs-0-DELETE"' not in page
    client.force_login(admin_pusat)
    page = client.get(admin_change(blora_pks)).text
    assert 'name="documents-0-DELETE"' in page


def test_a_deletion_posted_by_an_administrator_deletes_nothing(administrator, blora_pks):
    scan = AgreementDocumentFactory(agreement=blora_pks)
    request = RequestFactory().post("/admin/")
    request.user = administrator
    model_admin = admin.site._registry[Agreement]
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, blora_pks):
        if inline.model is AgreementDocument:
            assert not formset_class.can_delete
            data = {
                "documents-TOTAL_FORMS": "1",
                "documents-INITIAL_FORMS": "1",
                "documents-0-id": scan.pk,
                "documents-0-kind": scan.kind,
                "documents-0-DELETE": "on",
            }
            formset = formset_class(data, instance=blora_pks, prefix="documents")
            assert formset.is_valid(), formset.errors
            formset.save()
    assert AgreementDocument.objects.filter(pk=scan.pk).exists()
