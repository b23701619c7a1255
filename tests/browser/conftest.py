"""Browser journeys: Playwright driving Debian's Chromium against Django's live server on PostgreSQL."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from programs.catalogue import load_catalogue
from programs.models import Program, ProgramCategory

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Never let Playwright look for a browser of its own: it cannot be downloaded here.
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}, "locale": "id-ID"}


@pytest.fixture(autouse=True)
def program_catalogue(transactional_db):
    """The live server's tests flush every table after each test, the migrated catalogue included."""
    load_catalogue(ProgramCategory, Program)


@pytest.fixture
def login(page, live_server, password):
    def _login(user):
        page.goto(f"{live_server.url}/akun/login/")
        page.get_by_label("Nama pengguna").fill(user.username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _login


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """No serious or critical axe-core violations on the page as it is now."""

    def _check(page):
        results = axe.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, f"{page.url}: " + "; ".join(bad)

    return _check


# Phone and desktop, the two screens staff use; screenshots only when asked for (SINERGI_SCREENSHOTS=dir).
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def check_page(page, assert_accessible):
    """axe-core at desktop and phone width; with SINERGI_SCREENSHOTS=dir also a full-page PNG of each, to look at."""
    shots = os.environ.get("SINERGI_SCREENSHOTS")

    def _check(name):
        original = page.viewport_size
        try:
            for size_name, size in VIEWPORTS.items():
                page.set_viewport_size(size)
                assert_accessible(page)
                if shots:
                    page.screenshot(path=os.path.join(shots, f"{name}-{size_name}.png"), full_page=True)
        finally:
            page.set_viewport_size(original)

    return _check
