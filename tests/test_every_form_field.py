"""Every choice in every form is scoped: each foreign-key or many-to-many field of every app form and every admin
form is posted a record the user may not use there, and the post must be refused with nothing changed.

`test_every_relational_field_is_covered` finds the fields by itself: it imports every module of Sinergi's apps
and walks every form class defined there, and it builds every admin form (and inline) registered on the admin
site, as `tests/test_every_url.py` walks the URL resolver. A form field added to a record without a case in
COVERED fails it, so a new picker cannot open a way into another unit's records unnoticed. Filter forms (the
lists' FilterSets) only narrow what the user reads and are not walked.

Operators and heads of unit have no admin (sinergi/admin.py says why): every admin field is refused to them
with 403, and the administrator's forms still check the rules that apply to everyone (the kinds and units an
agreement may link to, a unit's parent).
"""

import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import FieldDoesNotExist
from django.test import RequestFactory
from django.urls import reverse

from agreements.cascade_forms import CeremonyRowForm
from agreements.models import Agreement, AgreementDocument, AgreementParty, FollowUp
from partners.models import Partner, PartnerCorrection
from programs.models import Activity, AgreementProgram, Program
from tests.factories import (
    ActivityFactory,
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramCategoryFactory,
    ProgramFactory,
    UserFactory,
)
from tests.test_register_agreement import agreement_data, formset, party
from units.models import Unit, User

pytestmark = pytest.mark.django_db

APPS = ["sinergi", "units", "partners", "programs", "agreements", "monitoring"]


# ----- finding every relational form field ----------------------------------------------------------------------


def app_form_classes():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if not {".migrations", ".management"} & {f".{part}" for part in module.name.split(".")}:
                importlib.import_module(module.name)
    seen, pending = set(), [forms.BaseForm]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                pending.append(sub)
    return sorted((cls for cls in seen if cls.__module__.split(".")[0] in APPS), key=lambda c: c.__qualname__)


def relational_fields(form_class, model, skip=()):
    """The fields of `form_class` that choose a record: the model's relations, and any field with a queryset."""
    names = []
    for name, field in form_class.base_fields.items():
        if name in skip:
            continue
        try:
            model_field = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:  # a form-only field (confirmation boxes, uploads)
            model_field = None
        # Reverse relations (auto-created) are no field of the record; a form field may only share their name.
        is_relation = model_field is not None and model_field.is_relation and not model_field.auto_created
        if is_relation or hasattr(field, "queryset"):
            names.append(name)
    return names


def administrator_request():
    request = RequestFactory().get("/admin/")
    request.user = User(username="walker", role=User.Role.ADMINISTRATOR, is_superuser=True, is_staff=True)
    return request


def found_fields():
    found = set()
    for form_class in app_form_classes():
        model = getattr(getattr(form_class, "_meta", None), "model", None)
        for name in relational_fields(form_class, model):
            found.add(f"app {form_class.__module__}.{form_class.__qualname__}.{name}")
    request = administrator_request()
    for model, model_admin in admin.site._registry.items():
        # The add form, and the change form of an (unsaved) record: fields read-only on change drop out there.
        for obj in (None, model()):
            if obj is None and not model_admin.has_add_permission(request):
                continue
            label = model._meta.label
            for name in relational_fields(model_admin.get_form(request, obj), model):
                found.add(f"admin {label}.{name}")
            for formset_class, inline in model_admin.get_formsets_with_inlines(request, obj):
                for name in relational_fields(formset_class.form, inline.model, skip={formset_class.fk.name}):
                    found.add(f"admin {label}>{inline.model._meta.label}.{name}")
    return found


# ----- the world: two UPTs under one Kanwil, a national MoU, each UPT's PKS with everything under it ----------


