"""Named people and places shared by the tests: the units of the two real cases and one account per role."""

import pytest
from django.core.cache import cache

from programs.catalogue import load_catalogue
from programs.models import Program, ProgramCategory
from tests.factories import PASSWORD, UnitFactory, UserFactory
from units.models import Unit, User


@pytest.fixture(scope="session", autouse=True)
def _program_catalogue_present(django_db_setup, django_db_blocker):
    """The catalogue comes from a data migration, but browser tests flush every table after each test; a
    reused test database may therefore start without it."""
    with django_db_blocker.unblock():
        load_catalogue(ProgramCategory, Program)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Pages cache fragments (the agreements list's filter form): each test starts from an empty cache."""
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The default hasher costs ~0.3 s per account and the tests create many; none needs the strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def ditjenpas(db):
    return UnitFactory(
        name="Direktorat Jenderal Pemasyarakatan",
        kind=Unit.Kind.DITJENPAS,
        grade="",
        regency="",
        province="",
        head_name="Mashudi",
        head_title="Direktur Jenderal Pemasyarakatan",
    )


@pytest.fixture
def kanwil_jateng(ditjenpas):
    return UnitFactory(
        name="Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Tengah",
        kind=Unit.Kind.KANWIL,
        grade="",
        parent=ditjenpas,
        province="Jawa Tengah",
        regency="Kota Semarang",
    )


@pytest.fixture
def kanwil_jatim(ditjenpas):
    return UnitFactory(
        name="Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Timur",
        kind=Unit.Kind.KANWIL,
        grade="",
        parent=ditjenpas,
        province="Jawa Timur",
        regency="Kota Surabaya",
    )


@pytest.fixture
def rutan_blora(kanwil_jateng):
    return UnitFactory(
        name="Rutan Kelas IIB Blora",
        kind=Unit.Kind.RUTAN,
        grade=Unit.Grade.IIB,
        parent=kanwil_jateng,
        regency="Kabupaten Blora",
        head_name="Budi Hardiono",
        head_title="Kepala Rutan",
    )


@pytest.fixture
def rutan_kudus(kanwil_jateng):
    return UnitFactory(
        name="Rutan Kelas IIB Kudus",
        kind=Unit.Kind.RUTAN,
        grade=Unit.Grade.IIB,
        parent=kanwil_jateng,
        regency="Kabupaten Kudus",
        head_name="Anda Tuning",
        head_title="Kepala Rutan",
    )


@pytest.fixture
def lapas_surabaya(kanwil_jatim):
    return UnitFactory(
        name="Lapas Kelas I Surabaya",
        kind=Unit.Kind.LAPAS,
        grade=Unit.Grade.I,
        parent=kanwil_jatim,
        regency="Kabupaten Sidoarjo",
        province="Jawa Timur",
    )


@pytest.fixture
def operator_blora(rutan_blora):
    return UserFactory(username="operator.blora", unit=rutan_blora, role=User.Role.OPERATOR)


@pytest.fixture
def kepala_blora(rutan_blora):
    return UserFactory(username="kepala.blora", unit=rutan_blora, role=User.Role.KEPALA)


@pytest.fixture
def operator_kudus(rutan_kudus):
    return UserFactory(username="operator.kudus", unit=rutan_kudus, role=User.Role.OPERATOR)


@pytest.fixture
def kepala_kudus(rutan_kudus):
    return UserFactory(username="kepala.kudus", unit=rutan_kudus, role=User.Role.KEPALA)


@pytest.fixture
def operator_kanwil_jateng(kanwil_jateng):
    return UserFactory(username="kanwil.jateng", unit=kanwil_jateng, role=User.Role.OPERATOR)


@pytest.fixture
def operator_kanwil_jatim(kanwil_jatim):
    return UserFactory(username="kanwil.jatim", unit=kanwil_jatim, role=User.Role.OPERATOR)


@pytest.fixture
def operator_pusat(ditjenpas):
    return UserFactory(username="pusat", unit=ditjenpas, role=User.Role.OPERATOR)


@pytest.fixture
def admin_pusat(db):
    return UserFactory(username="admin", role=User.Role.ADMINISTRATOR, is_superuser=True)
