"""Login throttling: wrong passwords lock the user out for a while, with a clear message."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password="the-right-password-42", is_staff=True)


def log_in(client, password):
    return client.post(LOGIN, {"username": "editor", "password": password})


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(editor):
    client = Client()
    for _ in range(4):
        response = log_in(client, "wrong")
        assert response.status_code == 200 and "Please enter the correct username and password" in response.text
    response = log_in(client, "wrong")
    assert response.status_code == 429
    assert "Too many failed logins" in response.text and "try again in 15 minutes" in response.text

    response = log_in(client, "the-right-password-42")
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_an_administrator_unlocks_a_locked_out_editor(editor):
    client = Client()
    for _ in range(5):
        log_in(client, "wrong")
    assert log_in(client, "the-right-password-42").status_code == 429
    call_command("axes_reset_username", "editor", verbosity=0)
    assert log_in(client, "the-right-password-42").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_right_password_resets_the_count(editor):
    client = Client()
    for _ in range(4):
        log_in(client, "wrong")
    assert log_in(client, "the-right-password-42").status_code == 302
    client.logout()
    for _ in range(4):
        assert log_in(client, "wrong").status_code == 200
    assert log_in(client, "the-right-password-42").status_code == 302


def test_the_lockout_is_per_user_name_and_address(editor):
    User.objects.create_user("colleague", password="another-right-password-7", is_staff=True)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        log_in(attacker, "wrong")
    assert log_in(attacker, "the-right-password-42").status_code == 429
    # The same editor from the office, and a colleague from the attacker's address, still log in.
    assert log_in(Client(REMOTE_ADDR="198.51.100.4"), "the-right-password-42").status_code == 302
    colleague = attacker.post(LOGIN, {"username": "colleague", "password": "another-right-password-7"})
    assert colleague.status_code == 302
