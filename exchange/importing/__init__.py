"""Imports: check a file row by row (nothing saved), then, once the user confirms, import it all or nothing."""

import logging

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.columns import find_header_row, header_key
from exchange.importing.agreements import AgreementChecker, import_agreements
from exchange.importing.common import Row
from exchange.importing.partners import PartnerChecker, import_partners
from exchange.mapping import header_row, headers_key
from exchange.models import ColumnMapping, ImportJob
from exchange.spreadsheets import UnreadableFile, read_rows

CHECKERS = {ImportJob.Kind.AGREEMENTS: AgreementChecker, ImportJob.Kind.PARTNERS: PartnerChecker}
IMPORTERS = {ImportJob.Kind.AGREEMENTS: import_agreements, ImportJob.Kind.PARTNERS: import_partners}
PROGRESS_EVERY = 500
logger = logging.getLogger(__name__)


class NeedsMapping(Exception):
    """The file's headers are not the template's and no mapping for them is known yet: the user maps them."""

    def __init__(self, headers):
        super().__init__(headers)
        self.headers = headers


def file_rows(job):
    """(checker class, header row index, columns, data rows) of the job's file; `UnreadableFile` if unusable,
    `NeedsMapping` if its headers are its own and nobody has said yet which holds what."""
    with job.file.open("rb") as handle:
        rows = read_rows(handle, job.original_name)
    checker_class = CHECKERS[job.kind]
    found = find_header_row(rows, checker_class.headers, checker_class.required)
    if found is None:
        found = mapped_header_row(job, rows, checker_class)
    index, columns = found
    return checker_class, index, columns, rows[index + 1 :]


def mapped_header_row(job, rows, checker_class):
    found = header_row(rows, checker_class.required)
    if found is None:
        missing = ", ".join(f"“{_(header)}”" for header in checker_class.required)
        raise UnreadableFile(
            _("Baris judul kolom tidak ditemukan. Berkas harus memuat kolom %(columns)s; unduh templatnya.")
            % {"columns": missing}
        )
    index, headers = found
    mapping = job.column_map
    if not mapping:
        remembered = (
            ColumnMapping.objects.for_user(job.requested_by).filter(kind=job.kind, headers_key=headers_key(headers))
        ).first()
        if remembered is None:
            raise NeedsMapping(headers)
        mapping = job.column_map = remembered.columns
    # Matched as `headers_key` matched them: whatever the case and spacing of this file's headers.
    positions = {header_key(header): position for position, header in reversed(list(enumerate(headers)))}
    columns = {
        column: positions[header_key(header)] for column, header in mapping.items() if header_key(header) in positions
    }
    return index, columns


def check_job(job):
    """Read the job's file and check every row; store what would be created or refused on the job."""
    user = job.requested_by
    try:
        checker_class, index, columns, rows = file_rows(job)
    except UnreadableFile as error:
        return fail(job, str(error))
    except NeedsMapping as needs:
        job.status, job.file_headers = ImportJob.State.MAPPING, needs.headers
        job.save(update_fields=["status", "file_headers"])
        return job
    checker = checker_class(user, job.unknown_partners)
    rows = [
        Row(cells, columns, index + 2 + offset)
        for offset, cells in enumerate(rows)
        if any(is_filled(cell) for cell in cells)
    ]
    job.total_rows, job.processed_rows = len(rows), 0
    job.save(update_fields=["total_rows", "processed_rows"])
    if hasattr(checker, "prefetch"):
        checker.prefetch(rows)
    results = []
    for count, row in enumerate(rows, start=1):
        line = row.line
        data = checker.check(row)
        results.append({"line": line, "label": checker.label(row), "errors": row.errors, "data": data})
        if count % PROGRESS_EVERY == 0:
            job.processed_rows = count
            job.save(update_fields=["processed_rows"])
    # Keep choices already made for names still unknown; drop the rest.
    chosen = {name: entry for name, entry in job.unknown_partners.items() if entry.get("choice")}
    job.unknown_partners = {**checker.unknown, **chosen}
    job.rows = results
    job.processed_rows = len(results)
    job.refused_rows = sum(1 for result in results if result["errors"])
    job.status = ImportJob.State.CHECKED if results else ImportJob.State.FAILED
    job.error = "" if results else _("Berkas tidak berisi baris data di bawah judul kolom.")
    job.save()
    return job


def is_filled(cell):
    return cell is not None and str(cell).strip() != ""


def fail(job, message):
    job.status = ImportJob.State.FAILED
    job.error = message
    job.finished_at = timezone.now()
    job.save()
    return job


def run_import(job):
    """Import a checked job with no refused rows, all or nothing."""
    try:
        job.created_count = IMPORTERS[job.kind](job, job.requested_by)
    except Exception as error:  # whatever went wrong, the transaction rolled everything back: say so
        logger.exception("import %s failed", job.pk)
        return fail(job, _("Impor dibatalkan, tidak ada data yang tersimpan: %(error)s") % {"error": error})
    job.status = ImportJob.State.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["created_count", "updated_count", "status", "finished_at"])
    return job


def runs_inline_check(size):
    return size <= settings.SINERGI_IMPORT_INLINE_BYTES


def runs_inline_import(job):
    return job.total_rows <= settings.SINERGI_IMPORT_INLINE_ROWS
