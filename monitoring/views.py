"""Pages that summarise across the apps: the home dashboard, the printed register, the partner directory
with what each unit has with each partner, and the partner status page and report."""

from collections import Counter
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements.filters import filter_agreements
from agreements.models import Agreement, Status
from monitoring.coverage import pending_follow_ups
from monitoring.filters import STATUS_RANK, PartnerFilter, PartnerStatusFilter
from monitoring.models import RegisterExport
from monitoring.register import applied_filters, register_inline_limit, register_query, render_register, scope_label
from monitoring.tasks import render_register_export
from partners.models import Partner
from programs.models import Activity, AgreementProgram
from sinergi.printing import pdf_response, print_context, printed_by, render_pdf
from units.models import Unit

PAGE_SIZE = 25
ENDING_SOONEST = 10


@login_required
def home(request):
    """The unit's own side at a glance. Each count opens the list filtered to exactly those agreements."""
    user = request.user
    agreements = Agreement.objects.own_side(user)
    counts = agreements.status_counts()
    scope = {"scope": "own"} if user.has_units_above else {}
    list_url = reverse("agreements:list")
    ending = agreements.in_force().select_related("unit").prefetch_related("parties__partner")
    return render(
        request,
        "monitoring/home.html",
        {
            "status_counts": [
                (status, count, f"{list_url}?{urlencode({'status': status.value, **scope})}")
                for status, count in counts.items()
            ],
            "ending": ending.order_by("ends_on", "pk")[:ENDING_SOONEST],
            "total": sum(counts.values()),
            "today": timezone.localdate(),
            "show_unit": agreements.spans_units_besides(user.unit_id),
            **pending_follow_ups(user),
        },
    )


# The printed register ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def register_pdf(request):
    """The list as filtered, printed. A long register is made by the background worker once the user asks for
    it (a POST: following a link never starts a job), and the user waits on a page that says how far it is."""
    user, query = request.user, register_query(request.GET)
    row_count = filter_agreements(user, request.GET).qs.count()
    if row_count <= register_inline_limit():
        pdf, _rows = render_register(user, query)
        return pdf_response(pdf, f"daftar-perjanjian-{timezone.localdate():%Y%m%d}.pdf")
    if request.method != "POST":
        return render(request, "monitoring/register_confirm.html", {"row_count": row_count, "list_query": query})
    export = RegisterExport.objects.create(requested_by=user, query_string=query, row_count=row_count)
    render_register_export.enqueue(export.pk)
    return redirect(export)


@login_required
def register_export(request, pk):
    export = get_object_or_404(RegisterExport.objects.for_user(request.user).select_related("requested_by"), pk=pk)
    filterset = filter_agreements(export.requested_by, QueryDict(export.query_string))
    return render(
        request,
        "monitoring/register_export.html",
        {
            "export": export,
            "applied_filters": applied_filters(filterset),
            "list_query": export.query_string,
        },
    )


@login_required
def register_export_download(request, pk):
    readable = RegisterExport.objects.for_user(request.user).filter(status=RegisterExport.State.DONE)
    export = get_object_or_404(readable, pk=pk)
    try:
        handle = export.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from missing
    name = f"daftar-perjanjian-{timezone.localtime(export.created_at):%Y%m%d-%H%M}.pdf"
    return FileResponse(handle, filename=name, content_type="application/pdf")


# The partner directory and the partner status page --------------------------------------------------------------


def shows_unit_column(user):
    """Whether agreements of more than one of our units can appear, so each row should say whose it is."""
    return Agreement.objects.for_user(user).spans_units_besides(user.unit_id)


def sort_state(order, key):
    """For a sortable column: the ordering its link asks for and its `aria-sort` value."""
    if order == key:
        return {"next": f"-{key}", "aria": "ascending"}
    if order == f"-{key}":
        return {"next": key, "aria": "descending"}
    return {"next": key, "aria": ""}


def programs_prefetch():
    return Prefetch("programs", queryset=AgreementProgram.objects.select_related("program"))


