"""The register's free-text search: every word typed must be found in the subject, our number, or a party's
number or partner's name, in any order and any case.

On PostgreSQL each agreement carries a full-text document (`search_document`, a tsvector column kept current by
the database's own triggers: migration 0008) with a GIN index, so a search never scans the table and a common word
costs no more than a rare one: the planner either takes the few matches from the index or walks the date index of
the page's order and stops after a page. Numbers are split at their punctuation, so "HM.05.02-71" is the phrase
"hm 05 02 71" inside "W.13.PAS.PAS.9-HM.05.02-71/2024"; the last piece of every word also matches as a prefix
("kerohani" finds "kerohanian"). Other databases (SQLite, the development default) test every row.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

from agreements.models import AgreementParty
from partners.models import Partner

# A number is shared by a few agreements at most (one per unit, and the partners' own numbers).
SEARCH_NUMBER_LIMIT = 1000

# Words as the database splits them (migration 0008's sinergi_search_text: every run of letters and digits).
PIECES = re.compile(r"[^\W_]+")


def tsquery(text):
    """`text` as a to_tsquery() string: every word (a phrase of its pieces, the last one a prefix) AND-ed.

    A word of one piece is also asked for whole ("kerja | kerja:*", the same matches): PostgreSQL cannot estimate
    how common a prefix is (it guesses 2% whatever the word) but knows a whole word's frequency. Told that
    "kerja" is in every subject, it counts the first matches by reading rows in order (5 ms at a million)
    instead of building the index's bitmap of all of them (90 ms)."""
    terms = []
    for word in text.split():
        pieces = PIECES.findall(word.lower())
        if len(pieces) == 1:
            terms.append(f"({pieces[0]} | {pieces[0]}:*)")
        elif pieces:
            terms.append("(" + " <-> ".join([*pieces[:-1], f"{pieces[-1]}:*"]) + ")")
    return " & ".join(terms)


# What a search asks: the words alone; the directory alone (the caller knows the words found nothing); or the
# words and, when they find nothing, the directory.
WORDS, PARTNERS, WORDS_THEN_PARTNERS = "words", "partners", "words_then_partners"


def search_agreements(queryset, text, *, steps=WORDS_THEN_PARTNERS):
    """`queryset` narrowed to the agreements matching every word of `text`; when none does, those with a
    partner the directory's search finds for `text` (abbreviations and slips of a letter: "kementrian agama
    blora"), a second, rarer step so the first stays a single index lookup. A whole number typed as it is
    written ("W.PAS-HM.05.02-0500000") is looked up first in the numbers' own indexes: as words, its common pieces
    ("w", "pas", "hm") are in every document, and intersecting those took seconds at a million. A number not
    found whole is searched as words only."""
    number = text.strip()
    is_number = bool(number) and not any(char.isspace() for char in number) and any(char.isdigit() for char in number)
    if steps == PARTNERS:
        # A partner's name has no slips of a letter to forgive in "B/454546/0/MITRA": the directory is not asked.
        return queryset.none() if is_number else with_partners_matching(queryset, text)
    if is_number:
        # Two index lookups of a few rows each, within `queryset`; an OR of the two in one query read every
        # agreement instead. A number found only outside the user's scope falls through to the word search.
        by_party = AgreementParty.objects.filter(number=number).values("agreement_id")
        ids = [*queryset.filter(number=number).values_list("pk", flat=True)[:SEARCH_NUMBER_LIMIT]]
        ids += queryset.filter(pk__in=by_party).values_list("pk", flat=True)[:SEARCH_NUMBER_LIMIT]
        if ids:
            return queryset.filter(pk__in=ids)
    found = search_words(queryset, text)
    # The list asks for the words alone and then, once its count says they found nothing, for the partners
    # (asking here costs a second read of a common word's every match).
    if is_number or steps == WORDS or found.exists():
        return found
    return with_partners_matching(queryset, text)


def with_partners_matching(queryset, text):
    """The agreements with a party the directory's search finds for `text`."""
    partner_ids = Partner.objects.matching_ids(text)
    if partner_ids is None:
        return queryset
    # A list of ids: given the directory's query as a subquery instead, PostgreSQL checked each party against it
    # one by one (half a second for a word that a few thousand partners share).
    parties = AgreementParty.objects.filter(agreement=OuterRef("pk"), partner_id__in=partner_ids)
    return queryset.filter(Exists(parties))


def search_words(queryset, text):
    if connection.vendor == "postgresql":
        query = tsquery(text)
        if not query:
            return queryset
        matches = RawSQL(
            "agreements_agreement.search_document @@ to_tsquery('simple', %s)", [query], output_field=BooleanField()
        )
        return queryset.alias(search_matches=matches).filter(search_matches=True)
    for word in text.split():
        parties = AgreementParty.objects.filter(agreement=OuterRef("pk")).filter(
            Q(number__icontains=word) | Q(partner__name__icontains=word) | Q(partner__short_name__icontains=word)
        )
        queryset = queryset.filter(Q(number__icontains=word) | Q(subject__icontains=word) | Exists(parties))
    return queryset
