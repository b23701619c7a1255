"""The columns of every spreadsheet Sinergi writes and reads: Indonesian headers, one place, so that an exported
register can be imported again as it is."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

# An agreement's parties and programs share one row with it: each of their cells holds one line per party or
# program, in the same order across the cells (Alt+Enter in Excel starts a new line in a cell).
LINE_BREAK = "\n"

NUMBER = _("Nomor")
KIND = _("Jenis")
SUBJECT = _("Perihal")
UNIT = _("Unit pemilik")
PARTNER = _("Mitra")
PARTY_NUMBER = _("Nomor pihak mitra")
PARTY_SIGNATORY = _("Penanda tangan mitra")
PARTY_POSITION = _("Jabatan penanda tangan mitra")
OUR_SIGNATORY = _("Penanda tangan pihak kami")
OUR_POSITION = _("Jabatan penanda tangan pihak kami")
SIGNED_ON = _("Tanggal penandatanganan")
SIGNED_PLACE = _("Tempat penandatanganan")
SIGNING_NOTES = _("Keterangan penandatanganan")
STARTS_ON = _("Tanggal mulai berlaku")
ENDS_ON = _("Tanggal berakhir")
STATUS = _("Status")
PROGRAM = _("Program")
TARGET_GROUP = _("Sasaran program")
TARGET_PARTICIPANTS = _("Target peserta")
PROGRAM_STARTS = _("Mulai program")
PROGRAM_ENDS = _("Selesai program")
PROGRAM_NOTES = _("Catatan program")
SCOPE = _("Ruang lingkup")
OBJECTIVES = _("Maksud dan tujuan")
LEGAL_BASIS = _("Dasar hukum")
FUNDING = _("Pembiayaan")
PARENT_NUMBER = _("Nomor perjanjian induk")
RENEWS_NUMBER = _("Nomor perjanjian yang dilanjutkan")
TERMINATED_ON = _("Tanggal diakhiri")
TERMINATION_REASON = _("Alasan diakhiri")

AGREEMENT_HEADERS = [
    NUMBER, KIND, SUBJECT, UNIT, PARTNER, PARTY_NUMBER, PARTY_SIGNATORY, PARTY_POSITION, OUR_SIGNATORY, OUR_POSITION,
    SIGNED_ON, SIGNED_PLACE, SIGNING_NOTES, STARTS_ON, ENDS_ON, STATUS, PROGRAM, TARGET_GROUP, TARGET_PARTICIPANTS,
    PROGRAM_STARTS, PROGRAM_ENDS, PROGRAM_NOTES, SCOPE, OBJECTIVES, LEGAL_BASIS, FUNDING, PARENT_NUMBER,
    RENEWS_NUMBER, TERMINATED_ON, TERMINATION_REASON,
]  # fmt: skip
# What an import cannot do without; the rest may be left out of a file.
AGREEMENT_REQUIRED = [KIND, SUBJECT, PARTNER, ENDS_ON]
# Shown on export, derived on import.
AGREEMENT_EXPORT_ONLY = [STATUS]

NAME = _("Nama")
SHORT_NAME = _("Singkatan")
SECTOR = _("Sektor")
LEVEL = _("Tingkat")
PARENT = _("Induk")
PROVINCE = _("Provinsi")
REGENCY = _("Kabupaten/kota")
ADDRESS = _("Alamat")
PHONE = _("Telepon")
EMAIL = _("Surel")
WEBSITE = _("Situs web")
IN_FORCE_COUNT = _("Perjanjian berlaku (yang dapat Anda lihat)")

PARTNER_HEADERS = [NAME, SHORT_NAME, SECTOR, LEVEL, PARENT, PROVINCE, REGENCY, ADDRESS, PHONE, EMAIL, WEBSITE]
PARTNER_REQUIRED = [NAME, SECTOR, LEVEL]


def header_key(text):
    return " ".join(str(text or "").casefold().split())


def shown_headers(headers):
    """The headers as the user reads them (the constants are the Indonesian text, marked for translation)."""
    return [gettext(header) for header in headers]


def header_lookup(headers):
    """{normalised header text: header} for every language of the interface: a file exported in English is read
    back too."""
    lookup = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for header in headers:
                lookup[header_key(gettext(header))] = header
    return lookup


def find_header_row(rows, headers, required, *, search=30):
    """(index of the header row, {header: column index}) among the first `search` rows: exported files carry the
    title and the filters above it. None when no row names every required column."""
    lookup = header_lookup(headers)
    for index, row in enumerate(rows[:search]):
        columns = {}
        for position, cell in enumerate(row):
            header = lookup.get(header_key(cell))
            if header is not None and header not in columns:
                columns[header] = position
        if all(header in columns for header in required):
            return index, columns
    return None
