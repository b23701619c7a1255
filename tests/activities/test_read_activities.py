"""Heads, Kanwil and other units read activities: the agreement's timeline, the monthly list, the catalogue and a
program's page, each within its scope.

Time is frozen on 15 June 2025 (Jakarta) so "today", "the last 90 days" and "not in the future" never move.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement
from programs.models import Activity, TargetGroup
from tests.activities.helpers import LIST, TODAY, D, activity_data, create_url, make_activities
from tests.factories import (
    ActivityEvidenceFactory,
    ActivityFactory,
    AgreementProgramFactory,
)

pytestmark = pytest.mark.django_db


def test_agreement_page_shows_timeline_and_progress(client, operator_blora, blora_bimbingan):
    ActivityFactory(agreement_program=blora_bimbingan, narapidana=20, tahanan=5, petugas=2, title="Kajian Februari")
    ActivityFactory(agreement_program=blora_bimbingan, narapidana=29, starts_on=D(2025, 3, 7), title="Kajian Maret")
    ActivityFactory(
        agreement_program=blora_bimbingan,
        narapidana=45,
        title="Kajian batal",
        cancelled_on=TODAY,
        cancellation_reason="Salah catat",
    )
    client.force_login(operator_blora)
    html = client.get(reverse("agreements:detail", args=[blora_bimbingan.agreement_id])).content.decode()

    # The largest turnout of warga binaan (20 + 5 in February, 29 in March); petugas and the cancelled one do not count.
    assert "29 dari 50 warga binaan" in html
    assert "Kajian Februari" in html
    assert "Kajian Maret" in html
    assert "Kajian batal" not in html
    assert "2 kegiatan terlaksana dengan 56 peserta" in html
    assert create_url(blora_bimbingan) in html


def test_kepala_reads_the_timeline_but_gets_no_log_button(client, kepala_blora, blora_bimbingan):
    ActivityFactory(agreement_program=blora_bimbingan, title="Kajian Februari")
    client.force_login(kepala_blora)
    html = client.get(reverse("agreements:detail", args=[blora_bimbingan.agreement_id])).content.decode()
    assert "Kajian Februari" in html
    assert "Catat kegiatan" not in html
    assert create_url(blora_bimbingan) not in html


def test_kepala_may_not_log_activities(client, kepala_blora, blora_bimbingan):
    client.force_login(kepala_blora)
    assert client.get(create_url(blora_bimbingan)).status_code == 403
    assert client.post(create_url(blora_bimbingan), activity_data(blora_bimbingan)).status_code == 403
    assert not Activity.objects.exists()
    activity = ActivityFactory(agreement_program=blora_bimbingan)
    assert client.get(reverse("programs:activity_detail", args=[activity.pk])).status_code == 200
    assert client.get(reverse("programs:activity_update", args=[activity.pk])).status_code == 403
    assert (
        client.post(reverse("programs:activity_cancel", args=[activity.pk]), {"cancellation_reason": "x"}).status_code
        == 403
    )


def test_the_kanwil_reads_but_does_not_change_a_upt_activity(client, operator_kanwil_jateng, blora_bimbingan):
    activity = ActivityEvidenceFactory(activity__agreement_program=blora_bimbingan).activity
    client.force_login(operator_kanwil_jateng)
    assert client.get(reverse("programs:activity_detail", args=[activity.pk])).status_code == 200
    assert client.get(reverse("programs:evidence_download", args=[activity.evidence.get().pk])).status_code == 200
    assert client.get(reverse("programs:activity_update", args=[activity.pk])).status_code == 403
    assert client.get(create_url(blora_bimbingan)).status_code == 403


def test_another_units_activity_and_evidence_are_404(client, operator_blora, kudus_activity):
    evidence = ActivityEvidenceFactory(activity=kudus_activity)
    client.force_login(operator_blora)
    for url in [
        reverse("programs:activity_detail", args=[kudus_activity.pk]),
        reverse("programs:activity_update", args=[kudus_activity.pk]),
        reverse("programs:activity_cancel", args=[kudus_activity.pk]),
        reverse("programs:evidence_download", args=[evidence.pk]),
        reverse("programs:evidence_thumbnail", args=[evidence.pk]),
        create_url(kudus_activity.agreement_program),
    ]:
        assert client.get(url).status_code == 404, url
    html = client.get(LIST).content.decode()
    assert "Pemeriksaan kesehatan Kudus" not in html


def test_anonymous_is_sent_to_login(client, kudus_activity):
    evidence = ActivityEvidenceFactory(activity=kudus_activity)
    for url in [LIST, reverse("programs:catalogue"), reverse("programs:evidence_download", args=[evidence.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_monthly_list_with_totals_over_the_filtered_rows(client, operator_kanwil_jateng, blora_bimbingan, rutan_kudus):
    ActivityFactory(agreement_program=blora_bimbingan, starts_on=D(2025, 2, 14), narapidana=25, title="Kajian Feb")
    ActivityFactory(agreement_program=blora_bimbingan, starts_on=D(2025, 2, 21), narapidana=10, petugas=3)
    ActivityFactory(agreement_program=blora_bimbingan, starts_on=D(2025, 3, 14), narapidana=40, title="Kajian Mar")
    ActivityFactory(
        agreement_program=blora_bimbingan,
        starts_on=D(2025, 2, 28),
        narapidana=99,
        title="Kajian batal",
        cancelled_on=TODAY,
        cancellation_reason="Hujan deras",
    )
    client.force_login(operator_kanwil_jateng)

    response = client.get(LIST, {"month": 2, "year": 2025})
    html = response.content.decode()
    assert response.context["totals"] == {
        "activities": 2,
        "participants": 38,
        "warga_binaan": 35,
        "petugas": 3,
        "keluarga": 0,
    }
    assert "Kajian Feb" in html
    assert "Kajian Mar" not in html
    assert "Kajian batal" not in html

    with_cancelled = client.get(LIST, {"month": 2, "year": 2025, "cancelled": "on"})
    assert "Kajian batal" in with_cancelled.content.decode()
    assert with_cancelled.context["totals"]["activities"] == 2  # listed, never counted

    by_partner = client.get(LIST, {"partner": "Kantor Kementerian Agama Kabupaten Blora"})
    assert by_partner.context["totals"]["activities"] == 3
    assert client.get(LIST, {"partner": "Bank"}).context["totals"]["activities"] == 0
    assert client.get(LIST, {"unit": rutan_kudus.pk}).context["totals"]["activities"] == 0
    by_agreement = client.get(LIST, {"agreement": blora_bimbingan.agreement_id})
    assert by_agreement.context["totals"]["activities"] == 3
    assert blora_bimbingan.agreement.subject in by_agreement.content.decode()


@pytest.mark.parametrize(
    "url_name",
    ["programs:activity_list", "programs:catalogue", "programs:detail"],
)
def test_list_queries_do_not_grow_with_rows(
    client, operator_kanwil_jateng, rutan_blora, rutan_kudus, bimbingan, url_name
):
    url = reverse(url_name, args=[bimbingan.pk] if url_name == "programs:detail" else [])
    client.force_login(operator_kanwil_jateng)
    make_activities(3, [rutan_blora, rutan_kudus], bimbingan)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"year": 2025}).status_code == 200
    make_activities(40, [rutan_blora, rutan_kudus], bimbingan)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url, {"year": 2025}).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries), url_name
    assert "Kerja sama" in html or url_name == "programs:catalogue"


def test_catalogue_counts_within_scope(client, operator_blora, operator_pusat, blora_bimbingan, kudus_activity):
    ActivityFactory(agreement_program=blora_bimbingan, narapidana=25, tahanan=5)
    kudus_item = kudus_activity.agreement_program
    kudus_item.program = blora_bimbingan.program
    kudus_item.save()

    client.force_login(operator_blora)
    program = next(
        p for p in client.get(reverse("programs:catalogue")).context["programs"] if p.name == "Bimbingan keagamaan"
    )
    assert (program.agreement_count, program.activity_count, program.participant_count) == (1, 1, 30)

    client.force_login(operator_pusat)
    program = next(
        p for p in client.get(reverse("programs:catalogue")).context["programs"] if p.name == "Bimbingan keagamaan"
    )
    assert (program.agreement_count, program.activity_count, program.participant_count) == (2, 2, 55)


def test_program_page_lists_agreements_in_scope(client, operator_blora, blora_bimbingan, kudus_activity):
    ActivityFactory(agreement_program=blora_bimbingan, narapidana=25)
    kudus_item = kudus_activity.agreement_program
    kudus_item.program = blora_bimbingan.program
    kudus_item.save()
    client.force_login(operator_blora)
    response = client.get(reverse("programs:detail", args=[blora_bimbingan.program_id]))
    html = response.content.decode()
    assert blora_bimbingan.agreement.subject in html
    assert kudus_item.agreement.subject not in html
    assert "25 dari 50 warga binaan" in html
    assert response.context["totals"]["activities"] == 1
    assert response.context["agreement_count"] == 1

    # The same agreement covering the program for a second target group is still one agreement.
    AgreementProgramFactory(
        agreement=blora_bimbingan.agreement, program=blora_bimbingan.program, target_group=TargetGroup.TAHANAN
    )
    response = client.get(reverse("programs:detail", args=[blora_bimbingan.program_id]))
    assert response.context["agreement_count"] == 1
    assert len(response.context["page_obj"].object_list) == 2


def test_demo_has_blora_activities_from_early_2025_and_some_dormant_agreements():
    from demo import loader as demo
    from programs.catalogue import load_catalogue
    from programs.models import Program, ProgramCategory

    load_catalogue(ProgramCategory, Program)  # a reused test database may have lost the migrated catalogue
    demo.load(today=TODAY)
    blora = Agreement.objects.get(unit__name="Rutan Kelas IIB Blora", signed_on=D(2024, 12, 30))
    activities = Activity.objects.filter(agreement_program__agreement=blora)
    programs = set(activities.values_list("agreement_program__program__name", flat=True))
    assert programs == {"Bimbingan keagamaan", "Pelatihan rohani", "Pendampingan moral"}
    first = activities.order_by("starts_on").first()
    assert D(2025, 1, 2) <= first.starts_on <= D(2025, 3, 31)
    assert activities.order_by("-starts_on").first().starts_on <= TODAY
    for activity in Activity.objects.all():
        assert "(contoh)" in activity.summary or "(contoh)" in activity.title
        assert activity.facilitator_name == "" or "(contoh)" in activity.facilitator_name
    in_force = Agreement.objects.in_force(TODAY).count()
    dormant = Agreement.objects.dormant(TODAY).count()
    assert 0 < dormant < in_force / 2
    assert not Agreement.objects.dormant(TODAY).filter(pk=blora.pk).exists()


def test_activities_are_changed_on_their_pages_not_in_the_admin(
    client, operator_blora, admin_pusat, blora_bimbingan, kudus_activity
):
    """Operators record and correct activities on the app's pages; the admin is the administrators'."""
    blora_activity = ActivityEvidenceFactory(activity__agreement_program=blora_bimbingan).activity
    client.force_login(operator_blora)
    assert client.get(reverse("admin:programs_activity_changelist")).status_code == 403
    assert client.get(reverse("admin:programs_activity_change", args=[blora_activity.pk])).status_code == 403

    client.force_login(admin_pusat)
    listing = client.get(reverse("admin:programs_activity_changelist")).content.decode()
    assert blora_activity.title in listing
    assert kudus_activity.title in listing
    change = client.get(reverse("admin:programs_activity_change", args=[blora_activity.pk])).content.decode()
    assert 'value="Simpan"' in change
    assert "foto-kegiatan.png" in change  # the evidence inline, read-only


def test_navigation_marks_the_current_section(client, operator_blora):
    client.force_login(operator_blora)
    html = client.get(reverse("programs:catalogue")).content.decode()
    assert f'<a href="{reverse("programs:catalogue")}" aria-current="page">Program</a>' in html
    html = client.get(LIST).content.decode()
    assert f'<a href="{LIST}" aria-current="page">Kegiatan</a>' in html
