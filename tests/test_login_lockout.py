"""Guessing passwords: after five failures an account is locked for the address they came from, the login page
says so in Indonesian, an administrator unlocks it, and administrators see every login, failed or not."""

import pytest
from django.test import Client

from tests.factories import UserFactory
from units.models import User

OFFICE_PC = "10.12.0.31"
ANOTHER_PC = "10.12.0.77"
LOCKED = "akun ini dikunci untuk komputer ini"


def attempt(client, username, password, address=OFFICE_PC):
    return client.post("/akun/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client):
    return client.get("/").status_code == 200


def guess_five_times(client, user, address=OFFICE_PC):
    return [attempt(client, user.username, f"tebakan-{n}", address) for n in range(5)]


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, operator_blora, password):
    responses = guess_five_times(client, operator_blora)

    assert all(LOCKED not in r.text for r in responses[:4]), "locked before the fifth failure"
    assert "Masukkan nama pengguna dan kata sandi yang benar" in responses[3].text
    assert responses[4].status_code == 429
    assert LOCKED in responses[4].text
    assert "Coba lagi setelah 30 menit, atau minta administrator Sinergi membuka kuncinya." in responses[4].text

    response = attempt(client, operator_blora.username, password)
    assert response.status_code == 429
    assert LOCKED in response.text
    assert not signed_in(client)


def test_a_lockout_holds_only_for_that_account_from_that_address(client, operator_blora, operator_kudus, password):
    guess_five_times(client, operator_blora)

    colleague_here = Client()
    attempt(colleague_here, operator_kudus.username, password)
    assert signed_in(colleague_here)

    same_person_elsewhere = Client()
    attempt(same_person_elsewhere, operator_blora.username, password, address=ANOTHER_PC)
    assert signed_in(same_person_elsewhere)


def test_a_successful_login_forgets_earlier_failures(client, operator_blora, password):
    for n in range(4):
        attempt(client, operator_blora.username, f"tebakan-{n}")
    attempt(client, operator_blora.username, password)
    client.post("/akun/logout/")
    for n in range(4):
        response = attempt(client, operator_blora.username, f"salah-ketik-{n}")
    assert LOCKED not in response.text


def test_an_administrator_unlocks_the_account(client, operator_blora, admin_pusat, password):
    guess_five_times(Client(), operator_blora)
    administrator = Client()
    administrator.force_login(admin_pusat)

    lockouts = administrator.get("/admin/axes/accessattempt/")
    assert lockouts.status_code == 200
    assert "operator.blora" in lockouts.text
    attempt_id = lockouts.context["cl"].result_list[0].pk
    response = administrator.post(
        "/admin/axes/accessattempt/", {"action": "unlock", "_selected_action": [attempt_id]}, follow=True
    )
    assert "Kunci dibuka untuk: operator.blora" in response.text

    attempt(client, operator_blora.username, password)
    assert signed_in(client)


def test_administrators_see_failed_and_successful_logins(client, operator_blora, admin_pusat, password):
    attempt(Client(), operator_blora.username, "tebakan-1")
    attempt(Client(), operator_blora.username, password, address=ANOTHER_PC)
    client.force_login(admin_pusat)

    failed = client.get("/admin/axes/accessfailurelog/")
    assert failed.status_code == 200
    assert logins_of("operator.blora", failed) == [OFFICE_PC]
    successful = client.get("/admin/axes/accesslog/")
    assert successful.status_code == 200
    assert logins_of("operator.blora", successful) == [ANOTHER_PC]


def logins_of(username, admin_list):
    return [row.ip_address for row in admin_list.context["cl"].result_list if row.username == username]


LOGIN_RECORDS = ["/admin/axes/accessattempt/", "/admin/axes/accesslog/", "/admin/axes/accessfailurelog/"]


@pytest.mark.parametrize("path", LOGIN_RECORDS)
def test_login_records_are_for_administrators_only(client, rutan_blora, path):
    staff_operator = UserFactory(unit=rutan_blora, role=User.Role.OPERATOR, is_staff=True)
    client.force_login(staff_operator)
    assert client.get(path).status_code == 403

    # An administrator by role, not a superuser: Sinergi's rule, not Django's permission table, decides.
    administrator = UserFactory(role=User.Role.ADMINISTRATOR, is_staff=True, is_superuser=False)
    client.force_login(administrator)
    assert client.get(path).status_code == 200


def test_behind_a_reverse_proxy_the_address_is_the_one_the_proxy_saw(settings, client, operator_blora, password):
    settings.SINERGI_PROXY_COUNT = 1
    for n in range(5):
        client.post(
            "/akun/login/",
            {"username": operator_blora.username, "password": f"tebakan-{n}"},
            REMOTE_ADDR="127.0.0.1",
            # A guesser may write anything on the left; the proxy appends the address it saw.
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {OFFICE_PC}",
        )
    colleague_behind_the_same_proxy = Client()
    colleague_behind_the_same_proxy.post(
        "/akun/login/",
        {"username": operator_blora.username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=ANOTHER_PC,
    )
    assert signed_in(colleague_behind_the_same_proxy)
    response = client.post(
        "/akun/login/",
        {"username": operator_blora.username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=OFFICE_PC,
    )
    assert LOCKED in response.text


def test_passwords_are_still_checked_for_strength(client, operator_blora, password):
    client.force_login(operator_blora)
    response = client.post(
        "/akun/kata-sandi/",
        {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "password_change_done" not in response.get("Location", "")
    assert response.context["form"].errors["new_password2"]
