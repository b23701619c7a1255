"""The cascade demo, loaded after the base demo: the 1 Juli 2025 ceremony as one event, cascaded to every UPT,
with Kudus started on several agreements and not on the others."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Agreement, FollowUp, FollowUpState, SigningEvent
from demo import loader as demo
from demo.cascade import EVENT_NAME, load_cascade
from programs.models import Activity
from units.models import Unit, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    # The base demo loads the cascade too.
    demo.load(today=datetime.date(2025, 11, 1))
    return SigningEvent.objects.get(name=EVENT_NAME)


def test_the_ceremony_is_one_event_with_nine_partners_cascaded_to_every_upt(event):
    agreements = Agreement.objects.filter(signing_event=event)
    assert agreements.count() == 9
    assert {a.kind for a in agreements} == {Agreement.Kind.MOU, Agreement.Kind.PKS}
    assert event.addressed_by == "Direktur Jenderal Pemasyarakatan Mashudi" and event.is_virtual
    upt = Unit.objects.exclude(kind__in=[Unit.Kind.DITJENPAS, Unit.Kind.KANWIL]).count()
    assert FollowUp.objects.count() == 9 * upt
    assert FollowUp.history.count() >= 9 * upt
    assert load_cascade() is None  # a second run changes nothing
    assert SigningEvent.objects.count() == 1


def test_kudus_has_started_on_several_and_not_on_the_others(event, client):
    kudus = Unit.objects.get(name="Rutan Kelas IIB Kudus")
    follow_ups = FollowUp.objects.filter(unit=kudus)
    assert follow_ups.filter(state=FollowUpState.RUNNING).count() == 2
    assert follow_ups.filter(state=FollowUpState.NOT_STARTED).exists()
    local = Agreement.objects.get(unit=kudus, parent__signing_event=event, signed_on__isnull=False)
    assert "Kudus" in local.parties.get().partner.name
    assert Activity.objects.filter(unit=kudus, agreement_program__agreement__signing_event=event).exists()
    client.force_login(User.objects.get(username="operator.kudus"))
    home = client.get(reverse("home")).content.decode()
    assert "Perjanjian nasional menunggu tindak lanjut" in home
