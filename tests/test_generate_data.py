"""The national sample the scale benchmark measures is built with the tables' triggers off; what those triggers
keep (the search documents, the units' tally behind the list's total) must be there all the same."""

import pytest
from django.db import connection
from django.urls import reverse

from agreements.models import Agreement
from demo import national
from units.models import User

pytestmark = pytest.mark.django_db


def test_the_generated_sample_reads_like_one_entered_by_hand(client):
    with connection.cursor() as cursor:
        # Inside the test's transaction, deferred foreign-key checks would forbid turning the triggers off.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    national.generate(agreements=300, partners=60)
    pusat = User.objects.get(username="bench.pusat")
    client.force_login(pusat)
    page = client.get(reverse("agreements:list")).content.decode()
    assert f"{Agreement.objects.count()} perjanjian" in page
    assert page.count('class="cell-title"') == 25
    upt = User.objects.get(username="bench.upt")
    client.force_login(upt)
    page = client.get(reverse("agreements:list")).content.decode()
    assert f"{Agreement.objects.for_user(upt).count()} perjanjian" in page
    subject = Agreement.objects.order_by("pk").values_list("subject", flat=True).first()
    page = client.get(reverse("agreements:list"), {"q": subject.split()[-2]}).content.decode()
    assert 'class="cell-title"' in page
    # A register in use: most agreements verified, a few waiting for their head, drafts not yet submitted.
    states = set(Agreement.objects.values_list("verification_state", flat=True))
    assert states == {"draft", "submitted", "verified"}
