"""Agreements in force that produce nothing show up as "tidak aktif", by the same rule everywhere.

Time is frozen on 15 June 2025 (Jakarta) so "today", "the last 90 days" and "not in the future" never move.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement
from tests.activities.helpers import D, days, expected_dormant
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days_idle", [90, 30, 365])
def test_dormant_flag_matches_an_independent_count(settings, agreements_with_and_without_activities, days_idle):
    settings.SINERGI_DORMANT_DAYS = days_idle
    agreements, activities = agreements_with_and_without_activities
    expected = {a.pk for a in agreements.values() if expected_dormant(a, activities, days_idle)}

    assert set(Agreement.objects.dormant().values_list("pk", flat=True)) == expected
    flags = dict(Agreement.objects.with_dormancy().values_list("pk", "is_dormant"))
    assert {pk for pk, flag in flags.items() if flag} == expected
    if days_idle == 90:
        names = {name for name, a in agreements.items() if a.pk in expected}
        assert names == {"idle", "old_only", "cancelled_recent", "91_days_ago", "ending_soon_idle"}


def test_last_activity_ignores_cancelled_ones(agreements_with_and_without_activities):
    agreements, _ = agreements_with_and_without_activities
    last = dict(Agreement.objects.with_last_activity().values_list("pk", "last_activity_on"))
    assert last[agreements["recent"].pk] == days(-10)
    assert last[agreements["long_activity_ending_recently"].pk] == days(-80)
    assert last[agreements["cancelled_recent"].pk] is None
    assert last[agreements["idle"].pk] is None


def test_agreement_list_tags_and_filters_dormant_agreements(client, operator_blora, rutan_blora):
    idle = AgreementFactory(unit=rutan_blora, subject="Kerja sama di atas kertas", signed_on=D(2024, 1, 5))
    AgreementProgramFactory(agreement=idle)
    busy = AgreementFactory(unit=rutan_blora, subject="Kerja sama yang berjalan", signed_on=D(2024, 1, 5))
    ActivityFactory(agreement_program__agreement=busy, starts_on=days(-3))
    client.force_login(operator_blora)

    html = client.get(reverse("agreements:list")).content.decode()
    rows = {subject: html.split(subject, 1)[1].split("</tr>", 1)[0] for subject in (idle.subject, busy.subject)}
    assert "tidak aktif" in rows[idle.subject]
    assert "tidak aktif" not in rows[busy.subject]
    assert "Tidak aktif (tanpa kegiatan 90 hari)" in html

    filtered = client.get(reverse("agreements:list"), {"dormant": "on"}).content.decode()
    assert idle.subject in filtered
    assert busy.subject not in filtered


def test_agreement_list_queries_do_not_grow_with_dormancy(client, operator_blora, rutan_blora):
    def make(count):
        for n in range(count):
            agreement = AgreementFactory(unit=rutan_blora, subject=f"Kerja sama {n}", signed_on=D(2024, 1, 5))
            AgreementPartyFactory(agreement=agreement)
            if n % 2:
                ActivityFactory(agreement_program__agreement=agreement, starts_on=days(-n))

    client.force_login(operator_blora)
    make(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("agreements:list"), {"dormant": "on"}).status_code == 200
    make(30)
    cache.clear()  # the filter form is drawn again too, as on the first visit
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("agreements:list"), {"dormant": "on"}).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert "tidak aktif" in html


def test_agreement_page_says_when_the_agreement_is_dormant(client, operator_blora, blora_bimbingan):
    client.force_login(operator_blora)
    url = reverse("agreements:detail", args=[blora_bimbingan.agreement_id])
    assert "tidak ada kegiatan tercatat dalam 90 hari terakhir" in client.get(url).content.decode()
    ActivityFactory(agreement_program=blora_bimbingan, starts_on=days(-2))
    assert "tidak ada kegiatan tercatat dalam 90 hari terakhir" not in client.get(url).content.decode()
