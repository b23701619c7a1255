"""With a read replica configured, reporting pages read from it and everything else from the primary."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from sinergi import db
from sinergi.db import ReportingRouter, reporting_reads


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}


def test_reporting_reads_go_to_the_replica_and_writes_to_the_primary(with_replica):
    router = ReportingRouter()
    assert router.db_for_read(Agreement) is None
    with reporting_reads():
        assert router.db_for_read(Agreement) == "replica"
        assert router.db_for_write(Agreement) == "default"
    assert router.db_for_read(Agreement) is None


def test_without_a_replica_everything_reads_the_primary():
    with reporting_reads():
        assert ReportingRouter().db_for_read(Agreement) is None


def test_the_replica_is_never_migrated():
    assert not ReportingRouter().allow_migrate("replica", "agreements")
    assert ReportingRouter().allow_migrate("default", "agreements")


@pytest.mark.parametrize("page", ["home", "partners:status"])
def test_summary_pages_read_agreements_as_reporting_reads_and_the_list_does_not(
    client, operator_blora, monkeypatch, page
):
    seen = []
    original = ReportingRouter.db_for_read

    def recording(self, model, **hints):
        if model is Agreement:
            seen.append(db._reporting.get())
        return original(self, model, **hints)

    monkeypatch.setattr(ReportingRouter, "db_for_read", recording)
    client.force_login(operator_blora)

    client.get(reverse(page))
    assert seen and all(seen)

    seen.clear()
    client.get(reverse("agreements:list"))
    assert seen and not any(seen)
