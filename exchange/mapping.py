"""Files with other headers: the user says once which of the file's columns holds what, and Sinergi remembers it
for every later file with the same headers (`ColumnMapping`, one per unit and set of headers)."""

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from exchange.columns import header_key

# Abbreviations common in the registers units keep by hand, spelt out before comparing.
ABBREVIATIONS = {
    "no": "nomor", "nmr": "nomor", "tgl": "tanggal", "ttd": "penanda tangan", "jns": "jenis", "ket": "keterangan",
    "kab": "kabupaten", "prov": "provinsi", "tmt": "tanggal mulai berlaku", "mitra kerja": "mitra", "upt": "unit",
}  # fmt: skip
GOOD_ENOUGH = 0.75


def words(text):
    """Lower case, no accents, no punctuation, abbreviations spelt out: "No. PKS" and "nomor pks" compare equal."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().casefold()
    pieces = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(ABBREVIATIONS.get(piece, piece) for piece in pieces)


def headers_key(headers):
    """The same key for the same set of headers, whatever their order, case or spacing."""
    names = sorted({header_key(header) for header in headers if header_key(header)})
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


def header_row(rows, required, *, search=30):
    """(index, headers as written) of a file's header row: the first row among the first `search` with at least
    as many filled cells as there are required columns (the title lines above a table have one). None if none."""
    for index, row in enumerate(rows[:search]):
        headers = ["" if cell is None else str(cell).strip() for cell in row]
        if sum(1 for header in headers if header) >= len(required):
            return index, headers
    return None


def guess(columns, headers):
    """{column: index of the file header most like it}, for the columns with a good enough match; each header
    goes to one column at most, best matches first."""
    names = {column: {words(column)} for column in columns}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for column in columns:
                names[column].add(words(gettext(column)))
    scored = []
    for column in columns:
        for index, header in enumerate(headers):
            written = words(header)
            if not written:
                continue
            score = max(similarity(name, written) for name in names[column])
            if score >= GOOD_ENOUGH:
                scored.append((score, -index, column, index))
    chosen, used = {}, set()
    for _score, _order, column, index in sorted(scored, reverse=True):
        if column not in chosen and index not in used:
            chosen[column] = index
            used.add(index)
    return chosen


def similarity(name, written):
    if name == written:
        return 1.0
    ratio = SequenceMatcher(None, name, written).ratio()
    # "Nomor perjanjian" for "Nomor", "Nama mitra" for "Mitra": the header says the column's name and more.
    if re.search(rf"\b{re.escape(name)}\b", written):
        return max(ratio, 0.9)
    # "Nomor perjanjian" for "Nomor perjanjian induk": the header lacks what tells this column from another.
    if re.search(rf"\b{re.escape(written)}\b", name):
        return min(ratio, 0.7)
    return ratio
