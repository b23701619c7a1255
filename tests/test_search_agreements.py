"""The register's free-text search at scale: a full-text document per agreement that the database keeps current
whatever writes the rows, and a total counted only up to a bound."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.search import tsquery
from sinergi.pagination import BoundedCountPaginator
from tests.factories import AgreementFactory, AgreementPartyFactory, PartnerFactory

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the document lives in PostgreSQL")


def found(client, user, text):
    client.force_login(user)
    return [row.subject for row in client.get(reverse("agreements:list"), {"q": text}).context["page_obj"]]


def test_words_become_phrases_of_their_pieces_with_a_prefix_at_the_end():
    assert tsquery("HM.05.02-71 kerohani") == "(hm <-> 05 <-> 02 <-> 71:*) & (kerohani | kerohani:*)"
    assert tsquery("  ") == ""
    assert tsquery("&|!():*") == ""


@postgresql_only
def test_a_party_added_later_and_a_renamed_partner_are_found_by_both_names(client, operator_blora, rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora, subject="Pelatihan barista", number="W.13-HM.05.02-9")
    assert found(client, operator_blora, "sejahtera") == []

    party = AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(name="Koperasi Sejahtera Bersama"))
    assert found(client, operator_blora, "sejahtera") == ["Pelatihan barista"]

    party.partner.name = "Koperasi Makmur Bersama"
    party.partner.save()
    # Found by the name it was signed with and by the directory's name today.
    assert found(client, operator_blora, "sejahtera") == ["Pelatihan barista"]
    assert found(client, operator_blora, "makmur koperasi") == ["Pelatihan barista"]

    agreement.subject = "Pelatihan kopi"
    agreement.save()
    assert found(client, operator_blora, "barista") == []
    assert found(client, operator_blora, "HM.05.02-9 kopi") == ["Pelatihan kopi"]

    party.delete()
    assert found(client, operator_blora, "makmur") == []
    assert found(client, operator_blora, "kopi") == ["Pelatihan kopi"]


def test_a_search_counts_only_up_to_a_bound(client, operator_blora, rutan_blora, monkeypatch):
    monkeypatch.setattr(BoundedCountPaginator, "__init__", bounded_at(3))
    for number in range(5):
        AgreementFactory(unit=rutan_blora, subject=f"Pembinaan kemandirian {number}")
    client.force_login(operator_blora)

    searched = client.get(reverse("agreements:list"), {"q": "kemandirian"})
    assert searched.context["page_obj"].paginator.is_bounded
    assert "lebih dari 3 perjanjian" in searched.content.decode()
    assert "persempit dengan kata lain atau saringan" in searched.content.decode()

    listed = client.get(reverse("agreements:list"))
    assert listed.context["page_obj"].paginator.count == 5
    assert "5 perjanjian" in listed.content.decode()


def bounded_at(limit):
    original = BoundedCountPaginator.__init__

    def init(self, object_list, per_page, **kwargs):
        original(self, object_list, per_page, limit=limit)

    return init


def test_a_whole_number_finds_its_agreement_within_the_users_scope(
    client, operator_blora, operator_kudus, rutan_blora, rutan_kudus
):
    AgreementFactory(unit=rutan_blora, subject="Blora dengan nomor", number="W.PAS-HM.05.02-0500000")
    AgreementFactory(unit=rutan_blora, subject="Blora lain", number="W.PAS-HM.05.02-0500001")
    kudus = AgreementFactory(unit=rutan_kudus, subject="Kudus, nomor mitra sama")
    AgreementPartyFactory(agreement=kudus, number="W.PAS-HM.05.02-0500000")

    assert found(client, operator_blora, "W.PAS-HM.05.02-0500000") == ["Blora dengan nomor"]
    # The same number on another unit's agreement stays that unit's.
    assert found(client, operator_kudus, "W.PAS-HM.05.02-0500000") == ["Kudus, nomor mitra sama"]
    # Part of a number is still found as words.
    assert sorted(found(client, operator_blora, "0500001")) == ["Blora lain"]


def test_a_number_known_only_to_another_unit_does_not_hide_the_users_own_matches(
    client, operator_blora, rutan_blora, rutan_kudus
):
    AgreementFactory(unit=rutan_blora, subject="Blora, nomor lanjutan", number="A-1/2024")
    AgreementPartyFactory(agreement=AgreementFactory(unit=rutan_kudus, subject="Kudus"), number="A-1")

    # "A-1" is a whole number only on Kudus's party; for Blora it is words, found in "A-1/2024".
    assert found(client, operator_blora, "A-1") == ["Blora, nomor lanjutan"]


@pytest.mark.parametrize("typed", ["uji", "NO-7", "kementrian agama"], ids=["common word", "number", "misspelt"])
def test_a_searchs_queries_do_not_grow_with_rows(client, operator_blora, rutan_blora, typed):
    """A common word, a whole number and a misspelt partner each cost the same queries for 3 rows as for 30."""
    partner = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    made = []

    def add(count):
        for _ in range(count):
            agreement = AgreementFactory(unit=rutan_blora, number=f"NO-{len(made) + 1}")
            AgreementPartyFactory(agreement=agreement, partner=partner)
            made.append(agreement)

    client.force_login(operator_blora)
    add(9)
    with CaptureQueriesContext(connection) as few:
        first = client.get(reverse("agreements:list"), {"q": typed})
    add(21)
    cache.clear()  # the filter form is drawn again too, as on the first visit
    with CaptureQueriesContext(connection) as many:
        again = client.get(reverse("agreements:list"), {"q": typed})
    assert len(many.captured_queries) == len(few.captured_queries)
    shown = len(again.context["page_obj"].object_list)
    assert shown == (1 if typed == "NO-7" else 25) and len(first.context["page_obj"].object_list) >= 1


def test_a_number_found_nowhere_is_not_looked_up_in_the_directory(client, operator_blora, rutan_blora):
    """Forgiving slips of a letter is for names: a number found nowhere finds nothing, not the agreements of a
    partner whose name happens to hold its pieces."""
    partner = PartnerFactory(name="Koperasi Mitra Blora 454546")
    AgreementPartyFactory(agreement=AgreementFactory(unit=rutan_blora, subject="Koperasi"), partner=partner)
    assert found(client, operator_blora, "MITRA-454546") == []
    assert found(client, operator_blora, "kopersi mitra") == ["Koperasi"]  # a slip in a name is forgiven
