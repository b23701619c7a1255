"""Cells in and out of spreadsheets: neutralising text a spreadsheet would run, reading dates as Indonesians
write them, and writing .xlsx (openpyxl's write-only mode, bounded memory) and .csv (streamed) files."""

import csv
import datetime
import io
import re
import tempfile
import zipfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

# A cell starting with one of these is a formula (or a DDE call) to Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"
DATE_FORMAT = "DD/MM/YYYY"

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
NUMERIC_DATE = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
WORDED_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")


class BadDate(ValueError):
    pass


def neutralise(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe; everything else is unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return NEUTRALISER + value
    return value


def deneutralise(value):
    """The inverse of `neutralise`, for a cell read back from a file."""
    if isinstance(value, str) and value.startswith(NEUTRALISER) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def parse_date(value):
    """A date from a cell: an Excel date, "30/12/2024", "30-12-2024", "30 Desember 2024" or "2024-12-30".
    None for an empty cell; `BadDate` (with an Indonesian message) for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    try:
        if match := NUMERIC_DATE.match(text):
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        if match := ISO_DATE.match(text):
            year, month, day = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        if (match := WORDED_DATE.match(text)) and match.group(2).casefold() in MONTHS:
            return datetime.date(int(match.group(3)), MONTHS[match.group(2).casefold()], int(match.group(1)))
    except ValueError:
        raise BadDate(_("“%(value)s” tidak ada di kalender.") % {"value": text}) from None
    raise BadDate(
        _("“%(value)s” tidak terbaca sebagai tanggal; tulis seperti 30/12/2024 atau 30 Desember 2024.")
        % {"value": text}
    )


def csv_date(value):
    return value.strftime("%d/%m/%Y") if value else ""


# Writing ------------------------------------------------------------------------------------------------------


class Echo:
    """A file-like object whose write returns the line, for csv.writer inside a streaming response."""

    def write(self, value):
        return value


def preamble_rows(title, filters, user):
    """The lines above the header: what the file is, the filters applied, who made it and when."""
    rows = [[title]]
    for label, value in filters:
        rows.append([f"{label}: {value}" if label else str(value)])
    if not filters:
        rows.append([_("Saringan: tidak ada (semua data yang dapat Anda lihat)")])
    made = date_format(timezone.localtime(), "j F Y H.i")
    rows.append([_("Diunduh %(when)s oleh %(who)s") % {"when": made, "who": user.get_full_name() or user.username}])
    rows.append([])
    return rows


def csv_response(filename, preamble, headers, rows):
    """A CSV file streamed row by row (UTF-8 with a byte-order mark, so Excel reads the accents)."""

    def lines():
        writer = csv.writer(Echo())
        yield "\ufeff"
        for row in preamble:
            yield writer.writerow([neutralise(cell) for cell in row])
        yield writer.writerow(headers)
        for row in rows:
            yield writer.writerow(
                [neutralise(csv_date(cell) if isinstance(cell, datetime.date) else cell) for cell in row]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def write_xlsx(handle, preamble, headers, rows, *, sheet_title, extra_sheets=()):
    """Write a workbook to `handle` in openpyxl's write-only mode: rows go to disk as they come, so memory stays
    flat however long the list. Dates become real date cells. `extra_sheets` are (title, rows) pairs."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    for row in preamble:
        sheet.append([neutralise(cell) for cell in row])
    sheet.append([bold_cell(sheet, header) for header in headers])
    for row in rows:
        sheet.append([date_cell(sheet, cell) if isinstance(cell, datetime.date) else neutralise(cell) for cell in row])
    for title, extra_rows in extra_sheets:
        extra = workbook.create_sheet(title[:31])
        for row in extra_rows:
            extra.append([neutralise(cell) for cell in row])
    workbook.save(handle)


def bold_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=neutralise(value))
    cell.font = Font(bold=True)
    return cell


def date_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATE_FORMAT
    return cell


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(filename, preamble, headers, rows, *, sheet_title, extra_sheets=()):
    # A temporary file on disk rather than memory: a 10,000-row workbook stays out of the process's heap.
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    write_xlsx(handle, preamble, headers, rows, sheet_title=sheet_title, extra_sheets=extra_sheets)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


# Reading ------------------------------------------------------------------------------------------------------


class UnreadableFile(ValueError):
    pass


def read_rows(handle, name):
    """Every row of the first sheet of an .xlsx or a .csv file, as lists of cell values (neutralising prefixes
    removed). Raises `UnreadableFile` with an Indonesian message when the file is not what its name says."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return list(xlsx_rows(handle))
    if lower.endswith(".csv"):
        return list(csv_rows(handle))
    raise UnreadableFile(_("Unggah berkas Excel (.xlsx) atau CSV (.csv)."))


def xlsx_rows(handle):
    handle.seek(0)
    if not zipfile.is_zipfile(handle):
        raise UnreadableFile(
            _("Berkas ini bukan berkas Excel (.xlsx) yang sah, walau namanya berakhiran .xlsx. Simpan ulang dari "
              "Excel sebagai “Buku Kerja Excel (.xlsx)”, atau unggah sebagai .csv.")
        )  # fmt: skip
    handle.seek(0)
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign zip
        raise UnreadableFile(_("Berkas .xlsx ini tidak dapat dibaca (rusak atau bukan buku kerja Excel).")) from error
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [deneutralise(cell) for cell in row]
    finally:
        workbook.close()


def csv_rows(handle):
    handle.seek(0)
    raw = handle.read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile(_("Berkas CSV ini tidak dapat dibaca sebagai teks."))
    if "\x00" in text:
        raise UnreadableFile(_("Berkas ini bukan berkas CSV berisi teks."))
    # Excel in an Indonesian locale saves CSV with semicolons: take whichever gives the widest rows.
    delimiter = max(
        (",", ";"), key=lambda d: max((len(r) for r in csv.reader(io.StringIO(text[:20000]), delimiter=d)), default=0)
    )
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [deneutralise(cell) for cell in row]
