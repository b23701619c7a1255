"""Who sees and who changes which agreements: the role table, in querysets and through the admin.

A UPT sees its own agreements and, read-only, those of its Kanwil and of Ditjenpas; a Kanwil sees its whole
region; Ditjenpas sees everything. Operators change their own unit's agreements, heads of unit only read.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from agreements.models import Agreement
from partners.models import Partner
from programs.models import Program, ProgramCategory
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db

UNITS = ["ditjenpas", "kanwil_jateng", "kanwil_jatim", "rutan_blora", "rutan_kudus", "lapas_surabaya"]
EVERY_UNIT = set(UNITS)

# person -> units whose agreements they read
VISIBLE = {
    "operator_blora": {"ditjenpas", "kanwil_jateng", "rutan_blora"},
    "kepala_blora": {"ditjenpas", "kanwil_jateng", "rutan_blora"},
    "operator_kudus": {"ditjenpas", "kanwil_jateng", "rutan_kudus"},
    "operator_kanwil_jateng": {"ditjenpas", "kanwil_jateng", "rutan_blora", "rutan_kudus"},
    "operator_kanwil_jatim": {"ditjenpas", "kanwil_jatim", "lapas_surabaya"},
    "operator_pusat": EVERY_UNIT,
    "admin_pusat": EVERY_UNIT,
}
# person -> units whose agreements they change
EDITABLE = {
    "operator_blora": {"rutan_blora"},
    "kepala_blora": set(),
    "operator_kudus": {"rutan_kudus"},
    "operator_kanwil_jateng": {"kanwil_jateng"},
    "operator_kanwil_jatim": {"kanwil_jatim"},
    "operator_pusat": {"ditjenpas"},
    "admin_pusat": EVERY_UNIT,
}
PEOPLE = list(VISIBLE)


def subject_of(unit_key):
    return f"Kerja sama milik {unit_key.replace('_', ' ')}"


@pytest.fixture
def units(request):
    return {key: request.getfixturevalue(key) for key in UNITS}


@pytest.fixture
def agreements(units):
    """One agreement owned by each unit, its subject naming the owner."""
    return {key: AgreementFactory(unit=unit, subject=subject_of(key)) for key, unit in units.items()}


def change_url(agreement):
    return reverse("admin:agreements_agreement_change", args=[agreement.pk])


def pks(agreements_by_unit, unit_keys):
    return {agreements_by_unit[key].pk for key in unit_keys}


@pytest.mark.parametrize("person", PEOPLE)
def test_for_user_follows_the_role_table(request, agreements, person):
    user = request.getfixturevalue(person)
    assert set(Agreement.objects.for_user(user).values_list("pk", flat=True)) == pks(agreements, VISIBLE[person])


@pytest.mark.parametrize("person", PEOPLE)
def test_editable_by_follows_the_role_table(request, agreements, units, person):
    user = request.getfixturevalue(person)
    assert set(Agreement.objects.editable_by(user).values_list("pk", flat=True)) == pks(agreements, EDITABLE[person])
    for key, unit in units.items():
        assert user.can_edit_unit_records(unit.pk) == (key in EDITABLE[person]), key


def test_kepala_reads_like_the_operator_but_changes_nothing(agreements, operator_blora, kepala_blora, rutan_blora):
    assert set(Agreement.objects.for_user(kepala_blora)) == set(Agreement.objects.for_user(operator_blora))
    assert not Agreement.objects.editable_by(kepala_blora).exists()
    assert kepala_blora.can_edit_unit_records(rutan_blora.pk) is False
    assert operator_blora.can_edit_unit_records(rutan_blora.pk) is True


def test_anonymous_sees_no_agreements(agreements):
    assert not Agreement.objects.for_user(AnonymousUser()).exists()
    assert not Agreement.objects.editable_by(AnonymousUser()).exists()


def test_a_deactivated_operator_changes_nothing(operator_blora, rutan_blora):
    operator_blora.is_active = False
    operator_blora.save()
    assert operator_blora.can_edit_unit_records(rutan_blora.pk) is False


# ----- the same table through the admin ---------------------------------------------------------------------


@pytest.mark.parametrize("person", PEOPLE)
def test_admin_list_shows_only_agreements_in_scope(request, client, agreements, person):
    client.force_login(request.getfixturevalue(person))
    response = client.get(reverse("admin:agreements_agreement_changelist"))
    assert response.status_code == 200
    page = response.text
    for key in UNITS:
        assert (subject_of(key) in page) == (key in VISIBLE[person]), key


@pytest.mark.parametrize("person", PEOPLE)
def test_admin_change_page_follows_the_role_table(request, client, agreements, person):
    client.force_login(request.getfixturevalue(person))
    for key, agreement in agreements.items():
        response = client.get(change_url(agreement), follow=True)
        page = response.text
        if key not in VISIBLE[person]:
            # Outside the scope the agreement does not exist for this user: back to the index, subject never shown.
            assert response.redirect_chain == [(reverse("admin:index"), 302)], key
            assert f"dengan ID “{agreement.pk}” tidak ada" in page
            assert subject_of(key) not in page
        elif key in EDITABLE[person]:
            assert response.redirect_chain == [], key
            assert 'value="Simpan"' in page, key
        else:
            assert response.redirect_chain == [], key
            assert subject_of(key) in page
            assert 'value="Simpan"' not in page, key


def test_kepala_cannot_save_changes(client, agreements, kepala_blora):
    client.force_login(kepala_blora)
    blora = agreements["rutan_blora"]
    response = client.post(change_url(blora), {"subject": "Diubah oleh kepala"})
    assert response.status_code == 403
    blora.refresh_from_db()
    assert blora.subject == subject_of("rutan_blora")


def test_operator_cannot_save_changes_to_the_kanwil_agreement(client, agreements, operator_blora):
    client.force_login(operator_blora)
    kanwil = agreements["kanwil_jateng"]
    response = client.post(change_url(kanwil), {"subject": "Diubah oleh UPT"})
    assert response.status_code == 403
    kanwil.refresh_from_db()
    assert kanwil.subject == subject_of("kanwil_jateng")


def test_operator_cannot_save_changes_to_another_upt_agreement(client, agreements, operator_blora):
    client.force_login(operator_blora)
    kudus = agreements["rutan_kudus"]
    response = client.post(change_url(kudus), {"subject": "Diubah oleh Blora"})
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    kudus.refresh_from_db()
    assert kudus.subject == subject_of("rutan_kudus")


def history_url(agreement):
    return reverse("admin:agreements_agreement_history", args=[agreement.pk])


def revert_url(agreement):
    """simple_history's page showing one past version, with its "revert" form."""
    return reverse("admin:agreements_agreement_simple_history", args=[agreement.pk, agreement.history.first().pk])


