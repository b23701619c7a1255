"""Every URL of Sinergi, visited as every role: who gets the page, who gets 403 (in scope, read-only), who gets
404 (out of scope: another unit's record is never admitted to exist) and who is sent to sign in.

The table URLS below names every URL pattern of the app's own urlconfs; `test_every_url_pattern_is_in_the_table`
walks the resolver and fails when a pattern is added (or removed) without updating the table, so the matrix
cannot go stale. Each page visited is also searched for the subjects and activity titles of records the visitor
may not read, PDFs included (their HTML is captured before printing).

The world (six units, one account per role, one agreement per owner with a party, a program, a signed scan and
an activity with a photo) is built once for the module inside a transaction that is rolled back at the end;
each test runs in its own savepoint within it. Units and accounts mirror tests/conftest.py, whose fixtures are
function-scoped and so cannot feed a module-scoped world.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfWriter

from agreements.models import Agreement, AgreementDocument, FollowUp, SigningEvent, SigningEventFile
from exchange.models import ColumnMapping, ImportJob
from monitoring.models import RegisterExport
from partners.models import PartnerCorrection
from programs.models import Activity, ActivityEvidence
from tests.factories import (
    ActivityEvidenceFactory,
    ActivityFactory,
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramFactory,
    UnitFactory,
    UserFactory,
    png_bytes,
)
from units.models import Unit, User

pytestmark = pytest.mark.django_db


def blank_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


# A real one-page PDF: stands in for every printed document (the bundle merges it with the scan) and every scan.
PDF = blank_pdf()

# ----- who is who ----------------------------------------------------------------------------------------------

UNITS = {  # key: (name, kind, grade, parent)
    "ditjenpas": ("Direktorat Jenderal Pemasyarakatan", Unit.Kind.DITJENPAS, "", None),
    "kanwil_jateng": (
        "Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Tengah",
        Unit.Kind.KANWIL,
        "",
        "ditjenpas",
    ),
    "kanwil_jatim": ("Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Timur", Unit.Kind.KANWIL, "", "ditjenpas"),
    "rutan_blora": ("Rutan Kelas IIB Blora", Unit.Kind.RUTAN, Unit.Grade.IIB, "kanwil_jateng"),
    "rutan_kudus": ("Rutan Kelas IIB Kudus", Unit.Kind.RUTAN, Unit.Grade.IIB, "kanwil_jateng"),
    "lapas_surabaya": ("Lapas Kelas I Surabaya", Unit.Kind.LAPAS, Unit.Grade.I, "kanwil_jatim"),
}

ANONYMOUS = "anonymous"
PEOPLE = {  # role: (username, unit, role)
    "operator_blora": ("operator.blora", "rutan_blora", User.Role.OPERATOR),
    "kepala_blora": ("kepala.blora", "rutan_blora", User.Role.KEPALA),
    "operator_kudus": ("operator.kudus", "rutan_kudus", User.Role.OPERATOR),
    "kepala_kudus": ("kepala.kudus", "rutan_kudus", User.Role.KEPALA),
    "operator_kanwil_jateng": ("kanwil.jateng", "kanwil_jateng", User.Role.OPERATOR),
    "operator_kanwil_jatim": ("kanwil.jatim", "kanwil_jatim", User.Role.OPERATOR),
    "operator_pusat": ("pusat", "ditjenpas", User.Role.OPERATOR),
    "admin_pusat": ("admin", None, User.Role.ADMINISTRATOR),
}
ROLES = [ANONYMOUS, *PEOPLE]

# Whose records: each owner has one agreement (subject and activity title carry the owner's key, so a page that
# shows them where it must not is caught), signed on successive days so the newest overall is Jatim's.
OWNERS = {  # target: (owning unit, kind of agreement)
    "blora": ("rutan_blora", Agreement.Kind.PKS),
    "kudus": ("rutan_kudus", Agreement.Kind.PKS),
    "kanwil_jateng": ("kanwil_jateng", Agreement.Kind.MOU),
    "ditjenpas": ("ditjenpas", Agreement.Kind.MOU),
    "jatim": ("lapas_surabaya", Agreement.Kind.PKS),
}
TARGETS = list(OWNERS)
MOUS = {target for target, (_unit, kind) in OWNERS.items() if kind == Agreement.Kind.MOU}
EVERYTHING = set(TARGETS)

# role -> whose records it reads: its own unit's, the units above it (read-only) and the units below it.
READS = {
    ANONYMOUS: set(),
    "operator_blora": {"blora", "kanwil_jateng", "ditjenpas"},
    "kepala_blora": {"blora", "kanwil_jateng", "ditjenpas"},
    "operator_kudus": {"kudus", "kanwil_jateng", "ditjenpas"},
    "kepala_kudus": {"kudus", "kanwil_jateng", "ditjenpas"},
    "operator_kanwil_jateng": {"blora", "kudus", "kanwil_jateng", "ditjenpas"},
    "operator_kanwil_jatim": {"jatim", "ditjenpas"},
    "operator_pusat": EVERYTHING,
    "admin_pusat": EVERYTHING,
}
# role -> whose activities and follow-ups it reads: its own unit's and those of the units below it, never those
# of the units above or beside it (an activity belongs to the unit that carried it out).
OWN_SIDE = {
    ANONYMOUS: set(),
    "operator_blora": {"blora"},
    "kepala_blora": {"blora"},
    "operator_kudus": {"kudus"},
    "kepala_kudus": {"kudus"},
    "operator_kanwil_jateng": {"blora", "kudus", "kanwil_jateng"},
    "operator_kanwil_jatim": {"jatim"},
    "operator_pusat": EVERYTHING,
    "admin_pusat": EVERYTHING,
}
# The national MoU is cascaded to these units (their follow-ups are records of these targets).
FOLLOWING_UP = ("kudus", "jatim")
# role -> whose records it changes: an operator its own unit's, a kepala nothing, the administrator everything.
CHANGES = {
    ANONYMOUS: set(),
    "operator_blora": {"blora"},
    "kepala_blora": set(),
    "operator_kudus": {"kudus"},
    "kepala_kudus": set(),
    "operator_kanwil_jateng": {"kanwil_jateng"},
    "operator_kanwil_jatim": set(),  # owns no agreement in this world
    "operator_pusat": {"ditjenpas"},
    "admin_pusat": EVERYTHING,
}
# Who registers new records of their own (agreements, PKS under an MoU) and edits the shared partner directory.
REGISTERS = {"operator_blora", "operator_kudus", "operator_kanwil_jateng", "operator_kanwil_jatim", "operator_pusat"}
REGISTERS |= {"admin_pusat"}
EXPORT_OWNER = "operator_blora"

# ----- the rules: the status a signed-in role gets for one target --------------------------------------------


def signed_in(role, target):
    return 200


def reads(role, target):
    return 200 if target in READS[role] else 404


def changes(role, target):
    if target not in READS[role]:
        return 404
    return 200 if target in CHANGES[role] else 403


# role -> whose unit pages (dashboards) it opens: its own unit and the units below it, never those above.
SIDE = {
    ANONYMOUS: set(),
    "operator_blora": {"blora"},
    "kepala_blora": {"blora"},
    "operator_kudus": {"kudus"},
    "kepala_kudus": {"kudus"},
    "operator_kanwil_jateng": {"blora", "kudus", "kanwil_jateng"},
    "operator_kanwil_jatim": {"jatim"},
    "operator_pusat": EVERYTHING,
    "admin_pusat": EVERYTHING,
}


def on_its_side(role, target):
    return 200 if target in SIDE[role] else 404


def registers(role, target):
    return 200 if role in REGISTERS else 403


# role -> the targets owned by its own unit or a unit above it: a PKS of the unit may stand under their MoUs.
OWN_OR_ABOVE = {
    **READS,
    "operator_kanwil_jateng": {"kanwil_jateng", "ditjenpas"},
    "operator_pusat": {"ditjenpas"},
}


def registers_pks_under(role, target):
    """A PKS is made under an MoU of the unit's own or a unit above it, by the unit that carries it out
    (`Agreement.objects.possible_parents_for`). An administrator picks the unit on the form, so any agreement it
    reads may be a parent."""
    if role == "admin_pusat":
        return registers(role, target) if target in READS[role] else 404
    if target not in OWN_OR_ABOVE[role] or target not in MOUS:
        return 404
    return registers(role, target)


def reads_own_side(role, target):
    return 200 if target in OWN_SIDE[role] else 404


def changes_own_side(role, target):
    if target not in OWN_SIDE[role]:
        return 404
    return 200 if target in CHANGES[role] else 403


def logs_activity(role, target):
    """The agreement's operator logs activities under its programs; so does the operator of a unit asked to
    follow the national MoU up."""
    status = changes(role, target)
    if status == 403 and target == "ditjenpas" and role == "operator_kudus":
        return 200
    return status


def registers_event(role, target):
    """A ceremony is held by a unit: its operators register it (an administrator belongs to no unit)."""
    return 200 if role in REGISTERS - {"admin_pusat"} else 403


def sees_coverage(role, target):
    """The coverage matrix is for those who ask units to follow up: Kanwil, Ditjenpas and the administrator."""
    return 200 if role in ("operator_kanwil_jateng", "operator_kanwil_jatim", "operator_pusat", "admin_pusat") else 403


def requested_it(role, target):
    """A register export is its requester's; the administrator sees all, everyone else 404."""
    return 200 if role in (EXPORT_OWNER, "admin_pusat") else 404


