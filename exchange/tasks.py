"""Background work for imports too long to check or import while the user waits (run by `manage.py db_worker`)."""

from django.tasks import task

from exchange.importing import check_job, run_import
from exchange.models import ImportJob


@task
def check_import(job_id):
    job = ImportJob.objects.select_related("requested_by__unit").get(pk=job_id)
    check_job(job)
    return job.pk


@task
def confirm_import(job_id):
    job = ImportJob.objects.select_related("requested_by__unit").get(pk=job_id)
    run_import(job)
    return job.pk
