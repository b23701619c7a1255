"""The demo data someone sees after `scripts/start`: the two real cases exactly as reported, sample data marked."""

import datetime
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from agreements.models import Agreement, AgreementParty, Status
from demo import loader as demo
from partners.models import Contact, Partner
from programs.models import AgreementProgram
from units.models import Unit, User

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "(contoh)"


@pytest.fixture
def loaded(db):
    return demo.load()


@pytest.fixture
def blora_pks(loaded):
    return Agreement.objects.get(unit__name="Rutan Kelas IIB Blora", signed_on=datetime.date(2024, 12, 30))


def test_blora_pks_as_reported(blora_pks):
    assert blora_pks.kind == Agreement.Kind.PKS
    assert blora_pks.signed_place == "Blora"
    assert blora_pks.our_signatory_name == "Budi Hardiono"
    assert blora_pks.our_signatory_position == "Kepala Rutan Kelas IIB Blora"
    party = blora_pks.parties.get()
    assert party.partner.name == "Kantor Kementerian Agama Kabupaten Blora"
    assert party.partner.parent.name == "Kementerian Agama"
    assert party.signatory_name == "Roziqun"
    assert party.signatory_position == "Kepala Kantor Kementerian Agama Kabupaten Blora"
    assert party.partner.contacts.filter(name="Roziqun").exists()
    assert {p.program.name for p in blora_pks.programs.all()} == {
        "Bimbingan keagamaan",
        "Pelatihan rohani",
        "Pendampingan moral",
    }
    assert {p.program.category.name for p in blora_pks.programs.all()} == {"Pembinaan kepribadian"}
    assert blora_pks.renews.signed_on.year == 2022
    assert blora_pks.renews.parties.get().partner == party.partner
    assert blora_pks.renews.status == Status.ENDED


def test_blora_signing_date_reads_in_indonesian(blora_pks):
    with translation.override("id"):
        rendered = Template("{{ agreement.signed_on|date }}").render(Context({"agreement": blora_pks}))
    assert rendered == "30 Desember 2024"


def test_ceremony_with_nine_strategic_partners(loaded):
    ditjenpas = Unit.objects.get(kind=Unit.Kind.DITJENPAS)
    assert (ditjenpas.head_name, ditjenpas.head_title) == ("Mashudi", "Direktur Jenderal Pemasyarakatan")
    kudus = Unit.objects.get(name="Rutan Kelas IIB Kudus")
    assert (kudus.head_name, kudus.head_title) == ("Anda Tuning", "Kepala Rutan")

    ceremony = Agreement.objects.filter(unit=ditjenpas, signed_on=datetime.date(2025, 7, 1))
    assert ceremony.count() == 9
    partners = AgreementParty.objects.filter(agreement__in=ceremony).values_list("partner", flat=True)
    assert len(set(partners)) == 9
    sectors = set(Partner.objects.filter(pk__in=partners).values_list("sector", flat=True))
    assert sectors == {
        Partner.Sector.PERBANKAN_KEUANGAN,
        Partner.Sector.PENDIDIKAN,
        Partner.Sector.TEKNOLOGI,
        Partner.Sector.SOSIAL_KEAGAMAAN,
    }
    assert set(ceremony.values_list("kind", flat=True)) == {Agreement.Kind.MOU, Agreement.Kind.PKS}
    for agreement in ceremony:
        assert "Mashudi" in agreement.signing_notes
        assert "Rutan Kelas IIB Kudus" in agreement.signing_notes

    # Drafted by the base demo, signed when the cascade demo has Kudus start on the agreement.
    follow_up = Agreement.objects.get(unit=kudus, parent__in=ceremony)
    assert follow_up.status == Status.IN_FORCE
    assert follow_up.parent.kind == Agreement.Kind.MOU


@pytest.mark.parametrize("today", [None, datetime.date(2031, 3, 15)], ids=["hari-ini", "2031"])
def test_every_status_shows_up(db, today):
    demo.load(today=today)
    present = set(Agreement.objects.with_status(today).values_list("current_status", flat=True))
    assert present == set(Status.values)


