"""How partner names are compared: the duplicate warning, and every search of the directory (picker, directory,
agreements list) through `PartnerQuerySet.matching`, use these same rules."""

import re
from functools import lru_cache


def name_key(name):
    """The form of a name used to spot duplicates: case, spacing and punctuation do not count."""
    return re.sub(r"[\W_]+", "", (name or "").casefold())


# Words that say nothing about which institution is meant: legal forms, "kantor", conjunctions.
NAME_STOPWORDS = frozenset(
    {"pt", "tbk", "persero", "perseroan", "terbatas", "cv", "ud", "kantor", "dan", "di", "the", "of"}
)
# Abbreviations staff write interchangeably with the full words; both sides are expanded before comparing.
NAME_ABBREVIATIONS = {
    "kemenag": "kementerian agama",
    "kemenkes": "kementerian kesehatan",
    "kemnaker": "kementerian ketenagakerjaan",
    "kemensos": "kementerian sosial",
    "kemenkumham": "kementerian hukum dan hak asasi manusia",
    "kab": "kabupaten",
    "kabupatén": "kabupaten",
    "prov": "provinsi",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
    "pemprov": "pemerintah provinsi",
    "pemda": "pemerintah daerah",
    "kanwil": "kantor wilayah",
    "univ": "universitas",
    "dinsos": "dinas sosial",
    "disnaker": "dinas tenaga kerja",
    "dinkes": "dinas kesehatan",
    "rsud": "rumah sakit umum daerah",
    "blk": "balai latihan kerja",
    "bnn": "badan narkotika nasional",
    "bnnk": "badan narkotika nasional kabupaten",
    "baznas": "badan amil zakat nasional",
    "mui": "majelis ulama indonesia",
    "bri": "bank rakyat indonesia",
    "bni": "bank negara indonesia",
    "btn": "bank tabungan negara",
    "jateng": "jawa tengah",
    "jatim": "jawa timur",
    "jabar": "jawa barat",
    "diy": "daerah istimewa yogyakarta",
    "ponpes": "pondok pesantren",
}
# Words shared by many unrelated partners: still compared, but never used alone to find candidates.
GENERIC_NAME_TOKENS = frozenset(
    {
        "kabupaten", "kota", "provinsi", "kementerian", "dinas", "badan", "pemerintah", "daerah", "bank", "universitas",
        "cabang", "negeri", "indonesia", "republik", "balai", "lembaga", "wilayah", "pusat", "nasional", "sekolah",
        "rumah", "sakit", "umum", "jawa", "tengah", "timur", "barat", "utara", "selatan", "yayasan", "unit",
    }
)  # fmt: skip
SIMILARITY_THRESHOLD = 0.75


def name_tokens(name):
    """The words that identify an institution: case-folded, punctuation gone, abbreviations expanded,
    legal forms and filler words dropped. "PT Bank Jateng Cabang Blora" -> {bank, jawa, tengah, cabang, blora}."""
    words = re.sub(r"[\W_]+", " ", (name or "").casefold()).split()
    tokens = set()
    for word in words:
        tokens.update(NAME_ABBREVIATIONS.get(word, word).split())
    return tokens - NAME_STOPWORDS


def _edit_distance(a, b):
    """Damerau-Levenshtein distance (optimal string alignment): typos, missing letters, swapped letters."""
    previous, current = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]


def _tokens_match(a, b):
    if a == b:
        return True
    # A typo ("kementrian", "blorra") still counts, but only a slip of one or two letters: place names that
    # differ by more ("Serang" and "Semarang") are other places. Short words must match exactly.
    shortest = min(len(a), len(b))
    if shortest < 5 or abs(len(a) - len(b)) > 2:  # the distance is at least the difference in length
        return False
    return _edit_distance(a, b) <= (2 if shortest >= 9 else 1)


def _compare_names(first, second):
    """(matched words, words only in first, words only in second), near-identical words counting as the same."""
    a, b = name_tokens(first), name_tokens(second)
    unmatched = set(b)
    matched = 0
    for token in sorted(a, key=lambda t: (-len(t), t)):
        hit = next((other for other in sorted(unmatched) if _tokens_match(token, other)), None)
        if hit is not None:
            unmatched.discard(hit)
            matched += 1
    return matched, len(a) - matched, len(unmatched)


def name_similarity(first, second):
    """How alike two partner names are, from 0 to 1: the share of their words they have in common.

    When each name has a word the other lacks ("... Kabupaten Blora" against "... Kabupaten Kudus") they name
    different institutions however long the shared part, so the score is 0. One name adding words to the other
    ("Bank Jateng Cabang Blora" and "... Blora Utara", "Kantor Kemenag Blora" and "... Kabupaten Blora") scores
    by the share of words in common.
    """
    matched, only_first, only_second = _compare_names(first, second)
    if not matched or (only_first and only_second):
        return 0.0
    return matched / (matched + only_first + only_second)


def _candidate_needles(tokens):
    """Substrings a similar name must contain at least one of, to narrow the search in the database."""
    distinctive = {t for t in tokens if t not in GENERIC_NAME_TOKENS and len(t) >= 3}
    needles = set(distinctive or {t for t in tokens if len(t) >= 3} or tokens)
    # A stored name may use the abbreviation of words typed in full ("Kemenag" for "Kementerian Agama").
    for abbreviation, full in NAME_ABBREVIATIONS.items():
        words = set(full.split())
        if words <= tokens and words - GENERIC_NAME_TOKENS - NAME_STOPWORDS:
            needles.add(abbreviation)
    return needles


def _words(text):
    return set(re.sub(r"[\W_]+", " ", (text or "").casefold()).split())


def search_tokens(text):
    """The words a search looks for: as `name_tokens`, or the words themselves when all are filler ("PT")."""
    return name_tokens(text) or _words(text)


@lru_cache(maxsize=50_000)  # a search checks the same few words against thousands of names
def word_found(typed, word):
    """A typed word finds a word of a name when it is part of it (still typing: "kemen") or a slip of it."""
    return typed in word or _tokens_match(typed, word)


@lru_cache(maxsize=50_000)
def _searchable_words(text):
    return frozenset(name_tokens(text) | _words(text))


def texts_match(typed_tokens, texts):
    """Whether every typed word is found in one of `texts` (a partner's name, short name, region, aliases)."""
    words = set()
    for text in texts:
        words |= _searchable_words(text)
    return all(any(word_found(typed, word) for word in words) for typed in typed_tokens)


def candidate_needles(token):
    """Substrings a name holding `token` (or a slip of it further on) contains at least one of: its first four
    letters, and the abbreviations that stand for it ("kemenag" for "agama")."""
    needles = {token[:4]}
    needles.update(short for short, full in NAME_ABBREVIATIONS.items() if token in full.split())
    return needles