@pytest.fixture
def w(ditjenpas, kanwil_jateng, kanwil_jatim, rutan_blora, rutan_kudus, lapas_surabaya):
    national_mou = AgreementFactory(unit=ditjenpas, kind=Agreement.Kind.MOU, subject="MoU nasional")
    world = SimpleNamespace(
        national_mou=national_mou,
        jatim_mou=AgreementFactory(unit=kanwil_jatim, kind=Agreement.Kind.MOU, subject="MoU Kanwil Jatim"),
        rutan_blora=rutan_blora,
        rutan_kudus=rutan_kudus,
        operator_kudus=UserFactory(username="operator.kudus", unit=rutan_kudus, role=User.Role.OPERATOR),
        kepala_kudus=UserFactory(username="kepala.kudus", unit=rutan_kudus, role=User.Role.KEPALA),
        operator_pusat=UserFactory(username="pusat", unit=ditjenpas, role=User.Role.OPERATOR),
        administrator=UserFactory(username="admin", role=User.Role.ADMINISTRATOR, is_superuser=True),
        kemenag=PartnerFactory(name="Kantor Kementerian Agama Kabupaten Kudus"),
        retired=ProgramFactory(name="Program yang sudah tidak dipakai", is_active=False),
        surabaya=lapas_surabaya,
    )
    for key, unit in (("blora", rutan_blora), ("kudus", rutan_kudus)):
        agreement = AgreementFactory(unit=unit, parent=national_mou, subject=f"PKS {key}", number=f"NO-{key}")
        row = AgreementProgramFactory(agreement=agreement)
        AgreementPartyFactory(agreement=agreement, partner=world.kemenag)
        setattr(
            world,
            key,
            SimpleNamespace(
                agreement=agreement,
                row=row,
                activity=ActivityFactory(agreement_program=row),
                document=AgreementDocumentFactory(agreement=agreement, title=f"Naskah {key}"),
            ),
        )
    world.branch = PartnerFactory(name="KUA Kecamatan Kota Kudus", parent=world.kemenag)
    return world


def state():
    """Everything a misplaced choice could change."""
    return (
        sorted(Agreement.objects.values_list("pk", "unit_id", "parent_id", "renews_id", "subject")),
        sorted(AgreementDocument.objects.values_list("pk", "agreement_id")),
        sorted(AgreementParty.objects.values_list("pk", "agreement_id", "partner_id")),
        sorted(AgreementProgram.objects.values_list("pk", "agreement_id", "program_id")),
        sorted(Activity.objects.values_list("pk", "agreement_program_id", "unit_id", "title")),
        sorted(FollowUp.objects.values_list("pk", "agreement_id", "unit_id")),
        sorted(Unit.objects.values_list("pk", "parent_id")),
        sorted(User.objects.values_list("pk", "unit_id")),
        sorted(Partner.objects.values_list("pk", "parent_id")),
        sorted(Program.objects.values_list("pk", "category_id")),
        sorted(Group.objects.values_list("pk", "permissions")),
    )


def refused(client, user, url, data, *, status=200, says=""):
    """`user` posts `data` to `url`: the page answers `status` (200: the form again, with `says`) and nothing
    changed."""
    before = state()
    client.force_login(user)
    response = client.post(url, data)
    assert response.status_code == status, url
    if says:
        assert says in response.content.decode()
    assert state() == before, "refused, yet something changed"


CREATE = reverse("agreements:create")
INVALID = "Masukkan pilihan yang valid"


def pks_data(**overrides):
    return agreement_data([party(Partner.objects.get(name="Kantor Kementerian Agama Kabupaten Kudus"))], **overrides)


# ----- the app's forms ------------------------------------------------------------------------------------------


