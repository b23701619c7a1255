"""The home page's status counts: each is exactly the number of rows of the list it opens, for every demo
account (the counts cover the unit's own side, so their links carry the same scope)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from units.models import User

DEMO_ACCOUNTS = [
    "operator.blora",
    "kepala.blora",
    "operator.kudus",
    "kepala.kudus",
    "kanwil.jateng",
    "kepala.jateng",
    "pusat",
    "kepala.pusat",
    "admin",
]


@pytest.fixture
def demo(db):
    call_command("load_demo_data", stdout=StringIO())


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_each_home_count_is_the_row_count_of_the_list_it_opens(client, demo, username):
    client.force_login(User.objects.get(username=username))

    counts = client.get(reverse("home")).context["status_counts"]

    assert sum(count for _status, count, _url in counts) > 0
    for status, count, url in counts:
        listed = client.get(url)
        assert listed.context["page_obj"].paginator.count == count, (status, url)
