"""Background work: registers too long to print while the user waits (run by `manage.py db_worker`)."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.models import RegisterExport
from monitoring.register import render_register
from sinergi.db import reporting_reads

logger = logging.getLogger(__name__)


@task
def render_register_export(export_id):
    """Render the register an export asks for, re-applying its filters for the requester (so nothing outside
    the requester's scope is printed), and store the PDF on the export."""
    # Claimed with a conditional UPDATE: a job enqueued twice (a retry racing a slow worker) is made once.
    claimed = RegisterExport.objects.filter(pk=export_id, status=RegisterExport.State.PENDING).update(
        status=RegisterExport.State.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return export_id
    export = RegisterExport.objects.select_related("requested_by__unit").get(pk=export_id)
    try:
        with reporting_reads():
            pdf, row_count = render_register(
                export.requested_by, export.query_string, short_path=export.get_absolute_url()
            )
    except Exception:
        # The requester reads a sentence; the administrator reads the traceback in the log.
        logger.exception("Register export %s failed", export_id)
        export.status = RegisterExport.State.FAILED
        export.error = _("Terjadi kesalahan saat menyusun PDF. Coba lagi; bila terulang, hubungi administrator.")
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        raise
    export.file.save("daftar.pdf", ContentFile(pdf), save=False)
    export.row_count = row_count
    export.status = RegisterExport.State.DONE
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "row_count", "status", "finished_at"])
    return export.pk


def recover_stalled_exports(exports=None, now=None):
    """Exports whose worker died while making them (`RegisterExportQuerySet.stalled`) are queued again, up to
    SINERGI_EXPORT_MAX_ATTEMPTS attempts, then marked failed with a message the requester understands. Run when
    an export's page is viewed and by `manage.py recover_register_exports`. Returns (requeued, failed)."""
    now = now or timezone.now()
    exports = (RegisterExport.objects.all() if exports is None else exports).stalled(now)
    requeued, failed = [], []
    with transaction.atomic():
        for export in exports.select_for_update(skip_locked=True):
            if export.attempts < settings.SINERGI_EXPORT_MAX_ATTEMPTS:
                export.status, export.started_at = RegisterExport.State.PENDING, None
                export.save(update_fields=["status", "started_at"])
                requeued.append(export.pk)
            else:
                logger.error("Register export %s stalled %s times; given up", export.pk, export.attempts)
                export.status, export.finished_at = RegisterExport.State.FAILED, now
                export.error = _(
                    "Pembuatan PDF terhenti %(attempts)s kali (proses latar belakang berhenti di tengah jalan). "
                    "Coba lagi; bila terulang, saring daftarnya agar lebih pendek atau hubungi administrator."
                ) % {"attempts": export.attempts}
                export.save(update_fields=["status", "finished_at", "error"])
                failed.append(export.pk)
    # Enqueued after the commit: the worker must see the export waiting before it looks for it.
    for export_id in requeued:
        render_register_export.enqueue(export_id)
    return requeued, failed