def revert_data(agreement, **changes):
    data = {
        "kind": agreement.kind,
        "subject": agreement.subject,
        "unit": agreement.unit_id,
        "signed_on": agreement.signed_on.isoformat(),
        "our_signatory_name": agreement.our_signatory_name,
        "ends_on": agreement.ends_on.isoformat(),
    }
    data.update(changes)
    return data


def test_history_pages_of_another_upt_agreement_are_hidden(client, agreements, operator_blora):
    client.force_login(operator_blora)
    kudus = agreements["rutan_kudus"]
    for url in (history_url(kudus), revert_url(kudus)):
        response = client.get(url, follow=True)
        assert response.redirect_chain == [(reverse("admin:index"), 302)], url
        assert subject_of("rutan_kudus") not in response.text


def test_another_upt_cannot_take_over_an_agreement_through_its_history(client, agreements, operator_blora, rutan_blora):
    client.force_login(operator_blora)
    kudus = agreements["rutan_kudus"]
    response = client.post(revert_url(kudus), revert_data(kudus, subject="Diambil alih", unit=rutan_blora.pk))
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    kudus.refresh_from_db()
    assert (kudus.subject, kudus.unit_id) == (subject_of("rutan_kudus"), agreements["rutan_kudus"].unit_id)


def test_kepala_reads_history_but_cannot_revert(client, agreements, kepala_blora):
    client.force_login(kepala_blora)
    blora = agreements["rutan_blora"]
    assert client.get(history_url(blora)).status_code == 200
    assert client.get(revert_url(blora)).status_code == 200

    response = client.post(revert_url(blora), revert_data(blora, subject="Diubah lewat riwayat"))
    assert response.status_code == 403
    blora.refresh_from_db()
    assert blora.subject == subject_of("rutan_blora")