# role -> whose agreements it verifies and evaluates: the kepala of the owning unit only.
HEADS = {"kepala_blora": {"blora"}, "kepala_kudus": {"kudus"}}


def heads(role, target):
    if target not in READS[role]:
        return 404
    return 200 if target in HEADS.get(role, set()) else 403


def nobody(role, target):
    return 404


def not_allowed(role, target):
    return 405


def proposes(role, target):
    """Any operator of a unit proposes a correction to a partner (the administrator corrects it outright)."""
    return 200 if role in REGISTERS - {"admin_pusat"} else 403


def curates(role, target):
    """The shared partner has no province: only Ditjenpas operators and administrators curate it."""
    return 200 if role in ("operator_pusat", "admin_pusat") else 404


# ----- the table: every URL pattern, how to reach it, what each role gets ------------------------------------

SIGN_IN = "sign in"  # anonymous visitors are sent to the login page
SHARED = None  # a URL about a shared record (partner, program, export), the same for every role


@dataclass(frozen=True)
class Url:
    rule: Callable[[str, str | None], int]  # (role, target) -> the status a signed-in role gets
    record: str = ""  # which of the target's records the pk is of ("" for URLs without arguments)
    extra: dict = field(default_factory=dict)  # further kwargs
    targets: tuple = (SHARED,)
    anonymous: int | str = SIGN_IN
    pdf: bool = False
    variant: str = ""

    def kwargs(self, records):
        if not self.record:
            return dict(self.extra)
        return {"pk": getattr(records, self.record).pk, **self.extra}


