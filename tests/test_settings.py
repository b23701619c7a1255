import datetime
import os
import subprocess
import sys
from pathlib import Path

from django.core.management.utils import get_random_secret_key
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent


def production_env(tmp_path, **extra):
    env = {
        **os.environ,
        "DEBUG": "0",
        # What an administrator would set: 50 random characters, as startproject makes them.
        "SECRET_KEY": get_random_secret_key(),
        "ALLOWED_HOSTS": "sinergi.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        **extra,
    }
    # The browser tests' conftest allows async-unsafe ORM calls in this process; a server never would.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for name in ("HTTPS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT"):
        env.pop(name, None)
    return env


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


HTTPS_HEADERS = """
from django.conf import settings
from django.test import Client
secure = Client().get("/", secure=True, headers={"host": "sinergi.example"})
plain = Client().get("/perjanjian/", headers={"host": "sinergi.example"})
print(secure.headers["Strict-Transport-Security"], plain.headers["Location"], sep="|")
print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, sep="|")
"""


def test_production_serves_https_only_without_preloading_the_domain(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", HTTPS_HEADERS],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    headers, cookies = result.stdout.splitlines()[-2:]
    assert headers == "max-age=31536000; includeSubDomains|https://sinergi.example/perjanjian/"
    assert cookies == "True|True", "session and CSRF cookies only over HTTPS"


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_dates_and_numbers_read_the_indonesian_way():
    with translation.override("id"):
        rendered = Template("{% load humanize %}{{ d|date }} · {{ d|date:'l, j F Y' }} · {{ n|intcomma }}").render(
            Context({"d": datetime.date(2024, 12, 30), "n": 1234567})
        )
    assert rendered == "30 Desember 2024 · Senin, 30 Desember 2024 · 1.234.567"


def test_pages_stay_indonesian_when_the_browser_asks_for_english(client, operator_blora):
    client.force_login(operator_blora)
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response.headers["Content-Language"] == "id"
    assert "Perjanjian menurut status" in response.text


def test_english_when_the_user_chooses_it(client, operator_blora):
    client.force_login(operator_blora)
    client.post("/bahasa/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert response.headers["Content-Language"] == "en"


def test_english_pages_read_in_english(client, operator_blora):
    client.force_login(operator_blora)
    client.post("/bahasa/setlang/", {"language": "en", "next": "/"})

    home = client.get("/").text
    assert "Agreements by status" in home
    assert "Perjanjian menurut status" not in home

    agreements = client.get("/perjanjian/").text
    assert "<h1>Agreements</h1>" in agreements
    assert "<h1>Perjanjian</h1>" not in agreements


def test_descending_sort_labels_follow_the_chosen_language(client, operator_blora):
    client.force_login(operator_blora)
    indonesian = client.get("/mitra/status/").text
    assert "Nama mitra, urutan menurun" in indonesian
    assert "(descending)" not in indonesian

    client.post("/bahasa/setlang/", {"language": "en", "next": "/"})
    english = client.get("/mitra/status/").text
    assert "Partner name, descending" in english
    assert "Nama mitra" not in english


def test_english_dates_read_day_month_year():
    with translation.override("en"):
        rendered = Template("{{ d|date }}").render(Context({"d": datetime.date(2024, 12, 30)}))
    assert rendered == "30 December 2024"
