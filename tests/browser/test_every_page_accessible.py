"""One page of every URL pattern, as an operator, in Chromium: axe-core finds nothing serious or critical, and
the browser refuses nothing under the Content-Security-Policy.

The pages and the world they show come from tests/test_every_url.py; files (PDFs, downloads, images, JSON)
are not pages and are left out, as is logging out (POST only).
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.test_every_url import URLS, build_world

ROLE = "operator_blora"


def first_page_of_each_pattern(world):
    """{pattern name: path} of the first HTML page the role gets for each pattern, and {name: why not} for the
    patterns that give it no page."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[ROLE]
    pages, left_out = {}, {}
    for name, urls in URLS.items():
        for url in urls:
            for target in url.targets:
                path = reverse(name, kwargs=url.kwargs(world.records[target]))
                response = client.get(path)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                    pages.setdefault(name, path)
                else:
                    left_out.setdefault(name, f"{response.status_code} {response['Content-Type']}, {len(body)} bytes")
    return pages, {name: why for name, why in left_out.items() if name not in pages}


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def test_one_page_of_every_url_pattern_is_accessible_and_within_the_policy(page, live_server, world, assert_accessible):
    pages, left_out = first_page_of_each_pattern(world)
    assert set(left_out) <= {
        "agreements:document_download",
        "agreements:summary_pdf",
        "agreements:bundle_pdf",
        "agreements:register_pdf",
        "agreements:register_export_download",
        "partners:autocomplete",
        "unit_autocomplete",
        "partners:status_report_pdf",
        "programs:evidence_download",
        "programs:evidence_thumbnail",
        "logout",
    }, f"a pattern without a page the operator can open: {left_out}"

    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else 0)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": world.sessions[ROLE], "url": live_server.url}]
    )
    problems = []
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        try:
            assert_accessible(page)
        except AssertionError as problem:
            problems.append(f"{name}: {problem}")
        if refused:
            problems.append(f"{name}: the browser refused {refused}")
            refused.clear()
    assert problems == [], "\n".join(problems)