def of_each(rule, record, **options):
    """A URL about one of each owner's records."""
    return Url(rule, record, targets=tuple(TARGETS), **options)


URLS = {
    "home": [Url(signed_in)],
    "unit_dashboard": [of_each(on_its_side, "unit")],
    # Agreements
    "agreements:list": [Url(signed_in)],
    "agreements:create": [Url(registers)],
    "agreements:autocomplete": [Url(signed_in)],
    "agreements:detail": [of_each(reads, "agreement")],
    "agreements:update": [of_each(changes, "agreement")],
    "agreements:terminate": [of_each(changes, "agreement")],
    "agreements:create_child": [
        of_each(changes, "agreement", extra={"kind": "adendum"}, variant="adendum"),
        of_each(registers_pks_under, "agreement", extra={"kind": "pks"}, variant="pks"),
    ],
    "agreements:renew": [of_each(changes, "agreement")],
    # Verification by the unit's head: POST only, from the agreement's page (tests/test_verification.py)
    "agreements:verify": [of_each(not_allowed, "agreement", anonymous=405)],
    "agreements:return": [of_each(not_allowed, "agreement", anonymous=405)],
    "agreements:submit": [of_each(not_allowed, "agreement", anonymous=405)],
    "agreements:renewal_evaluation": [of_each(heads, "agreement")],
    "agreements:document_upload": [of_each(changes, "agreement")],
    "agreements:document_download": [of_each(reads, "document")],
    "agreements:document_withdraw": [of_each(changes, "document")],
    "agreements:summary_pdf": [of_each(reads, "agreement", pdf=True)],
    "agreements:bundle_pdf": [of_each(reads, "agreement", pdf=True)],
    "agreements:cascade": [Url(not_allowed, "agreement", targets=("ditjenpas",), anonymous=405)],
    "agreements:local_office": [
        Url(not_allowed, "agreement", extra={"partner_pk": 1}, targets=("ditjenpas",), anonymous=405)
    ],
    "agreements:follow_up": [Url(reads_own_side, "follow_up", targets=FOLLOWING_UP)],
    "agreements:event_create": [Url(registers_event)],
    "agreements:event_detail": [Url(reads, "event", targets=("ditjenpas",))],
    "agreements:event_file": [Url(reads, "event_file", targets=("ditjenpas",))],
    "agreements:register_pdf": [Url(signed_in, pdf=True)],
    "agreements:coverage": [Url(sees_coverage)],
    "agreements:coverage_pdf": [Url(sees_coverage, pdf=True)],
    "agreements:register_export": [Url(requested_it, "export")],
    "agreements:register_export_download": [Url(requested_it, "export")],
    # Partners: one national directory, read by all; operators add to it
    "partners:list": [Url(signed_in)],
    "partners:create": [Url(registers)],
    "partners:autocomplete": [Url(signed_in)],
    "unit_autocomplete": [Url(signed_in)],
    "partners:status": [Url(signed_in)],
    "partners:detail": [Url(signed_in, "partner")],
    "partners:update": [Url(registers, "partner")],
    "partners:propose": [Url(proposes, "partner")],
    "partners:merge": [Url(curates, "partner")],
    "partners:corrections": [Url(signed_in)],
    "partners:correction_decide": [Url(not_allowed, "correction")],
    "partners:status_report_pdf": [Url(signed_in, "partner", pdf=True)],
    # Programs and activities: the catalogue is national, activities belong to their agreement's unit
    "programs:catalogue": [Url(signed_in)],
    "programs:detail": [Url(signed_in, "program")],
    "programs:activity_list": [Url(signed_in)],
    "programs:activity_detail": [of_each(reads_own_side, "activity")],
    "programs:activity_update": [of_each(changes_own_side, "activity")],
    "programs:activity_cancel": [of_each(changes_own_side, "activity")],
    "programs:activity_create": [of_each(logs_activity, "agreement_program")],
    "programs:evidence_download": [of_each(reads_own_side, "evidence")],
    "programs:evidence_thumbnail": [of_each(reads_own_side, "evidence")],
    # Notifications and calendar feeds: each person's own; marking read and new feed addresses are POST only
    "notifications:list": [Url(signed_in)],
    "notifications:settings": [Url(signed_in)],
    "notifications:read": [Url(not_allowed, extra={"pk": 1}, anonymous=405)],
    "notifications:read_all": [Url(not_allowed, anonymous=405)],
    "notifications:calendar_token": [Url(not_allowed, anonymous=405)],
    # The feed needs no sign-in (calendar apps cannot log in): an unknown or revoked key is 404 for all
    "calendar_feed": [Url(nobody, extra={"key": "tidak-ada"}, anonymous=404)],
    "programs:evidence_withdraw": [of_each(changes_own_side, "evidence")],
    # Spreadsheets out (every signed-in user, within scope), in (those who register records), and the read API
    "exchange:export": [
        Url(signed_in, extra={"what": what, "fmt": fmt}, variant=f"{what}.{fmt}")
        for what in ("perjanjian", "mitra", "kegiatan")
        for fmt in ("xlsx", "csv")
    ]
    + [Url(sees_coverage, extra={"what": "cakupan", "fmt": fmt}, variant=f"cakupan.{fmt}") for fmt in ("xlsx", "csv")],
    "exchange:import_start": [Url(registers)],
    "exchange:import_template": [
        Url(registers, extra={"kind": kind}, variant=kind) for kind in ("perjanjian", "mitra")
    ],
    "exchange:import_detail": [Url(requested_it, "import_job")],
    "exchange:import_errors": [Url(requested_it, "import_job")],
    "exchange:import_choose_partners": [Url(not_allowed, "import_job")],
    "exchange:import_confirm": [Url(not_allowed, "import_job")],
    "exchange:import_verify": [Url(not_allowed, "import_job")],
    "exchange:import_columns": [Url(requested_it, "mapping_job")],
    "exchange:mapping_forget": [Url(not_allowed, "column_mapping")],
    "exchange:api_access": [Url(signed_in)],
    "exchange:api_token_create": [Url(not_allowed)],
    "exchange:api_token_revoke": [Url(not_allowed)],
    "api:agreement-list": [Url(signed_in, anonymous=401)],
    "api:agreement-detail": [of_each(reads, "agreement", anonymous=401)],
    "api:partner-list": [Url(signed_in, anonymous=401)],
    "api:partner-detail": [Url(signed_in, "partner", anonymous=401)],
    "api:program-list": [Url(signed_in, anonymous=401)],
    "api:program-detail": [Url(signed_in, "program", anonymous=401)],
    "api:activity-list": [Url(signed_in, anonymous=401)],
    "api:activity-detail": [of_each(reads_own_side, "activity", anonymous=401)],
    "api:follow-up-list": [Url(signed_in, anonymous=401)],
    "api:follow-up-detail": [Url(reads_own_side, "follow_up", targets=FOLLOWING_UP, anonymous=401)],
    "api:schema": [Url(signed_in, anonymous=401)],
    "api:docs": [Url(signed_in)],
    # Accounts: Django's own views, for any signed-in user; logging out is POST only
    "login": [Url(signed_in, anonymous=200)],
    "logout": [Url(not_allowed, anonymous=405)],
    "password_change": [Url(signed_in)],
    "password_change_done": [Url(signed_in)],
}

