"""One page of every URL pattern, in Chromium: axe-core finds nothing serious or critical, and the browser
refuses nothing under the Content-Security-Policy.

The pages and the world they show come from tests/test_every_url.py. Each pattern is seen as the first role (an
operator of a UPT first) that gets an HTML page from it; patterns that answer every role with a file, JSON or
"POST only" are not pages and are left out, as are those the URL table opens to nobody (a calendar feed's
unknown key).
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.test_every_url import PEOPLE, URLS, build_world

ROLES = ["operator_blora", *(role for role in PEOPLE if role != "operator_blora")]


def first_page_of_each_pattern(world):
    """{pattern name: (role, path)} of the first HTML page a role gets for each pattern, and {name: [answers]}
    for the patterns that give no role a page."""
    pages, left_out = {}, {}
    for name, urls in URLS.items():
        answers = []
        for role in ROLES:
            client = Client()
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
            for url in urls:
                for target in url.targets:
                    path = reverse(name, kwargs=url.kwargs(world.records[target]))
                    response = client.get(path)
                    body = b"".join(response.streaming_content) if response.streaming else response.content
                    if response.status_code == 200 and response["Content-Type"].startswith("text/html") and body:
                        pages[name] = (role, path)
                        break
                    answers.append((response.status_code, response["Content-Type"].split(";")[0]))
                if name in pages:
                    break
            if name in pages:
                break
        if name not in pages:
            left_out[name] = sorted(set(answers))
    return pages, left_out


def open_to_someone(name):
    """Whether the URL table promises some role a 200 for this pattern."""
    return any(url.rule(role, target) == 200 for url in URLS[name] for role in ROLES for target in url.targets)


def not_a_page(answers):
    """A file, JSON or a calendar for whoever may have it, or POST only: nothing for axe to read."""
    return all(status in (403, 404, 405) or not kind.startswith("text/html") for status, kind in answers)


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def test_one_page_of_every_url_pattern_is_accessible_and_within_the_policy(page, live_server, world, assert_accessible):
    pages, left_out = first_page_of_each_pattern(world)
    unchecked = {
        name: answers for name, answers in left_out.items() if open_to_someone(name) and not not_a_page(answers)
    }
    assert unchecked == {}, "pages the URL table promises someone, yet nobody got one"

    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else 0)
    problems = []
    for name, (role, path) in pages.items():
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": world.sessions[role], "url": live_server.url}]
        )
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        # Pages drawn by script (the API's Swagger UI) are checked as the user sees them, once drawn.
        page.wait_for_load_state("networkidle")
        try:
            assert_accessible(page)
        except AssertionError as problem:
            problems.append(f"{name} as {role}: {problem}")
        if refused:
            problems.append(f"{name} as {role}: the browser refused {refused}")
            refused.clear()
    assert problems == [], "\n".join(problems)
