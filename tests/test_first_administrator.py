"""The first command on a new server: `manage.py createsuperuser` makes an administrator who can work."""

import pytest
from django.core.management import call_command

from units.models import User

pytestmark = pytest.mark.django_db


def test_createsuperuser_without_prompts_makes_a_working_administrator(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "admin.pusat")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "admin@contoh.invalid")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Kerja-sama-2025!")

    call_command("createsuperuser", interactive=False, verbosity=0)

    admin = User.objects.get(username="admin.pusat")
    assert admin.role == User.Role.ADMINISTRATOR
    assert admin.unit is None
    assert client.login(username="admin.pusat", password="Kerja-sama-2025!")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/units/user/").status_code == 200
    assert client.get("/").status_code == 200
