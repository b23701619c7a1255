"""Sessions on shared office computers: one working day at most, gone with the browser, and signing out on one
computer signs the account out on every other."""

import datetime

import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from units.models import UserSession

SIGNED_IN_AT = datetime.datetime(2025, 7, 1, 7, 30, tzinfo=datetime.UTC)


def sign_in(client, user, password):
    response = client.post("/akun/login/", {"username": user.username, "password": password})
    assert response.status_code == 302, "the login should succeed"
    return client


def can_open_home(client):
    response = client.get("/")
    return response.status_code == 200


def test_a_session_ends_with_the_browser(client, operator_blora, password):
    sign_in(client, operator_blora, password)
    cookie = client.cookies["sessionid"]
    # No expiry date on the cookie: the browser forgets it when it closes.
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


def test_a_session_lasts_one_working_day_at_most(client, operator_blora, password):
    with time_machine.travel(SIGNED_IN_AT, tick=False) as traveller:
        sign_in(client, operator_blora, password)
        traveller.move_to(SIGNED_IN_AT + datetime.timedelta(hours=9, minutes=59))
        assert can_open_home(client)
        traveller.move_to(SIGNED_IN_AT + datetime.timedelta(hours=10, minutes=1))
        response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/akun/login/")


def test_signing_out_ends_the_accounts_sessions_on_every_computer(operator_blora, operator_kudus, password):
    office_pc, phone, colleague = Client(), Client(), Client()
    sign_in(office_pc, operator_blora, password)
    sign_in(phone, operator_blora, password)
    sign_in(colleague, operator_kudus, password)

    office_pc.post("/akun/logout/")

    assert not can_open_home(office_pc)
    assert not can_open_home(phone), "the phone is still signed in after signing out on the office PC"
    assert can_open_home(colleague), "another account's session must survive"


def test_clearsessions_removes_sessions_past_their_day(client, operator_blora, password):
    with time_machine.travel(SIGNED_IN_AT, tick=False):
        sign_in(client, operator_blora, password)
    assert UserSession.objects.filter(user=operator_blora).exists()
    assert UserSession.objects.get().expire_date < timezone.now()
    call_command("clearsessions")
    assert not UserSession.objects.exists()
