"""What the activities carried out add up to, against counts made here: totals and progress.

Time is frozen on 15 June 2025 (Jakarta) so "today", "the last 90 days" and "not in the future" never move.
"""

import pytest

from programs.models import WARGA_BINAAN_GROUPS, Activity, TargetGroup
from tests.activities.helpers import GROUPS

pytestmark = pytest.mark.django_db


def test_totals_match_an_independent_count(varied, operator_kanwil_jateng, operator_blora):
    done = [a for a in varied["activities"] if a.cancelled_on is None]
    totals = Activity.objects.all().totals()
    assert totals["activities"] == len(done)
    assert totals["participants"] == sum(getattr(a, g) for a in done for g in GROUPS)
    assert totals["warga_binaan"] == sum(getattr(a, g) for a in done for g in WARGA_BINAAN_GROUPS)

    february = Activity.objects.filter(starts_on__year=2025, starts_on__month=2).totals()
    in_february = [a for a in done if a.starts_on.month == 2]
    assert february["activities"] == len(in_february)
    assert february["participants"] == sum(a.participants_total for a in in_february)

    # Blora's operator reads Blora's activities only; its Kanwil reads both UPTs'.
    blora_done = [a for a in done if a.agreement_program.agreement.unit_id == operator_blora.unit_id]
    assert Activity.objects.for_user(operator_blora).totals()["activities"] == len(blora_done)
    assert Activity.objects.for_user(operator_kanwil_jateng).totals()["activities"] == len(done)


def test_program_progress_matches_an_independent_count(varied):
    done = [a for a in varied["activities"] if a.cancelled_on is None]
    for item in varied["programs"]:
        annotated = type(item).objects.with_progress().get(pk=item.pk)
        mine = [a for a in done if a.agreement_program_id == item.pk]
        assert annotated.activity_count == len(mine)
        assert annotated.participant_count == sum(a.participants_total for a in mine)
        if item.target_group == TargetGroup.PETUGAS:
            assert annotated.achieved == max((a.petugas for a in mine), default=0)
            assert annotated.achievement_label == "petugas"
        else:
            # A Rutan's program for narapidana (or tahanan) counts every warga binaan who took part, at the
            # largest turnout: head counts of repeated sessions cannot be added up into people reached.
            assert annotated.achieved == max((a.warga_binaan_total for a in mine), default=0)
            assert annotated.achievement_label == "warga binaan"


def test_a_program_without_activities_has_zero_not_none(blora_bimbingan):
    item = type(blora_bimbingan).objects.with_progress().get(pk=blora_bimbingan.pk)
    assert (item.activity_count, item.participant_count, item.achieved) == (0, 0, 0)
