"""Pages of the data exchange: list downloads (.xlsx/.csv), imports with their preview, and API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from agreements.services import verify_batch
from exchange.exports import export_response
from exchange.forms import ColumnMappingForm, ImportForm
from exchange.importing import CHECKERS, check_job, run_import, runs_inline_check, runs_inline_import
from exchange.models import ColumnMapping, ImportJob
from exchange.spreadsheets import xlsx_response
from exchange.tasks import check_import, confirm_import
from exchange.templates_xlsx import agreement_template, partner_template

PREVIEW_PAGE = 100


@login_required
def export_list(request, what, fmt):
    """A list (agreements, partners, activities) as filtered on its page, as a spreadsheet."""
    return export_response(request.user, request.GET, what=what, fmt=fmt)


# Imports ------------------------------------------------------------------------------------------------------


def may_import(user):
    return user.can_edit_own_unit or user.can_edit_partners


@login_required
def import_start(request):
    user = request.user
    if not may_import(user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            requested_by=user, kind=form.cleaned_data["kind"], file=upload, original_name=upload.name[:255]
        )
        start_check(job, upload.size)
        return redirect(job)
    recent = ImportJob.objects.for_user(user).filter(requested_by=user)[:10]
    mappings = ColumnMapping.objects.for_user(user).select_related("saved_by").order_by("-updated_at")
    return render(request, "exchange/import_start.html", {"form": form, "recent": recent, "mappings": mappings})


@login_required
@require_POST
def mapping_forget(request, pk):
    """Forget a remembered column mapping (a wrong one would read every later file of those headers wrongly);
    the next such file asks again. Another unit's mapping is 404."""
    if not may_import(request.user):
        raise PermissionDenied
    mapping = get_object_or_404(ColumnMapping.objects.for_user(request.user), pk=pk)
    mapping.delete()
    messages.success(
        request, _("Pemetaan kolom dilupakan. Berkas berikutnya dengan judul kolom itu akan ditanyakan lagi.")
    )
    return redirect("exchange:import_start")


def start_check(job, size):
    if runs_inline_check(size):
        check_job(job)
    else:
        check_import.enqueue(job.pk)


@login_required
def import_template(request, kind):
    if not may_import(request.user):
        raise PermissionDenied
    return agreement_template(request.user) if kind == "perjanjian" else partner_template(request.user)


@login_required
def import_detail(request, pk):
    job = get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk)
    if job.status == ImportJob.State.MAPPING:
        return redirect("exchange:import_columns", pk=job.pk)
    rows = job.rows
    if request.GET.get("tampilkan") == "ditolak":
        rows = [row for row in rows if row["errors"]]
    page_obj = Paginator(rows, PREVIEW_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "exchange/import_detail.html",
        {
            "job": job,
            "page_obj": page_obj,
            "unknown_partners": sorted(job.unknown_partners.items()),
            **job.row_counts(),
            "may_import": may_import(request.user),
            "awaiting_me": job.awaiting_verification_by(request.user).count() if job.status == job.State.DONE else 0,
            "unverified": job.agreements.unverified().count() if job.status == job.State.DONE else 0,
        },
    )


@login_required
def import_columns(request, pk):
    """A file with its own headers: the user says once which column holds what; the unit keeps the answer for
    the next file with the same headers, then the file is checked as usual."""
    job = get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk, status=ImportJob.State.MAPPING)
    form = ColumnMappingForm(request.POST or None, job=job, checker_class=CHECKERS[job.kind])
    if request.method == "POST" and form.is_valid():
        job.column_map = form.mapping()
        ColumnMapping.remember(user=request.user, kind=job.kind, headers=job.file_headers, columns=job.column_map)
        job.status = ImportJob.State.CHECKING
        job.save(update_fields=["column_map", "status"])
        start_check(job, job.file.size)
        return redirect(job)
    return render(request, "exchange/import_columns.html", {"job": job, "form": form})


@login_required
@require_POST
def import_choose_partners(request, pk):
    """The user says, for each partner name not in the directory, which partner it means or to register it."""
    job = get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk, status=ImportJob.State.CHECKED)
    for index, (_name, entry) in enumerate(sorted(job.unknown_partners.items())):
        allowed = {"", "new", *(str(match_id) for match_id, _match in entry["matches"])}
        choice = request.POST.get(f"mitra-{index}", "")
        entry["choice"] = choice if choice in allowed else ""
    job.status = ImportJob.State.CHECKING
    job.save(update_fields=["unknown_partners", "status"])
    start_check(job, job.file.size)
    return redirect(job)


@login_required
@require_POST
def import_confirm(request, pk):
    job = get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk)
    if not job.can_confirm:
        messages.error(request, _("Impor ini tidak dapat dijalankan: ada baris yang ditolak, atau sudah diimpor."))
        return redirect(job)
    job.status = ImportJob.State.IMPORTING
    job.save(update_fields=["status"])
    if runs_inline_import(job):
        run_import(job)
    else:
        confirm_import.enqueue(job.pk)
    return redirect(job)


@login_required
@require_POST
def import_verify(request, pk):
    """The unit's head verifies every agreement an import brought, in one step (verify_batch refuses anyone else)."""
    job = get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk, kind=ImportJob.Kind.AGREEMENTS)
    if not request.user.can_verify_unit_records(request.user.unit_id):
        raise PermissionDenied
    count = verify_batch(job.agreements.all(), request.user, note=_("Impor “%(name)s”.") % {"name": job.original_name})
    messages.success(
        request,
        ngettext("%(count)s perjanjian terverifikasi.", "%(count)s perjanjian terverifikasi.", count)
        % {"count": intcomma(count)},
    )
    return redirect(job)


@login_required
def import_errors(request, pk):
    """The refused rows and why, as a spreadsheet to fix the file with."""
    job = get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk)
    refused = ([row["line"], row["label"], "\n".join(row["errors"])] for row in job.rows if row["errors"])
    preamble = [[_("Baris yang ditolak: %(name)s") % {"name": job.original_name}], []]
    headers = [_("Baris"), _("Data"), _("Alasan ditolak")]
    filename = f"impor-{job.pk}-ditolak-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(filename, preamble, headers, refused, sheet_title=_("Ditolak"))


# API tokens ---------------------------------------------------------------------------------------------------


@login_required
def api_access(request):
    token = Token.objects.filter(user=request.user).first()
    return render(request, "exchange/api_access.html", {"token": token})


@login_required
@require_POST
def api_token_create(request):
    # A new token replaces the old one: whoever held the old key is locked out.
    Token.objects.filter(user=request.user).delete()
    Token.objects.create(user=request.user)
    messages.success(request, _("Token API baru dibuat. Token lama, bila ada, tidak berlaku lagi."))
    return redirect("exchange:api_access")


@login_required
@require_POST
def api_token_revoke(request):
    deleted, _rows = Token.objects.filter(user=request.user).delete()
    if deleted:
        messages.success(request, _("Token API dicabut: aplikasi yang memakainya tidak dapat membaca data lagi."))
    return redirect("exchange:api_access")