def agreement_unit(client, w):
    # An operator's unit is fixed: a posted unit is ignored, and the agreement is its own unit's.
    client.force_login(w.operator_kudus)
    before = Agreement.objects.filter(unit=w.rutan_blora).count()
    assert client.post(CREATE, pks_data(unit=w.rutan_blora.pk, number="")).status_code == 302
    assert Agreement.objects.filter(unit=w.rutan_blora).count() == before
    assert Agreement.objects.latest("pk").unit == w.rutan_kudus
    # An administrator types a unit; one that does not exist is refused.
    refused(client, w.administrator, CREATE, pks_data(unit="Rutan Kelas IIB Atlantis"), says=INVALID)


def agreement_parent(client, w):
    cases = [
        ({"parent": w.blora.agreement.pk}, INVALID),  # another UPT's: not even readable
        ({"parent": w.jatim_mou.pk}, INVALID),  # another region's MoU
        ({"parent": w.kudus.agreement.pk}, "Induk sebuah PKS harus berupa nota kesepahaman (MoU)"),
        ({"kind": "adendum", "parent": w.national_mou.pk}, "Adendum harus dicatat oleh unit pemilik"),
        ({"kind": "mou", "parent": w.national_mou.pk}, "Nota kesepahaman tidak bernaung di bawah perjanjian lain"),
    ]
    for overrides, message in cases:
        refused(client, w.operator_kudus, CREATE, pks_data(**overrides), says=message)


def agreement_renews(client, w):
    cases = [
        ({"renews": w.national_mou.pk}, "Perjanjian yang dilanjutkan harus sejenis"),
        ({"kind": "mou", "renews": w.national_mou.pk}, "Perjanjian yang dilanjutkan harus milik unit yang sama."),
        ({"renews": w.blora.agreement.pk}, INVALID),
        ({"renews": "NO-blora"}, INVALID),  # typed as Blora's number
    ]
    for overrides, message in cases:
        refused(client, w.operator_kudus, CREATE, pks_data(**overrides), says=message)


def party_partner(client, w):
    # The partner directory is national: any registered partner may sign. One not registered is refused.
    for typed in ("Instansi yang tidak terdaftar", str(w.kemenag.pk)):
        data = agreement_data([{**party(w.kemenag), "partner": typed}])
        refused(client, w.operator_kudus, CREATE, data, says="belum terdaftar")


def program_program(client, w):
    data = pks_data(**formset("programs", [{"program": w.retired.pk, "target_group": "narapidana"}]))
    refused(client, w.operator_kudus, CREATE, data, says=INVALID)


def activity_form(row):
    return {"agreement_program": row.pk, "starts_on": "2025-03-01", "title": "Kegiatan", "narapidana": "10"}


def activity_agreement_program(client, w):
    create = reverse("programs:activity_create", args=[w.kudus.row.pk])
    refused(client, w.operator_kudus, create, activity_form(w.blora.row), says=INVALID)
    update = reverse("programs:activity_update", args=[w.kudus.activity.pk])
    refused(client, w.operator_kudus, update, activity_form(w.blora.row), says=INVALID)


def partner_parent(client, w):
    url = reverse("partners:update", args=[w.kemenag.pk])
    data = {"name": w.kemenag.name, "sector": w.kemenag.sector, "level": w.kemenag.level}
    data.update(formset("contacts", []))
    # Ditjenpas curates the directory, so its operator may change the parent: within the rules.
    refused(client, w.operator_pusat, url, {**data, "parent": "Instansi yang tidak terdaftar"}, says="belum terdaftar")
    refused(client, w.operator_pusat, url, {**data, "parent": w.branch.name}, says="Induk tidak boleh cabang")
    # Another unit's agreement uses this partner: for Kudus its identity (the parent too) is locked.
    client.force_login(w.operator_kudus)
    client.post(url, {**data, "parent": "Instansi yang tidak terdaftar"})
    w.kemenag.refresh_from_db()
    assert w.kemenag.parent_id is None


