"""One partner, one entry: the directory refuses a second name that differs only in case, spacing or punctuation."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

from partners.models import Partner
from tests.factories import PartnerFactory

REPO_ROOT = Path(__file__).resolve().parent.parent
KEMENAG_BLORA = "Kantor Kementerian Agama Kabupaten Blora"
KEMENAG_BLORA_AGAIN = "kantor  kementerian agama kabupaten BLORA"

PartnerForm = modelform_factory(Partner, fields=["name", "sector", "level"])


def partner_data(name):
    return {"name": name, "sector": Partner.Sector.SOSIAL_KEAGAMAAN, "level": Partner.Level.KABUPATEN_KOTA}


@pytest.fixture
def kemenag_blora(db):
    return PartnerFactory(
        name=KEMENAG_BLORA, sector=Partner.Sector.SOSIAL_KEAGAMAAN, level=Partner.Level.KABUPATEN_KOTA
    )


@pytest.mark.parametrize("again", [KEMENAG_BLORA_AGAIN, " Kantor Kementerian Agama, Kabupaten Blora. ", KEMENAG_BLORA])
def test_database_refuses_the_same_partner_twice(kemenag_blora, again):
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerFactory(name=again)
    assert Partner.objects.count() == 1


def test_form_names_the_partner_already_registered(kemenag_blora):
    form = PartnerForm(data=partner_data(KEMENAG_BLORA_AGAIN))
    assert not form.is_valid()
    assert form.errors["name"] == [
        "Mitra “Kantor Kementerian Agama Kabupaten Blora” sudah terdaftar "
        "(nama sama, beda huruf besar/kecil atau spasi)."
    ]


def test_a_different_partner_is_accepted_and_its_name_tidied(kemenag_blora):
    form = PartnerForm(data=partner_data("  Kantor Kementerian Agama   Kabupaten Kudus "))
    assert form.is_valid(), form.errors
    partner = form.save()
    assert partner.name == "Kantor Kementerian Agama Kabupaten Kudus"


def test_editing_a_partner_does_not_clash_with_itself(kemenag_blora):
    form = PartnerForm(data=partner_data("Kantor Kementerian Agama Kabupaten BLORA"), instance=kemenag_blora)
    assert form.is_valid(), form.errors


def test_similar_to_finds_the_existing_partner(kemenag_blora):
    PartnerFactory(name="Kantor Kementerian Agama Kabupaten Kudus")
    assert list(Partner.objects.similar_to(KEMENAG_BLORA_AGAIN)) == [kemenag_blora]
    assert list(Partner.objects.similar_to("Kantor Kementerian Agama - Kabupaten Blora")) == [kemenag_blora]
    assert not Partner.objects.similar_to("Kantor Kementerian Agama Kabupaten Pati").exists()


SQLITE_SCRIPT = """
from django.db import IntegrityError, transaction
from partners.models import Partner

Partner.objects.create(
    name="Kantor Kementerian Agama Kabupaten Blora", sector="sosial_keagamaan", level="kabupaten_kota"
)
try:
    with transaction.atomic():
        Partner.objects.create(
            name="kantor  kementerian agama kabupaten BLORA", sector="sosial_keagamaan", level="kabupaten_kota"
        )
except IntegrityError:
    print("DUPLICATE-REFUSED", Partner.objects.count())
else:
    print("DUPLICATE-STORED", Partner.objects.count())
"""


def test_sqlite_refuses_the_same_partner_twice(tmp_path):
    # The suite runs on PostgreSQL; development runs on SQLite, which has no regexp_replace: prove it there too.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
        )

    migrated = manage("migrate", "--noinput", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    result = manage("shell", "--no-imports", "-c", SQLITE_SCRIPT)
    assert result.returncode == 0, result.stderr
    assert "DUPLICATE-REFUSED 1" in result.stdout