def test_operator_may_revert_own_agreement(client, agreements, operator_blora):
    # The counterpart of the test above: the revert form does save for someone allowed to change the agreement.
    client.force_login(operator_blora)
    blora = agreements["rutan_blora"]
    response = client.post(revert_url(blora), revert_data(blora, subject="Dikembalikan oleh operator"))
    assert response.status_code == 302
    blora.refresh_from_db()
    assert blora.subject == "Dikembalikan oleh operator"


def test_kepala_cannot_add_agreements(client, kepala_blora, operator_blora):
    client.force_login(kepala_blora)
    assert client.get(reverse("admin:agreements_agreement_add")).status_code == 403
    client.force_login(operator_blora)
    assert client.get(reverse("admin:agreements_agreement_add")).status_code == 200


def test_documents_programs_and_pickers_stay_in_scope(client, agreements, operator_blora):
    for key, agreement in agreements.items():
        AgreementDocumentFactory(agreement=agreement, title=f"Naskah {subject_of(key)}")
        AgreementProgramFactory(agreement=agreement, notes=f"Program {subject_of(key)}")
    client.force_login(operator_blora)

    documents = client.get(reverse("admin:agreements_agreementdocument_changelist")).text
    programs = client.get(reverse("admin:programs_agreementprogram_changelist")).text
    # The "perjanjian induk" picker searches agreements too.
    picker = client.get(
        reverse("admin:autocomplete"),
        {"term": "Kerja sama", "app_label": "agreements", "model_name": "agreement", "field_name": "parent"},
    )
    assert picker.status_code == 200
    picked = " ".join(result["text"] for result in picker.json()["results"])
    for key in UNITS:
        visible = key in VISIBLE["operator_blora"]
        assert (f"Naskah {subject_of(key)}" in documents) == visible, key
        assert (f"{subject_of(key)}<" in programs) == visible, key
        assert (subject_of(key) in picked) == visible, key


# ----- shared national lists: partners and the program catalogue ------------------------------------------


@pytest.mark.parametrize("person", PEOPLE)
def test_partners_and_catalogue_are_readable_by_everyone_signed_in(request, client, person):
    partner = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    program = ProgramFactory(name="Program uji pembinaan kerohanian")
    user = request.getfixturevalue(person)

    assert list(Partner.objects.for_user(user)) == list(Partner.objects.all())
    assert Program.objects.for_user(user).count() == Program.objects.count()
    assert ProgramCategory.objects.for_user(user).count() == ProgramCategory.objects.count()

    client.force_login(user)
    partners_page = client.get(reverse("admin:partners_partner_changelist"))
    assert partners_page.status_code == 200
    assert partner.name in partners_page.text
    programs_page = client.get(reverse("admin:programs_program_changelist"))
    assert programs_page.status_code == 200
    assert program.name in programs_page.text
    assert client.get(reverse("admin:programs_programcategory_changelist")).status_code == 200


def test_anonymous_is_sent_to_login(client):
    PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    assert not Partner.objects.for_user(AnonymousUser()).exists()
    assert not Program.objects.for_user(AnonymousUser()).exists()

    for name in [
        "admin:agreements_agreement_changelist",
        "admin:partners_partner_changelist",
        "admin:programs_program_changelist",
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("admin:login") + "?next="), name

    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")