def correction_parent(client, w):
    url = reverse("partners:propose", args=[w.kemenag.pk])
    data = {"name": w.kemenag.name, "sector": w.kemenag.sector, "level": w.kemenag.level, "reason": "Salah tulis"}
    proposals = PartnerCorrection.objects.count()
    refused(client, w.operator_kudus, url, {**data, "parent": "Instansi yang tidak terdaftar"}, says="belum terdaftar")
    refused(client, w.operator_kudus, url, {**data, "parent": w.branch.name}, says="Induk tidak boleh cabang")
    assert PartnerCorrection.objects.count() == proposals


def cascade_units(client, w):
    # A national agreement is passed on to UPT only: a Kanwil is no "unit" of the list, a UPT no "Kanwil".
    url = reverse("agreements:cascade", args=[w.national_mou.pk])
    refused(client, w.operator_pusat, url, {"scope": "list", "units": [w.jatim_mou.unit_id]}, status=400)
    refused(client, w.operator_pusat, url, {"scope": "kanwil", "kanwil": [w.rutan_kudus.pk]}, status=400)


def ceremony_row_programs(client, w):
    # A ceremony's row offers the active programs of the catalogue only.
    form = CeremonyRowForm(data={"programs": [w.retired.pk]})
    assert not form.is_valid() and "programs" in form.errors


# ----- the admin: closed to operators and heads; the administrator's forms keep the rules for everyone ----------


