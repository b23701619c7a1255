"""Every admin page opens: lists, add forms, change forms and history, for every registered model."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse
from django_tasks_db.models import DBTaskResult, get_date_max

from agreements.models import Agreement, FollowUp, SigningEvent, SigningEventFile, VerificationStep
from exchange.models import ImportJob
from monitoring.models import Notification
from partners.models import PartnerCorrection
from tests.factories import (
    ActivityEvidenceFactory,
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramCategoryFactory,
    ProgramFactory,
    UnitFactory,
)
from units.models import Unit

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# The admin is the administrators': operators and heads of unit do every task on the app's pages. Ditjenpas's
# operators keep the program catalogue here, since it has no page of its own. Test accounts are staff, like
# accounts made before this rule: the role decides, not the staff flag.
CATALOGUE = {"programs.ProgramCategory", "programs.Program"}
MODULES_OF = {"operator_blora": set(), "kepala_blora": set(), "operator_pusat": CATALOGUE}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def request_as(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.fixture
def one_of_each(rutan_blora, operator_blora):
    """One object of every model the admin shows, with the related rows its change page lists."""
    agreement = AgreementFactory(unit=rutan_blora, subject="Pembinaan kerohanian warga binaan")
    AgreementPartyFactory(agreement=agreement)
    category = ProgramCategoryFactory(name="Pembinaan uji")
    agreement_program = AgreementProgramFactory(agreement=agreement, program=ProgramFactory(category=category))
    document = AgreementDocumentFactory(agreement=agreement, title="Naskah PKS")
    activity = ActivityEvidenceFactory(activity__agreement_program=agreement_program).activity
    partner = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    partner.contacts.create(name="Roziqun", position="Kepala Kantor")
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="monitoring.tasks.tidak_ada",
        backend_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )
    login = {
        "username": "operator.blora",
        "ip_address": "10.12.0.31",
        "user_agent": "Mozilla/5.0",
        "http_accept": "text/html",
        "path_info": "/akun/login/",
    }
    event = SigningEvent.objects.create(
        name="Penandatanganan bersama (contoh)", held_on=datetime.date(2025, 7, 1), is_virtual=True, unit=rutan_blora
    )
    event_file = SigningEventFile.objects.create(
        event=event, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="notulen.pdf"), original_name="notulen.pdf"
    )
    objects = [
        event,
        FollowUp.objects.create(agreement=agreement, unit=rutan_blora),
        VerificationStep.objects.create(agreement=agreement, action="verified", actor=operator_blora),
        PartnerCorrection.objects.create(
            partner=partner,
            name=f"{partner.name} (usulan)",
            sector=partner.sector,
            level=partner.level,
            original=PartnerCorrection.identity_of(partner),
            proposed_by=operator_blora,
            unit=rutan_blora,
        ),
        ImportJob.objects.create(
            requested_by=operator_blora,
            kind=ImportJob.Kind.AGREEMENTS,
            file=ContentFile(b"Nomor,Jenis\n", name="register.csv"),
            original_name="register.csv",
            status=ImportJob.State.DONE,
        ),
        Notification.objects.create(recipient=operator_blora, kind="ending", subject="Perjanjian segera berakhir"),
        AccessAttempt.objects.create(**login, get_data="", post_data="", failures_since_start=5),
        AccessLog.objects.create(**login),
        AccessFailureLog.objects.create(**login, locked_out=True),
        agreement,
        agreement_program,
        activity,
        document,
        partner,
        agreement_program.program,
        agreement_program.program.category,
        rutan_blora,
        operator_blora,
        Group.objects.create(name="Pengelola"),
        task,
    ]
    assert event_file.event == event  # shown inline on the event's page
    return {obj._meta.label: obj for obj in objects}


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_admin_page_opens_for_the_administrator(client, admin_pusat, one_of_each, model):
    assert model._meta.label in one_of_each, "a new model in the admin: add one object of it to one_of_each"
    obj = one_of_each[model._meta.label]
    model_admin = admin.site._registry[model]
    client.force_login(admin_pusat)

    changelist = client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert admin_url(model, "change", obj.pk) in changelist.text

    add = client.get(admin_url(model, "add"))
    assert add.status_code == (200 if model_admin.has_add_permission(request_as(admin_pusat)) else 403)

    change = client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    assert str(obj) in change.text

    history = client.get(admin_url(model, "history", obj.pk))
    assert history.status_code == 200
    if hasattr(model, "history"):
        version = obj.history.first()
        page = client.get(admin_url(model, "simple_history", obj.pk, version.pk))
        assert page.status_code == 200


def test_account_password_page_opens(client, admin_pusat, operator_blora):
    client.force_login(admin_pusat)
    # Django names this page after auth.User whatever the user model is.
    response = client.get(reverse("admin:auth_user_password_change", args=[operator_blora.pk]))
    assert response.status_code == 200
    assert "operator.blora" in response.text


@pytest.mark.parametrize("person", list(MODULES_OF))
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_operators_and_heads_open_no_admin_page_but_the_catalogue(client, request, one_of_each, model, person):
    client.force_login(request.getfixturevalue(person))
    obj = one_of_each[model._meta.label]
    opens = model._meta.label in MODULES_OF[person]
    assert client.get(admin_url(model, "changelist")).status_code == (200 if opens else 403)
    assert client.get(admin_url(model, "change", obj.pk)).status_code == (200 if opens else 403)
    index = client.get(reverse("admin:index")).text
    assert (admin_url(model, "changelist") in index) == opens


@pytest.mark.parametrize("person", list(MODULES_OF))
def test_the_admin_autocomplete_answers_no_operator(client, request, rutan_blora, person):
    AgreementFactory(unit=rutan_blora, kind=Agreement.Kind.MOU, subject="MoU Blora")
    client.force_login(request.getfixturevalue(person))
    params = {"app_label": "agreements", "model_name": "agreement", "field_name": "parent", "term": "MoU"}
    assert client.get(reverse("admin:autocomplete"), params).status_code == 403


# ----- the agreements list: dates in Indonesian, status at a glance, a fixed number of queries --------------


@pytest.fixture
def mid_2025():
    with time_machine.travel(datetime.datetime(2025, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield


def test_agreement_list_reads_as_an_indonesian_register(client, admin_pusat, rutan_blora, mid_2025):
    AgreementFactory(
        unit=rutan_blora,
        subject="Pembinaan kerohanian warga binaan",
        signed_on=datetime.date(2024, 12, 30),
        ends_on=datetime.date(2027, 12, 31),
    )
    AgreementFactory(
        unit=rutan_blora,
        subject="Pelatihan las",
        signed_on=datetime.date(2023, 1, 2),
        ends_on=datetime.date(2025, 1, 1),
    )
    client.force_login(admin_pusat)
    page = client.get(reverse("admin:agreements_agreement_changelist")).text

    assert "30 Desember 2024" in page
    assert "31 Desember 2027" in page
    assert '<span class="status status-in_force">Berlaku</span>' in page
    assert '<span class="status status-ended">Berakhir</span>' in page
    assert 'class="toplinks"' in page
    assert "?signed_on__year=2024" in page
    assert "?signed_on__year=2023" in page


def make_agreements(count, units):
    for n in range(count):
        agreement = AgreementFactory(unit=units[n % len(units)], subject=f"Kerja sama nomor {n}")
        AgreementPartyFactory(agreement=agreement)
        AgreementPartyFactory(agreement=agreement, order=1)


def test_agreement_list_queries_do_not_grow_with_rows(
    client, admin_pusat, kanwil_jateng, django_assert_max_num_queries
):
    units = [
        UnitFactory(name=f"Rutan Kelas IIB Uji {n}", kind=Unit.Kind.RUTAN, grade="IIB", parent=kanwil_jateng)
        for n in range(3)
    ]
    url = reverse("admin:agreements_agreement_changelist")
    client.force_login(admin_pusat)
    client.get(url)  # the first request of a session fills caches that later requests reuse

    make_agreements(5, units)
    with django_assert_max_num_queries(15) as five:
        page = client.get(url).text
    assert page.count('class="status status-') == 5

    make_agreements(25, units)
    with django_assert_max_num_queries(15) as thirty:
        page = client.get(url).text
    assert page.count('class="status status-') == 30
    assert Agreement.objects.count() == 30

    assert len(thirty.captured_queries) == len(five.captured_queries)


def test_catalogue_lists_open_for_the_administrator(client, admin_pusat):
    # The program catalogue comes from a data migration; its admin lists must cope with the full set.
    ProgramFactory(category=ProgramCategoryFactory(name="Pembinaan kemandirian"), name="Pelatihan menjahit")
    client.force_login(admin_pusat)
    assert "Pelatihan menjahit" in client.get(reverse("admin:programs_program_changelist")).text
    assert "Pembinaan kemandirian" in client.get(reverse("admin:programs_programcategory_changelist")).text


def test_ditjenpas_operator_adds_programs_to_a_category_but_a_upt_operator_cannot_open_it(
    client, operator_pusat, operator_blora
):
    from programs.models import ProgramCategory

    category = ProgramCategory.objects.get(name="Pembinaan kepribadian")
    url = admin_url(ProgramCategory, "change", category.pk)

    client.force_login(operator_pusat)
    page = client.get(url).content.decode()
    assert 'name="programs-__prefix__-name"' in page  # the "add another program" row of the inline

    client.force_login(operator_blora)
    assert client.get(url).status_code == 403