# Patterns deliberately not visited here, and why.
NOT_VISITED = {
    "set_language": "Django's language switch (POST, no records)",
}
SKIPPED_NAMESPACES = {"admin"}  # the admin has its own permission checks (tests/test_admin_pages.py)


def walk(resolver, namespace=""):
    """The names of every URL pattern under `resolver`, namespaced ("agreements:detail")."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"unnamed URL pattern {entry.pattern} cannot be checked"
            yield namespace + entry.name


def test_every_url_pattern_is_in_the_table():
    found = set(walk(get_resolver("sinergi.urls")))
    listed = set(URLS) | set(NOT_VISITED)
    assert found - listed == set(), "new URL patterns: add them to URLS with who may see them"
    assert listed - found == set(), "URL patterns gone: remove them from URLS"


def cases():
    """One test per URL, target and role, named like "agreements:update[kepala_blora->blora]"."""
    for name, urls in URLS.items():
        for url in urls:
            label = f"{name}/{url.variant}" if url.variant else name
            for target in url.targets:
                for role in ROLES:
                    to = f"->{target}" if target else ""
                    yield pytest.param(name, url, role, target, id=f"{label}[{role}{to}]")


# ----- the world -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """Overrides conftest's: the world's files live in its own MEDIA_ROOT (see `world`) as long as the world."""


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    """Overrides conftest's: `world` sets the fast hasher for the whole module."""