@login_required
def partner_list(request):
    user = request.user
    in_force = Agreement.objects.for_user(user).in_force(timezone.localdate())
    partners = (
        Partner.objects.for_user(user)
        .select_related("parent")
        .with_agreement_count(in_force, name="agreements_in_force")
        .order_by("name", "pk")
    )
    filterset = PartnerFilter(request.GET, queryset=partners, user=user)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitoring/partner_list.html", {"filter": filterset, "page_obj": page})


@login_required
def partner_detail(request, pk):
    user = request.user
    partner = get_object_or_404(Partner.objects.for_user(user).select_related("parent"), pk=pk)
    return render(
        request,
        "monitoring/partner_detail.html",
        {
            "partner": partner,
            "branches": partner.branches.order_by("name"),
            "contacts": partner.contacts.all(),
            "agreements": partner_agreements(user, partner),
            "show_unit": shows_unit_column(user),
        },
    )


@login_required
def partner_status(request):
    user = request.user
    today = timezone.localdate()
    filterset = PartnerStatusFilter(request.GET, queryset=Partner.objects.for_user(user), user=user, today=today)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    latest = (
        Agreement.objects.filter(pk__in=[row.latest_agreement_id for row in rows])
        .with_status(today)
        .select_related("unit")
        .prefetch_related(programs_prefetch())
        .in_bulk()
    )
    for row in rows:
        row.latest_agreement = latest.get(row.latest_agreement_id)
    counts = Counter(filterset.qs.order_by().values_list("latest_status", flat=True))
    order = (filterset.form.cleaned_data.get("o") or ["name"])[0]
    return render(
        request,
        "monitoring/partner_status.html",
        {
            "filter": filterset,
            "page_obj": page,
            "rows": rows,
            "summary": [(status, counts[status.value]) for status in STATUS_RANK if counts[status.value]],
            "sorting": {key: sort_state(order, key) for key in ("name", "status", "ends_on", "days_left")},
            "today": today,
            "show_unit": shows_unit_column(user),
        },
    )


# Printing: the partner status report -------------------------------------------------------------------------


def partner_agreements(user, partner):
    """The agreements with `partner` that `user` may read, newest first, with each program's progress: the
    partner's page and its printed status report list the same."""
    programs = Prefetch(
        "programs", queryset=AgreementProgram.objects.select_related("program").with_progress().order_by("pk")
    )
    return (
        Agreement.objects.for_user(user)
        .filter(parties__partner=partner)
        .with_status(timezone.localdate())
        .select_related("unit")
        .prefetch_related(programs)
        .order_by("-signed_on", "-pk")
    )


@login_required
def partner_status_report_pdf(request, pk):
    """One partner's agreements within the user's scope: status, end dates, programs, and what was done per year."""
    user = request.user
    partner = get_object_or_404(Partner.objects.for_user(user).select_related("parent"), pk=pk)
    agreements = list(partner_agreements(user, partner))
    activities = Activity.objects.filter(agreement_program__agreement__in=[a.pk for a in agreements])
    per_agreement = {
        row["agreement_program__agreement"]: row for row in activities.totals_per("agreement_program__agreement")
    }
    for agreement in agreements:
        agreement.activity_totals = per_agreement.get(agreement.pk)
    counts = Counter(agreement.status for agreement in agreements)
    context = {
        "partner": partner,
        "contacts": list(partner.contacts.all()),
        "agreements": agreements,
        "status_totals": [(status, counts[status]) for status in Status if counts[status]],
        "per_year": list(activities.annotate(year=ExtractYear("starts_on")).totals_per("year")),
        "overall": activities.totals(),
        "show_unit": shows_unit_column(user),
        "scope_label": scope_label(user),
        **print_context(letterhead=Unit.objects.letterhead_for(user.unit), path=partner.get_absolute_url()),
        "printed_by": printed_by(user),
    }
    return pdf_response(render_pdf("monitoring/pdf/partner_report.html", context), f"laporan-mitra-{partner.pk}.pdf")
