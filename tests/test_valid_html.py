"""Every page an operator reaches is valid HTML by the Nu HTML checker (vnu.jar, from npm): the pages that
tests/test_every_url.py visits, as operator.blora, including error pages and the HTML of every printed PDF.

The pages are saved to files and checked in one run of the checker: one JVM start for some hundred pages.
`scripts/setup test` installs the checker (`npm ci`) and a Java runtime.
"""

import json
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.test_every_url import (  # noqa: F401 - the world's fixtures, used by name
    URLS,
    _fast_password_hashing,
    _media_in_tmp,
    media_root,
    printed,
    sign_in,
    world,
)

pytestmark = pytest.mark.django_db

ROLE = "operator_blora"
VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def every_page(client, world, printed):  # noqa: F811 - fixtures imported above
    """(what, HTML) for every HTML response and printed page the role gets, in URLS order."""
    for name, urls in URLS.items():
        for url in urls:
            for target in url.targets:
                path = reverse(name, kwargs=url.kwargs(world.records[target]))
                sign_in(client, world, ROLE)
                printed.clear()
                response = client.get(path)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                # A 405 says so in its status alone, with an empty body: nothing to check.
                if response["Content-Type"].startswith("text/html") and body:
                    yield f"{path} ({response.status_code})", body.decode()
                for number, html in enumerate(printed, start=1):
                    yield f"{path} (printed page {number})", html


def test_every_page_is_valid_html(client, world, printed, tmp_path):  # noqa: F811
    assert VNU.exists(), "the Nu HTML checker is missing: run scripts/setup test (npm ci)"
    pages = {}
    for number, (what, html) in enumerate(every_page(client, world, printed)):
        file = tmp_path / f"page-{number:03d}.html"
        file.write_text(html)
        pages[file.name] = what
    assert len(pages) > 50, "fewer pages than the URL table promises"

    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(pages)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{pages.get(Path(m.get('url', '')).name, m.get('url'))} line {m.get('lastLine')}: {m['message']}"
        f" — {m.get('extract', '')!r}"
        for m in messages
    ]
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors)