def test_sample_relations_are_there(loaded):
    assert Agreement.objects.filter(kind=Agreement.Kind.ADENDUM, parent__isnull=False).count() >= 3
    assert Agreement.objects.filter(kind=Agreement.Kind.PKS, parent__kind=Agreement.Kind.MOU).count() >= 3
    assert Agreement.objects.filter(renews__isnull=False).count() >= 3
    assert 300 <= Agreement.objects.count() <= 450
    assert 25 <= Unit.objects.count() <= 40
    for agreement in Agreement.objects.prefetch_related("parties", "programs"):
        assert 1 <= len(agreement.parties.all()) <= 3
        assert len(agreement.programs.all()) <= 3
        if agreement.signed_on:
            assert agreement.our_signatory_name


@pytest.mark.parametrize(
    ("username", "role", "unit_name"),
    [
        ("operator.blora", User.Role.OPERATOR, "Rutan Kelas IIB Blora"),
        ("kepala.blora", User.Role.KEPALA, "Rutan Kelas IIB Blora"),
        ("operator.kudus", User.Role.OPERATOR, "Rutan Kelas IIB Kudus"),
        ("kepala.kudus", User.Role.KEPALA, "Rutan Kelas IIB Kudus"),
        ("kanwil.jateng", User.Role.OPERATOR, "Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Tengah"),
        ("pusat", User.Role.OPERATOR, "Direktorat Jenderal Pemasyarakatan"),
        ("admin", User.Role.ADMINISTRATOR, None),
    ],
)
def test_demo_login(loaded, username, role, unit_name):
    user = authenticate(username=username, password="sinergi-demo")
    assert user is not None
    # The admin is the administrator's, plus the program catalogue for Ditjenpas's operator.
    assert user.is_staff == (username in ("admin", "pusat"))
    assert user.role == role
    assert (user.unit.name if user.unit else None) == unit_name
    assert user.is_superuser == (username == "admin")


def test_heads_of_unit_have_their_names(loaded):
    assert User.objects.get(username="kepala.blora").get_full_name() == "Budi Hardiono"
    assert User.objects.get(username="kepala.kudus").get_full_name() == "Anda Tuning"


def test_loading_twice_changes_nothing(loaded):
    models = [Unit, User, Partner, Contact, Agreement, AgreementParty, AgreementProgram]
    before = {model: model.objects.count() for model in models}
    history_before = Agreement.history.count()

    out = StringIO()
    assert demo.load(stdout=out) is None

    assert {model: model.objects.count() for model in models} == before
    assert Agreement.history.count() == history_before
    assert "sudah ada" in out.getvalue()


def test_command_reports_what_it_loaded(db):
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert f"{Agreement.objects.count()} perjanjian" in out.getvalue()
    assert "sinergi-demo" in out.getvalue()


def test_what_the_sources_do_not_say_is_marked(loaded):
    real_partners = {"Kementerian Agama", "Kantor Kementerian Agama Kabupaten Blora"}
    for partner in Partner.objects.exclude(name__in=real_partners):
        assert SAMPLE in partner.name
    assert Partner.objects.filter(name__in=real_partners).count() == 2
    for contact in Contact.objects.exclude(name="Roziqun"):
        assert SAMPLE in contact.name

    real_people = {"Mashudi", "Budi Hardiono", "Anda Tuning"}
    for unit in Unit.objects.exclude(head_name__in=real_people):
        assert SAMPLE in unit.head_name
    for unit in Unit.objects.exclude(address=""):
        assert SAMPLE in unit.address

    blora_pks = Agreement.objects.get(unit__name="Rutan Kelas IIB Blora", signed_on=datetime.date(2024, 12, 30))
    for agreement in Agreement.objects.exclude(pk=blora_pks.pk):
        assert SAMPLE in agreement.subject
    assert "data contoh" in blora_pks.signing_notes
    for agreement in Agreement.objects.exclude(number=""):
        assert SAMPLE in agreement.number
    for agreement in Agreement.objects.exclude(our_signatory_name__in=["", *real_people]):
        assert SAMPLE in agreement.our_signatory_name
    for party in AgreementParty.objects.exclude(number=""):
        assert SAMPLE in party.number
    for party in AgreementParty.objects.exclude(signatory_name__in=["", "Roziqun"]):
        assert SAMPLE in party.signatory_name
    for row in AgreementProgram.objects.all():
        assert SAMPLE in row.notes


def test_loads_on_sqlite_too(tmp_path):
    """`scripts/start` runs on SQLite; the demo must load there as it does on PostgreSQL."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    for command in (["migrate", "-v", "0"], ["load_demo_data"], ["load_demo_data"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
    assert "sudah ada" in result.stdout
