"""The demo as scripts/start runs it (its environment comes from scripts/demo-env): links made outside a request
follow the port it runs on, and a missing page is Sinergi's Indonesian 404, styled, not Django's debug page."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NOT_FOUND = """
from django.conf import settings
from django.test import Client
client = Client(headers={"host": "127.0.0.1"})
page = client.get("/tidak-ada/")
print(page.status_code)
print(page.text)
print("STYLESHEET", client.get("/static/css/sinergi.css").status_code)
"""


def run_as_the_demo(command, tmp_path, **environment):
    """`command` in a shell that has sourced scripts/demo-env, as scripts/start does, from a clean slate."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PORT", "SITE_URL", "DEBUG", "HTTPS", "SECRET_KEY", "STATIC_FROM_SOURCE"}
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest; never in a real demo
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}", **environment)
    result = subprocess.run(
        ["bash", "-c", f"set -euo pipefail; source scripts/demo-env; {command}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def site_url_in_the_demo(tmp_path, **environment):
    code = "from django.conf import settings; print(settings.SITE_URL)"
    return run_as_the_demo(f'.venv/bin/python manage.py shell -v 0 -c "{code}"', tmp_path, **environment).strip()


def test_site_url_follows_the_port_the_demo_runs_on(tmp_path):
    assert site_url_in_the_demo(tmp_path, PORT="8123") == "http://127.0.0.1:8123"
    assert site_url_in_the_demo(tmp_path) == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins(tmp_path):
    assert site_url_in_the_demo(tmp_path, PORT="8123", SITE_URL="https://sinergi.contoh.go.id") == (
        "https://sinergi.contoh.go.id"
    )


def test_a_missing_page_in_the_demo_is_the_indonesian_404(tmp_path):
    output = run_as_the_demo(f".venv/bin/python manage.py shell -v 0 -c '{NOT_FOUND}'", tmp_path, PORT="8123")

    status, *page, stylesheet = output.strip().splitlines()
    page = "\n".join(page)
    assert status == "404"
    assert "Halaman tidak ditemukan" in page
    assert '<html lang="id">' in page
    assert "Using the URLconf" not in page, "Django's debug page"
    assert stylesheet == "STYLESHEET 200", "the demo serves its stylesheet without collectstatic"