def build_world():
    units = {}
    for key, (name, kind, grade, parent) in UNITS.items():
        units[key] = UnitFactory(name=name, kind=kind, grade=grade, parent=units.get(parent))
    users = {
        role: UserFactory(
            username=username,
            unit=units.get(unit),
            role=user_role,
            is_superuser=user_role == User.Role.ADMINISTRATOR,
        )
        for role, (username, unit, user_role) in PEOPLE.items()
    }
    partner = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    program = ProgramFactory(name="Bimbingan keagamaan")
    records = {}
    for day, (target, (unit, kind)) in enumerate(OWNERS.items(), start=1):
        agreement = AgreementFactory(
            unit=units[unit], kind=kind, subject=subject_of(target), signed_on=datetime.date(2025, 1, day)
        )
        AgreementPartyFactory(agreement=agreement, partner=partner)
        agreement_program = AgreementProgramFactory(agreement=agreement, program=program)
        activity = ActivityFactory(agreement_program=agreement_program, title=activity_of(target))
        records[target] = SimpleNamespace(
            agreement=agreement,
            document=AgreementDocumentFactory(
                agreement=agreement,
                kind=AgreementDocument.Kind.SIGNED_SCAN,
                file=ContentFile(PDF, name="naskah.pdf"),
                original_name=f"naskah-{target}.pdf",
            ),
            agreement_program=agreement_program,
            activity=activity,
            unit=units[unit],
            evidence=ActivityEvidenceFactory(activity=activity),
        )
    national = records["ditjenpas"].agreement
    for target in FOLLOWING_UP:
        records[target].follow_up = FollowUp.objects.create(agreement=national, unit=units[OWNERS[target][0]])
    event = SigningEvent.objects.create(
        name="Penandatanganan bersama",
        held_on=datetime.date(2025, 1, 4),
        is_virtual=True,
        unit=units["ditjenpas"],
        our_signatory_name="Mashudi",
    )
    Agreement.objects.filter(pk=national.pk).update(signing_event=event)
    records["ditjenpas"].event = event
    records["ditjenpas"].event_file = SigningEventFile.objects.create(
        event=event, file=ContentFile(PDF, name="notulen.pdf"), original_name="notulen.pdf"
    )
    export = RegisterExport.objects.create(
        requested_by=users[EXPORT_OWNER], status=RegisterExport.State.DONE, row_count=3
    )
    export.file.save("daftar.pdf", ContentFile(PDF))
    correction = PartnerCorrection.objects.create(
        partner=partner,
        name=f"{partner.name} (usulan)",
        sector=partner.sector,
        level=partner.level,
        original=PartnerCorrection.identity_of(partner),
        proposed_by=users["operator_kudus"],
        unit=units["rutan_kudus"],
    )
    import_job = ImportJob.objects.create(
        requested_by=users[EXPORT_OWNER],
        kind=ImportJob.Kind.AGREEMENTS,
        file=ContentFile(b"Nomor,Jenis\n", name="register.csv"),
        original_name="register.csv",
        status=ImportJob.State.CHECKED,
        total_rows=1,
        refused_rows=1,
        rows=[{"line": 2, "label": "Kerja sama", "errors": ["Jenis tidak dikenal"], "data": {}}],
    )
    mapping_job = ImportJob.objects.create(
        requested_by=users[EXPORT_OWNER],
        kind=ImportJob.Kind.AGREEMENTS,
        file=ContentFile(b"No. PKS,Judul,Nama Mitra,Tgl Berakhir\n", name="register-lama.csv"),
        original_name="register-lama.csv",
        status=ImportJob.State.MAPPING,
        file_headers=["No. PKS", "Judul", "Nama Mitra", "Tgl Berakhir"],
    )
    records[SHARED] = SimpleNamespace(
        partner=partner,
        program=program,
        export=export,
        correction=correction,
        import_job=import_job,
        mapping_job=mapping_job,
        column_mapping=ColumnMapping.remember(
            user=users[EXPORT_OWNER], kind=ImportJob.Kind.AGREEMENTS, headers=["No. PKS"], columns={"Nomor": "No. PKS"}
        ),
    )
    return SimpleNamespace(records=records, sessions={role: session_of(user) for role, user in users.items()})


