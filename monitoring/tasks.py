"""Background work: registers too long to print while the user waits (run by `manage.py db_worker`)."""

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from monitoring.models import RegisterExport
from monitoring.register import render_register
from sinergi.db import reporting_reads


@task
def render_register_export(export_id):
    """Render the register an export asks for, re-applying its filters for the requester (so nothing outside
    the requester's scope is printed), and store the PDF on the export."""
    export = RegisterExport.objects.select_related("requested_by__unit").get(pk=export_id)
    export.status = RegisterExport.State.RUNNING
    export.started_at = timezone.now()
    export.save(update_fields=["status", "started_at"])
    try:
        with reporting_reads():
            pdf, row_count = render_register(export.requested_by, export.query_string)
    except Exception as error:
        export.status = RegisterExport.State.FAILED
        export.error = f"{type(error).__name__}: {error}"
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        raise
    export.file.save("daftar.pdf", ContentFile(pdf), save=False)
    export.row_count = row_count
    export.status = RegisterExport.State.DONE
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "row_count", "status", "finished_at"])
    return export.pk
