"""Wide sides of the tree read their figures from a snapshot the worker recounts; small sides count live.

SINERGI_FIGURES_LIVE_LIMIT is lowered here so a handful of agreements count as "wide"; in production it is 50,000."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from agreements.models import Agreement
from monitoring import snapshots
from monitoring.models import FiguresSnapshot
from monitoring.snapshots import refresh_snapshot
from tests.factories import AgreementFactory, AgreementPartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements(ditjenpas, rutan_blora, rutan_kudus):
    made = [AgreementFactory(unit=unit) for unit in (ditjenpas, rutan_blora, rutan_blora, rutan_kudus)]
    for agreement in made:
        AgreementPartyFactory(agreement=agreement)
    return made


def total_on_home(client):
    return client.get(reverse("home")).context["total"]


def test_a_small_side_is_counted_live_on_every_visit(client, operator_pusat, rutan_blora, agreements):
    client.force_login(operator_pusat)

    assert total_on_home(client) == 4
    AgreementFactory(unit=rutan_blora)
    assert total_on_home(client) == 5
    assert not FiguresSnapshot.objects.exists()


def test_a_wide_side_reads_its_snapshot_and_says_when_it_was_counted(
    client, settings, operator_pusat, rutan_blora, agreements
):
    settings.SINERGI_FIGURES_LIVE_LIMIT = 3
    client.force_login(operator_pusat)

    assert total_on_home(client) == 4
    AgreementFactory(unit=rutan_blora)
    response = client.get(reverse("home"))

    # Still the counted figure, and the page says so; the list itself is always live.
    assert response.context["total"] == 4
    assert "Angka dihitung" in response.content.decode()
    assert Agreement.objects.count() == 5
    call_command("refresh_figures", stdout=io.StringIO())
    assert total_on_home(client) == 5


def test_a_stale_snapshot_is_shown_while_one_recount_is_queued(
    client, settings, operator_pusat, rutan_blora, agreements
):
    settings.SINERGI_FIGURES_LIVE_LIMIT = 3
    client.force_login(operator_pusat)
    total_on_home(client)
    FiguresSnapshot.objects.update(computed_at=timezone.now() - datetime.timedelta(hours=1))
    AgreementFactory(unit=rutan_blora)

    # Three visits while it is stale: each sees the old figures, one recount is queued.
    assert [total_on_home(client) for _ in range(3)] == [4, 4, 4]
    queued = DBTaskResult.objects.filter(task_path=f"{refresh_snapshot.module_path}")
    assert queued.count() == 1

    refresh_snapshot.call(FiguresSnapshot.objects.get().pk)
    assert total_on_home(client) == 5


def test_each_side_has_its_own_snapshot(client, settings, operator_pusat, operator_kanwil_jateng, agreements):
    settings.SINERGI_FIGURES_LIVE_LIMIT = 4
    client.force_login(operator_pusat)
    assert total_on_home(client) == 4
    client.force_login(operator_kanwil_jateng)

    # The Kanwil's side holds 3 agreements, under the limit of 4:, counted live, never the nation's snapshot.
    assert total_on_home(client) == 3
    assert FiguresSnapshot.objects.count() == 1


def test_a_user_moved_to_another_unit_drops_the_snapshot_counted_for_them(
    settings, client, operator_pusat, rutan_kudus, agreements
):
    settings.SINERGI_FIGURES_LIVE_LIMIT = 3
    client.force_login(operator_pusat)
    total_on_home(client)
    operator_pusat.unit = rutan_kudus
    operator_pusat.save()

    call_command("refresh_figures", stdout=io.StringIO())

    assert not FiguresSnapshot.objects.exists()


def test_the_partner_status_page_takes_its_totals_from_the_snapshot_only_when_unfiltered(
    client, settings, operator_pusat, rutan_blora, agreements
):
    settings.SINERGI_FIGURES_LIVE_LIMIT = 3
    client.force_login(operator_pusat)
    url = reverse("partners:status")
    assert client.get(url).context["page_obj"].paginator.count == 4
    AgreementPartyFactory(agreement=AgreementFactory(unit=rutan_blora))

    assert client.get(url).context["page_obj"].paginator.count == 4
    assert client.get(url, {"o": "-name"}).context["page_obj"].paginator.count == 4
    assert (
        client.get(url, {"sector": agreements[0].parties.get().partner.sector}).context["page_obj"].paginator.count >= 1
    )
    assert client.get(url, {"q": "a"}).context["counted_at"] is None


def test_a_snapshot_of_an_older_shape_is_neither_read_nor_kept(
    client, settings, monkeypatch, operator_pusat, rutan_blora, agreements
):
    settings.SINERGI_FIGURES_LIVE_LIMIT = 3
    client.force_login(operator_pusat)
    assert total_on_home(client) == 4
    AgreementFactory(unit=rutan_blora)
    # A new release counts something more on the home page and raises the figures' version.
    function, version = snapshots.COMPUTERS["home"]
    monkeypatch.setitem(snapshots.COMPUTERS, "home", (function, version + 1))

    assert total_on_home(client) == 5
    call_command("refresh_figures", stdout=io.StringIO())
    assert [key.endswith(f":v{version + 1}") for key in FiguresSnapshot.objects.values_list("key", flat=True)] == [True]
