"""The read API: token access that can be revoked, the same scope as the pages, and its own schema honoured
(checked by schemathesis, bounded to 50 examples per operation)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from agreements.models import FollowUp
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rutan_blora, rutan_kudus, ditjenpas):
    partner = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    records = {}
    for key, unit in (("blora", rutan_blora), ("kudus", rutan_kudus), ("pusat", ditjenpas)):
        agreement = AgreementFactory(unit=unit, subject=f"Kerja sama penanda [{key}]", number=f"NO-{key}")
        AgreementPartyFactory(agreement=agreement, partner=partner)
        item = AgreementProgramFactory(agreement=agreement)
        records[key] = (agreement, ActivityFactory(agreement_program=item, title=f"Kegiatan penanda [{key}]"))
    # Ditjenpas's agreement followed up by both UPTs; the note of Kudus's is theirs alone.
    national = records["pusat"][0]
    for key, unit in (("blora", rutan_blora), ("kudus", rutan_kudus)):
        FollowUp.objects.create(agreement=national, unit=unit, note=f"Catatan penanda [{key}]")
    return records


@pytest.fixture
def token(operator_blora):
    return Token.objects.create(user=operator_blora)


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def test_a_token_reads_and_a_revoked_token_does_not(client, world, token, operator_blora):
    response = client.get(reverse("api:agreement-list"), **auth(token))
    assert response.status_code == 200
    assert {row["number"] for row in response.json()["results"]} == {"NO-blora", "NO-pusat"}
    client.force_login(operator_blora)
    client.post(reverse("exchange:api_token_revoke"))
    client.logout()
    assert client.get(reverse("api:agreement-list"), **auth(token)).status_code == 401


def test_the_token_page_creates_shows_and_replaces_a_token(client, operator_blora):
    client.force_login(operator_blora)
    assert client.get(reverse("exchange:api_token_create")).status_code == 405
    client.post(reverse("exchange:api_token_create"))
    first = Token.objects.get(user=operator_blora)
    assert first.key in client.get(reverse("exchange:api_access")).content.decode()
    client.post(reverse("exchange:api_token_create"))
    assert Token.objects.get(user=operator_blora).key != first.key


ENDPOINTS = ["agreement", "partner", "program", "activity", "follow-up"]


@pytest.mark.parametrize(
    "query", ["", "?page_size=100", "?scope=own", "?q=penanda", "?cancelled=true", "?status=in_force"]
)
def test_another_units_records_never_appear(client, world, token, query):
    kudus_agreement, kudus_activity = world["kudus"]
    for name in ENDPOINTS:
        response = client.get(reverse(f"api:{name}-list") + query, **auth(token))
        assert response.status_code == 200
        assert "[kudus]" not in response.content.decode(), name
    assert client.get(reverse("api:agreement-detail", args=[kudus_agreement.pk]), **auth(token)).status_code == 404
    assert client.get(reverse("api:activity-detail", args=[kudus_activity.pk]), **auth(token)).status_code == 404
    kudus_follow_up = FollowUp.objects.get(unit=kudus_agreement.unit)
    assert client.get(reverse("api:follow-up-detail", args=[kudus_follow_up.pk]), **auth(token)).status_code == 404
    # Filtering by the other unit is refused as an unknown choice, as on the page.
    response = client.get(reverse("api:agreement-list") + f"?unit={kudus_agreement.unit_id}", **auth(token))
    assert response.status_code == 400


def test_filters_mirror_the_list_page(client, world, token):
    response = client.get(reverse("api:agreement-list") + "?scope=own", **auth(token))
    assert [row["number"] for row in response.json()["results"]] == ["NO-blora"]
    response = client.get(reverse("api:agreement-list") + "?kind=mou", **auth(token))
    assert response.json()["count"] == 0


def test_docs_page_needs_no_inline_script_and_no_cdn(client, operator_blora):
    client.force_login(operator_blora)
    page = client.get(reverse("api:docs")).content.decode()
    assert "<script>" not in page and "<style>" not in page and "cdn" not in page.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    script = client.get(reverse("api:docs") + "?script=")
    assert script["Content-Type"].startswith("application/javascript")


@pytest.fixture
def api_schema(world, token, settings):
    settings.ALLOWED_HOSTS = ["*"]
    # Requests go through Django's WSGI handler, which closes the database connection after each one unless, as
    # Django's test client does, that signal is held back: the test's transaction lives on that connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/schema/?format=json", get_wsgi_application(), headers={"Authorization": f"Token {token.key}"}
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_api_honours_its_schema(api_schema, token):
    """Every operation, 50 generated requests each: never a server error, always the documented shape, and never
    another unit's record. (schemathesis' pytest plugin does not run on pytest 9: its Python API is used.)"""
    headers = {"Authorization": f"Token {token.key}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=50, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def honours(case):
            response = case.call(headers=headers)
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
            )
            assert "[kudus]" not in response.text, case.operation.label

        honours()


def test_a_deactivated_account_token_stops_working(client, world, token, operator_blora):
    operator_blora.is_active = False
    operator_blora.save()
    assert client.get(reverse("api:agreement-list"), **auth(token)).status_code == 401


def test_follow_ups_are_read_as_the_coverage_matrix_reads_them(client, world, token, operator_pusat):
    national = world["pusat"][0]
    mine = client.get(reverse("api:follow-up-list"), **auth(token)).json()["results"]
    assert [(row["unit"]["name"], row["state_label"]) for row in mine] == [
        ("Rutan Kelas IIB Blora", "Belum ditindaklanjuti")
    ]
    pusat = Token.objects.create(user=operator_pusat)
    everyone = client.get(reverse("api:follow-up-list") + f"?agreement={national.pk}", **auth(pusat)).json()
    assert everyone["count"] == 2
    running = client.get(reverse("api:follow-up-list") + "?state=berjalan", **auth(pusat)).json()
    assert running["count"] == 0
