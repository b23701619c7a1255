"""Every kind of response carries a Content-Security-Policy that admits only Sinergi's own files, and no page
needs more: no inline script or style, no event-handler attribute, except the admin's blocks with the nonce."""

import re
from html.parser import HTMLParser

import pytest

from tests.factories import AgreementDocumentFactory, AgreementFactory, AgreementPartyFactory, PartnerFactory

pytestmark = pytest.mark.django_db


class InlineCode(HTMLParser):
    """What in a page the browser would refuse under a policy without 'unsafe-inline', given the page's nonce."""

    def __init__(self, nonce):
        super().__init__()
        self.nonce = nonce
        self.refused = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.refused.append(f'<{tag} style="{attrs["style"]}">')
        self.refused += [f"<{tag} {name}=...>" for name in attrs if name.startswith("on")]
        inline = tag == "style" or (tag == "script" and "src" not in attrs)
        if inline and attrs.get("nonce") != self.nonce:
            self.refused.append(f"<{tag}> without the nonce")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.refused.append("<meta http-equiv=refresh>")


# Inline code in third-party templates that the policy refuses, knowingly: what is lost and why that is fine.
REFUSED_KNOWINGLY = {
    # django-simple-history's admin history list: without it a thin line shows above the entry count.
    '<p style="border-top: 0">',
}


def policy_of(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    return dict(directive.strip().split(" ", 1) for directive in header.split(";"))


@pytest.fixture
def pages(rutan_blora, operator_blora, kepala_blora, admin_pusat):
    agreement = AgreementFactory(unit=rutan_blora, subject="Pembinaan keagamaan warga binaan")
    AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(name="Kantor Kementerian Agama Blora"))
    document = AgreementDocumentFactory(agreement=agreement)
    pages = {  # page type: (who, path, status)
        "login page": (None, "/akun/login/", 200),
        "home": (operator_blora, "/", 200),
        "list": (operator_blora, "/perjanjian/", 200),
        "record": (operator_blora, f"/perjanjian/{agreement.pk}/", 200),
        "form": (operator_blora, "/perjanjian/baru/", 200),
        "not found": (operator_blora, "/perjanjian/999999/", 404),
        "forbidden": (kepala_blora, f"/perjanjian/{agreement.pk}/ubah/", 403),
        "redirect to login": (None, "/perjanjian/", 302),
        "JSON": (operator_blora, "/mitra/cari/?q=Kantor", 200),
        "file download": (operator_blora, f"/perjanjian/dokumen/{document.pk}/unduh/", 200),
        "PDF": (operator_blora, f"/perjanjian/{agreement.pk}/ringkasan.pdf", 200),
        "admin index": (admin_pusat, "/admin/", 200),
        "admin list": (admin_pusat, "/admin/agreements/agreement/", 200),
        "admin list without actions": (admin_pusat, "/admin/axes/accesslog/", 200),
        "admin form": (admin_pusat, f"/admin/agreements/agreement/{agreement.pk}/change/", 200),
        "admin history": (admin_pusat, f"/admin/agreements/agreement/{agreement.pk}/history/", 200),
    }
    assert list(pages) == PAGE_TYPES
    return pages


PAGE_TYPES = [
    "login page",
    "home",
    "list",
    "record",
    "form",
    "not found",
    "forbidden",
    "redirect to login",
    "JSON",
    "file download",
    "PDF",
    "admin index",
    "admin list",
    "admin list without actions",
    "admin form",
    "admin history",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_type_has_a_policy_without_unsafe_inline(client, pages, page_type):
    who, path, status = pages[page_type]
    if who:
        client.force_login(who)
    response = client.get(path)
    assert response.status_code == status

    policy = policy_of(response)
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"

    if response["Content-Type"].startswith("text/html") and response.content:
        nonce = re.search(r"'nonce-([^']+)'", policy["script-src"])
        page = InlineCode(nonce.group(1) if nonce else None)
        page.feed(response.content.decode())
        refused = [code for code in page.refused if code not in REFUSED_KNOWINGLY]
        assert refused == [], f"{path} has inline code the policy refuses"


def test_the_lockout_page_has_the_policy_too(client, operator_blora):
    for n in range(5):
        response = client.post("/akun/login/", {"username": operator_blora.username, "password": f"tebakan-{n}"})
    assert response.status_code == 429
    assert "unsafe-inline" not in policy_of(response)["style-src"]
