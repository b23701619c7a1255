"""Who sees and who changes which agreements: the role table, in querysets, and the admin closed to all but the
administrator.

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


# ----- the admin: the administrators' alone; the pages above carry the table for everyone else ---------------


@pytest.mark.parametrize("person", PEOPLE)
def test_admin_list_and_change_pages_open_only_for_the_administrator(request, client, agreements, person):
    user = request.getfixturevalue(person)
    client.force_login(user)
    response = client.get(reverse("admin:agreements_agreement_changelist"))
    assert response.status_code == (200 if user.is_administrator else 403)
    for key, agreement in agreements.items():
        response = client.get(change_url(agreement))
        if user.is_administrator:
            assert response.status_code == 200
            assert 'value="Simpan"' in response.text, key
        else:
            # In scope or not, the same answer: an operator cannot even learn whether the agreement exists.
            assert response.status_code == 403, key
            assert subject_of(key) not in response.text


@pytest.mark.parametrize("person", ["operator_blora", "kepala_blora", "operator_pusat"])
def test_operators_and_heads_cannot_save_through_the_admin(client, request, agreements, person):
    client.force_login(request.getfixturevalue(person))
    for key, agreement in agreements.items():
        response = client.post(change_url(agreement), {"subject": "Diubah lewat admin"})
        assert response.status_code == 403, key
    assert not Agreement.objects.filter(subject="Diubah lewat admin").exists()


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


def test_history_pages_are_closed_to_operators(client, agreements, operator_blora):
    client.force_login(operator_blora)
    for key in ("rutan_blora", "rutan_kudus"):
        for url in (history_url(agreements[key]), revert_url(agreements[key])):
            response = client.get(url, follow=True)
            assert response.status_code == 403 or response.redirect_chain == [(reverse("admin:index"), 302)], url
            assert subject_of(key) not in response.text


def test_no_one_but_the_administrator_reverts_through_the_history(
    client, agreements, operator_blora, kepala_blora, rutan_blora
):
    kudus, blora = agreements["rutan_kudus"], agreements["rutan_blora"]
    for user in (operator_blora, kepala_blora):
        client.force_login(user)
        client.post(revert_url(kudus), revert_data(kudus, subject="Diambil alih", unit=rutan_blora.pk))
        assert client.post(revert_url(blora), revert_data(blora, subject="Diubah lewat riwayat")).status_code == 403
    kudus.refresh_from_db()
    blora.refresh_from_db()
    assert (kudus.subject, kudus.unit_id) == (subject_of("rutan_kudus"), agreements["rutan_kudus"].unit_id)
    assert blora.subject == subject_of("rutan_blora")


def test_the_administrator_may_revert(client, agreements, admin_pusat):
    # The counterpart of the test above: the revert form does save for someone allowed to change the agreement.
    client.force_login(admin_pusat)
    blora = agreements["rutan_blora"]
    response = client.post(revert_url(blora), revert_data(blora, subject="Dikembalikan oleh administrator"))
    assert response.status_code == 302
    blora.refresh_from_db()
    assert blora.subject == "Dikembalikan oleh administrator"


def test_only_the_administrator_adds_agreements_in_the_admin(client, kepala_blora, operator_blora, admin_pusat):
    for user, status in ((kepala_blora, 403), (operator_blora, 403), (admin_pusat, 200)):
        client.force_login(user)
        assert client.get(reverse("admin:agreements_agreement_add")).status_code == status


def test_documents_programs_and_pickers_of_the_admin_answer_no_operator(client, agreements, operator_blora):
    for key, agreement in agreements.items():
        AgreementDocumentFactory(agreement=agreement, title=f"Naskah {subject_of(key)}")
        AgreementProgramFactory(agreement=agreement, notes=f"Program {subject_of(key)}")
    client.force_login(operator_blora)
    assert client.get(reverse("admin:agreements_agreementdocument_changelist")).status_code == 403
    assert client.get(reverse("admin:programs_agreementprogram_changelist")).status_code == 403
    picker = client.get(
        reverse("admin:autocomplete"),
        {"term": "Kerja sama", "app_label": "agreements", "model_name": "agreement", "field_name": "parent"},
    )
    assert picker.status_code == 403


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
    assert partner.name in client.get(reverse("partners:list")).text
    assert program.name in client.get(reverse("programs:catalogue")).text


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
