"""A backup (scripts/backup) restored into a fresh PostgreSQL database and an empty media directory
(scripts/restore) gives the app back the same records and the same uploaded files."""

import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from programs.catalogue import load_catalogue
from programs.models import Program, ProgramCategory
from tests.factories import AgreementDocumentFactory, AgreementFactory, AgreementPartyFactory, PartnerFactory

ROOT = Path(__file__).resolve().parent.parent
SCAN = b"%PDF-1.4\n% naskah PKS Rutan Blora - Kemenag Blora, ditandatangani\n%%EOF\n"

READ_BACK = """
from agreements.models import Agreement
agreement = Agreement.objects.get(subject="Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora")
print(agreement.unit.name, "|", agreement.parties.get().partner.name)
print(agreement.documents.get().file.read().decode(), end="")
"""


@pytest.fixture
def committed(transactional_db):
    """Rows pg_dump can see: committed, so the tables are flushed afterwards; the catalogue comes back."""
    yield
    load_catalogue(ProgramCategory, Program)


def database_url(name):
    db = connection.settings_dict
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"


def run(command, **environment):
    env = {**os.environ, **environment}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def fresh_database():
    """An empty database beside the test database, dropped afterwards."""
    name = connection.settings_dict["NAME"] + "_restored"
    pg = {"PGHOST": connection.settings_dict["HOST"] or "localhost", "PGUSER": connection.settings_dict["USER"]}
    run(["dropdb", "--if-exists", name], **pg)
    run(["createdb", name], **pg)
    yield name
    run(["dropdb", "--if-exists", "--force", name], **pg)


def test_backup_restores_into_a_fresh_database_with_the_same_records_and_files(
    committed, settings, tmp_path, rutan_blora, fresh_database
):
    if connection.vendor != "postgresql":
        pytest.skip("backups are PostgreSQL dumps")
    agreement = AgreementFactory(
        unit=rutan_blora, subject="Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora"
    )
    AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora"))
    AgreementDocumentFactory(agreement=agreement, file=ContentFile(SCAN, name="naskah-pks.pdf"))

    backup = run(
        ["scripts/backup", str(tmp_path / "cadangan")],
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    ).strip()
    assert sorted(p.name for p in Path(backup).iterdir()) == ["SHA256SUMS", "database.dump", "media.tar.gz"]

    restored = {"DATABASE_URL": database_url(fresh_database), "MEDIA_ROOT": str(tmp_path / "media-pulih")}
    run(["scripts/restore", backup], **restored)

    run([".venv/bin/python", "manage.py", "migrate", "--check"], **restored)
    out = run([".venv/bin/python", "manage.py", "shell", "-v", "0", "-c", READ_BACK], **restored)
    assert out.splitlines()[0] == "Rutan Kelas IIB Blora | Kantor Kementerian Agama Kabupaten Blora"
    assert out.split("\n", 1)[1] == SCAN.decode()


def test_restore_refuses_a_database_that_is_not_empty(db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backups are PostgreSQL dumps")
    backup = tmp_path / "cadangan"
    backup.mkdir()
    (backup / "database.dump").write_bytes(b"")
    (backup / "media.tar.gz").write_bytes(b"")
    subprocess.run("sha256sum database.dump media.tar.gz >SHA256SUMS", shell=True, cwd=backup, check=True)
    in_use = {"DATABASE_URL": database_url(connection.settings_dict["NAME"]), "MEDIA_ROOT": str(tmp_path / "m")}

    result = subprocess.run(
        ["scripts/restore", str(backup)], cwd=ROOT, env={**os.environ, **in_use}, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "tidak kosong" in result.stderr, result.stderr