def admin_change(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def closed_to_operators(url, data):
    """A case: the Kudus operator, its head and Ditjenpas's operator post it, and get 403."""

    def case(client, w):
        for user in (w.operator_kudus, w.kepala_kudus, w.operator_pusat):
            refused(client, user, url(w), data(w), status=403)

    return case


def and_then(*cases):
    def case(client, w):
        for each in cases:
            each(client, w)

    return case


def administrator_form(model, obj, data):
    """The administrator's admin form for `obj` (None: the add form), bound to `data`."""
    request = RequestFactory().post("/admin/")
    request.user = User.objects.get(username="admin")
    form_class = admin.site._registry[model].get_form(request, obj)
    return form_class(data, instance=obj)


def agreement_admin_data(agreement, **overrides):
    fields = ["kind", "subject", "unit", "number", "signed_on", "our_signatory_name", "ends_on"]
    return {**{name: getattr(agreement, name) for name in fields}, "unit": agreement.unit_id, **overrides}


def administrator_links_follow_the_rules(client, w):
    agreement = w.kudus.agreement
    for overrides, message in [
        ({"renews": w.national_mou.pk}, "Perjanjian yang dilanjutkan harus sejenis"),
        ({"parent": w.kudus.agreement.pk}, "Perjanjian tidak dapat menjadi induk dirinya sendiri."),
        ({"parent": w.jatim_mou.pk}, "Induk sebuah PKS harus MoU milik unit ini atau unit di atasnya"),
        ({"parent": w.blora.agreement.pk}, "Induk sebuah PKS harus berupa nota kesepahaman (MoU)"),
    ]:
        form = administrator_form(Agreement, agreement, agreement_admin_data(agreement, **overrides))
        assert not form.is_valid()
        assert message in str(form.errors)


def administrator_unit_parent_follows_the_kinds(client, w):
    data = {"kind": "rutan", "grade": "IIB", "name": w.rutan_kudus.name, "parent": w.rutan_blora.pk}
    form = administrator_form(Unit, w.rutan_kudus, data)
    assert not form.is_valid()
    assert "Unit induk harus berjenis" in str(form.errors)


def inline(prefix, row, **values):
    return {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "1", f"{prefix}-0-id": row.pk, **values}


COVERED = {
    "app agreements.forms.AgreementForm.unit": agreement_unit,
    "app agreements.forms.AgreementForm.parent": agreement_parent,
    "app agreements.forms.AgreementForm.renews": agreement_renews,
    "app agreements.forms.PartyForm.partner": party_partner,
    "app agreements.forms.ProgramForm.program": program_program,
    "app programs.forms.ActivityForm.agreement_program": activity_agreement_program,
    "app partners.forms.PartnerForm.parent": partner_parent,
    "app partners.forms.PartnerCorrectionForm.parent": correction_parent,
    "app agreements.cascade_forms.CascadeForm.units": cascade_units,
    "app agreements.cascade_forms.CascadeForm.kanwil": cascade_units,
    "app agreements.cascade_forms.CeremonyRowForm.programs": ceremony_row_programs,
    "admin programs.Activity.unit": closed_to_operators(
        lambda w: admin_change(w.kudus.activity), lambda w: {"unit": w.rutan_blora.pk}
    ),
    "admin agreements.Agreement.unit": closed_to_operators(
        lambda w: admin_change(w.kudus.agreement), lambda w: agreement_admin_data(w.kudus.agreement, unit=1)
    ),
    "admin agreements.Agreement.parent": and_then(
        closed_to_operators(
            lambda w: admin_change(w.kudus.agreement),
            lambda w: agreement_admin_data(w.kudus.agreement, parent=w.blora.agreement.pk),
        ),
        administrator_links_follow_the_rules,
    ),
    "admin agreements.Agreement.renews": and_then(
        closed_to_operators(
            lambda w: admin_change(w.kudus.agreement),
            lambda w: agreement_admin_data(w.kudus.agreement, renews=w.national_mou.pk),
        ),
        administrator_links_follow_the_rules,
    ),
    "admin agreements.Agreement>agreements.AgreementParty.partner": closed_to_operators(
        lambda w: admin_change(w.kudus.agreement),
        lambda w: inline("parties", w.kudus.agreement.parties.get(), partner=w.branch.pk),
    ),
    "admin agreements.Agreement>programs.AgreementProgram.program": closed_to_operators(
        lambda w: admin_change(w.kudus.agreement), lambda w: inline("programs", w.kudus.row, program=w.retired.pk)
    ),
    "admin programs.AgreementProgram.program": closed_to_operators(
        lambda w: admin_change(w.kudus.row), lambda w: {"program": w.retired.pk, "agreement": w.blora.agreement.pk}
    ),
    "admin programs.Activity.agreement_program": closed_to_operators(
        lambda w: reverse("admin:programs_activity_add"), lambda w: activity_form(w.blora.row)
    ),
    "admin partners.Partner.parent": closed_to_operators(
        lambda w: admin_change(w.kemenag), lambda w: {"name": w.kemenag.name, "parent": w.branch.pk}
    ),
    "admin units.Unit.parent": and_then(
        closed_to_operators(lambda w: admin_change(w.rutan_kudus), lambda w: {"parent": w.surabaya.pk}),
        administrator_unit_parent_follows_the_kinds,
    ),
    "admin units.User.unit": closed_to_operators(
        lambda w: admin_change(w.operator_kudus), lambda w: {"unit": w.rutan_blora.pk}
    ),
    "admin auth.Group.permissions": closed_to_operators(
        lambda w: reverse("admin:auth_group_add"),
        lambda w: {"name": "Penyusup", "permissions": list(Permission.objects.values_list("pk", flat=True)[:3])},
    ),
    # The catalogue is national: Ditjenpas's operators may file a program under any category; others may not.
    "admin programs.Program.category": lambda client, w: [
        refused(client, user, admin_change(w.retired), {"name": "Pindah", "category": other.pk}, status=403)
        for user in (w.operator_kudus, w.kepala_kudus)
        for other in [ProgramCategoryFactory(name="Pembinaan kemandirian")]
    ],
}


def test_every_relational_field_is_covered():
    found = found_fields()
    assert found - set(COVERED) == set(), "new fields that choose a record: add a case to COVERED"
    assert set(COVERED) - found == set(), "fields gone: remove their cases from COVERED"


@pytest.mark.parametrize("key", list(COVERED))
def test_a_record_the_user_may_not_use_is_refused(client, w, key):
    COVERED[key](client, w)