def session_of(user):
    """A signed-in session, made once: logging in for each of some 900 requests would double the module's time."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def subject_of(target):
    return f"Kerja sama penanda [{target}]"


def activity_of(target):
    return f"Kegiatan penanda [{target}]"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_root):
    fast_hashing = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root, PASSWORD_HASHERS=fast_hashing),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def printed(monkeypatch):
    """The HTML of every PDF printed during the test; the PDF itself is a blank page (its content is tested in
    test_print_*.py, and real rendering would make this module slow)."""
    pages = []

    def html_to_pdf(html):
        pages.append(html)
        return PDF

    monkeypatch.setattr("sinergi.printing.html_to_pdf", html_to_pdf)
    return pages


def assert_shows_nothing_hidden_from(role, text, where):
    hidden = [subject_of(target) for target in TARGETS if target not in READS[role]]
    hidden += [activity_of(target) for target in TARGETS if target not in OWN_SIDE[role]]
    shown = [marker for marker in hidden if marker in text]
    assert not shown, f"{where} shows {role} records outside its scope: {shown}"


def sign_in(client, world, role):
    if role != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]


# ----- visiting every URL --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "url", "role", "target"), list(cases()))
def test_get(client, world, printed, name, url, role, target):
    path = reverse(name, kwargs=url.kwargs(world.records[target]))
    sign_in(client, world, role)
    response = client.get(path)
    # Read files to the end: the test client then closes them (closing a response again would close the
    # database connection that holds the module's world).
    body = b"".join(response.streaming_content) if response.streaming else response.content
    expected = url.anonymous if role == ANONYMOUS else url.rule(role, target)
    if expected == SIGN_IN:
        assert response.status_code == 302, path
        assert response.url.startswith(reverse("login") + "?next="), response.url
        return
    assert response.status_code == expected, path
    if expected != 200:
        return
    content_type = response["Content-Type"]
    if url.pdf:
        assert content_type == "application/pdf"
        assert body.startswith(b"%PDF-")
        assert printed, "nothing was printed"
    for number, html in enumerate(printed):
        assert_shows_nothing_hidden_from(role, html, f"{path} (printed page {number + 1})")
    if content_type.startswith(("text/html", "application/json")):
        assert_shows_nothing_hidden_from(role, body.decode(), path)


# ----- changes posted by someone who may not make them -----------------------------------------------------------


def photo():
    return SimpleUploadedFile("foto-kegiatan.png", png_bytes((64, 48)), content_type="image/png")


def activity_form(records, title):
    return {
        "agreement_program": records.agreement_program.pk,
        "starts_on": "2025-03-01",
        "title": title,
        "place": "Aula",
        "facilitator_name": "Ahmad Sholeh",
        "narapidana": "10",
        "evidence": photo(),
    }


POSTS = {  # name: (record the pk is of, the form posted: one the owner's operator gets through)
    "agreements:terminate": (
        "agreement",
        lambda records: {"terminated_on": "2025-06-01", "termination_reason": "Mitra tidak lagi menjalankan"},
    ),
    "agreements:document_upload": (
        "agreement",
        lambda records: {
            "kind": AgreementDocument.Kind.ATTACHMENT,
            "title": "Lampiran rencana kegiatan",
            "file": SimpleUploadedFile("lampiran.pdf", PDF, content_type="application/pdf"),
        },
    ),
    "programs:activity_cancel": ("activity", lambda records: {"cancellation_reason": "Salah catat"}),
    "programs:activity_create": ("agreement_program", lambda records: activity_form(records, "Kegiatan baru")),
    "programs:activity_update": ("activity", lambda records: activity_form(records, "Kegiatan diubah")),
}
POSTED_BY = [  # (role, target, status): the owner's operator first, so a form that never gets through is caught
    ("operator_blora", "blora", 302),
    ("kepala_blora", "blora", 403),
    ("operator_kanwil_jateng", "blora", 403),  # reads its region, changes only the Kanwil's own
    ("operator_blora", "ditjenpas", 403),  # reads the national MoU, may not change it
    ("kepala_kudus", "kanwil_jateng", 403),
    ("operator_kudus", "blora", 404),
    ("kepala_kudus", "blora", 404),
    ("operator_kanwil_jatim", "blora", 404),
    ("operator_blora", "jatim", 404),
]

# Blora reads the national MoU but not Ditjenpas's own activity under it.
POST_EXCEPTIONS = {
    ("programs:activity_cancel", "operator_blora", "ditjenpas"): 404,
    ("programs:activity_update", "operator_blora", "ditjenpas"): 404,
    ("programs:activity_cancel", "kepala_kudus", "kanwil_jateng"): 404,
    ("programs:activity_update", "kepala_kudus", "kanwil_jateng"): 404,
}


def state_of(records):
    """What a posted change would touch: the agreement's end, its documents, its activities and their evidence."""
    agreement = records.agreement
    return (
        Agreement.objects.values_list("terminated_on", "termination_reason").get(pk=agreement.pk),
        sorted(AgreementDocument.objects.filter(agreement=agreement).values_list("pk", "title")),
        sorted(
            Activity.objects.filter(agreement_program__agreement=agreement).values_list("pk", "title", "cancelled_on")
        ),
        ActivityEvidence.objects.filter(activity__agreement_program__agreement=agreement).count(),
    )


@pytest.mark.parametrize(
    ("name", "role", "target", "expected"),
    [
        pytest.param(name, role, target, expected, id=f"POST {name}[{role}->{target}]")
        for name in POSTS
        for role, target, expected in POSTED_BY
    ],
)
def test_post(client, world, name, role, target, expected):
    record, form = POSTS[name]
    records = world.records[target]
    before = state_of(records)
    sign_in(client, world, role)
    response = client.post(reverse(name, args=[getattr(records, record).pk]), form(records))
    expected = POST_EXCEPTIONS.get((name, role, target), expected)
    assert response.status_code == expected
    if expected == 302:
        assert state_of(records) != before, "the owner's operator should get this change through"
    else:
        assert state_of(records) == before, "refused, yet something changed"


@pytest.mark.parametrize("name", list(POSTS))
def test_post_anonymous_changes_nothing(client, world, name):
    record, form = POSTS[name]
    records = world.records["blora"]
    before = state_of(records)
    response = client.post(reverse(name, args=[getattr(records, record).pk]), form(records))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")
    assert state_of(records) == before
