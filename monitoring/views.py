"""Pages that summarise across the apps: the home dashboard, the printed register, the partner directory
with what each unit has with each partner, and the partner status page and report."""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.db.models.functions import ExtractYear
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements.filters import filter_agreements
from agreements.models import Agreement, Status
from monitoring.coverage import pending_follow_ups
from monitoring.dashboard import UNIT_COLUMNS, dashboard, side_activities, unit_figures, units_below
from monitoring.filters import STATUS_RANK, PartnerFilter, PartnerStatusFilter
from monitoring.models import RegisterExport
from monitoring.panels import home_panels
from monitoring.register import applied_filters, register_inline_limit, register_query, render_register, scope_label
from monitoring.snapshots import figures_for
from monitoring.tasks import recover_stalled_exports, render_register_export
from monitoring.verification import home_verification
from partners.history import partner_history
from partners.models import Partner, PartnerCorrection
from programs.models import Activity, AgreementProgram
from sinergi.db import reporting_reads, reporting_view
from sinergi.printing import document_filename, pdf_response, print_context, printed_by, render_pdf
from sinergi.uploads import serve_file
from units.models import Unit, User

PAGE_SIZE = 25


@login_required
@reporting_view
def home(request):
    """The user's own side at a glance: its unit and the units below it (everything, for Ditjenpas). Each count
    opens the list filtered to exactly those agreements."""
    user = request.user
    today = timezone.localdate()
    scope = {"scope": "own"} if user.has_units_above else {}
    figures, counted_at = figures_for("home", user, today)
    agreements, activities = Agreement.objects.own_side(user), Activity.objects.own_side(user)
    context = {**dashboard(user, agreements, activities, scope, today, figures), "counted_at": counted_at}
    return render(
        request,
        "monitoring/home.html",
        {
            **context,
            "unit": user.unit,
            "show_unit": Agreement.objects.own_side(user).spans_units_besides(user.unit_id),
            **units_table(request, user.unit, figures.get("units")),
            **home_verification(user, figures["unverified_count"]),
            **pending_follow_ups(user),
            "home_panels": home_panels(user),
        },
    )


@login_required
def unit_dashboard(request, pk):
    """A unit's own page, reached from the table of units below: the same figures as its home page, for what
    the viewer may read of it. A unit outside the viewer's side of the tree is 404."""
    user = request.user
    units = Unit.objects.for_user(user)
    if user.has_units_above:
        units = units.filter(pk__in=Unit.objects.descendant_ids(user.unit))
    unit = get_object_or_404(units.select_related("parent"), pk=pk)
    today = timezone.localdate()
    agreements = Agreement.objects.for_user(user).under_unit(unit)
    activities = side_activities(user, unit)
    context = dashboard(user, agreements, activities, {"within": unit.pk}, today)
    figures = unit_figures(agreements, activities, today) if unit.children.exists() else None
    return render(
        request,
        "monitoring/unit_dashboard.html",
        {**context, "unit": unit, "show_unit": True, **units_table(request, unit, figures)},
    )


def units_table(request, unit, figures):
    """The table of units below `unit` from `unit_figures`, sorted as asked; empty for a unit with none below."""
    if figures is None or (unit is not None and not unit.children.exists()):
        return {"units_below": []}
    order = request.GET.get("o", "name")
    rows = units_below(unit, figures, order)
    return {
        "units_below": rows,
        "unit_sorting": {key: sort_state(order, key) for key in UNIT_COLUMNS},
    }


# The printed register ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def register_pdf(request):
    """The list as filtered, printed. A long register is made by the background worker once the user asks for
    it (a POST: following a link never starts a job), and the user waits on a page that says how far it is."""
    user, query = request.user, register_query(request.GET)
    row_count = filter_agreements(user, request.GET).qs.count()
    if row_count <= register_inline_limit():
        with reporting_reads():
            pdf, _rows = render_register(user, query)
        return pdf_response(pdf, f"daftar-perjanjian-{timezone.localdate():%Y%m%d}.pdf")
    if request.method != "POST":
        return render(request, "monitoring/register_confirm.html", {"row_count": row_count, "list_query": query})
    with transaction.atomic():
        # One request at a time per user: a double click or four tabs make one job, not four.
        User.objects.select_for_update().filter(pk=user.pk).values_list("pk").get()
        export = RegisterExport.objects.reusable(user=user, query_string=query, now=timezone.now()).first()
        is_new = export is None
        if is_new:
            export = RegisterExport.objects.create(requested_by=user, query_string=query, row_count=row_count)
    if is_new:
        render_register_export.enqueue(export.pk)
    return redirect(export)


@login_required
def register_export(request, pk):
    exports = RegisterExport.objects.for_user(request.user)
    recover_stalled_exports(exports.filter(pk=pk))
    export = get_object_or_404(exports.select_related("requested_by"), pk=pk)
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
    return serve_file(handle, content_type="application/pdf", filename=name, as_attachment=False)


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
    corrections = PartnerCorrection.objects.for_user(user).filter(partner=partner)
    return render(
        request,
        "monitoring/partner_detail.html",
        {
            "partner": partner,
            "branches": partner.branches.order_by("name"),
            "contacts": partner.contacts.select_related("unit"),
            "aliases": partner.aliases.all(),
            "corrections": corrections.select_related("partner", "unit", "proposed_by", "decided_by"),
            "agreements": partner_agreements(user, partner),
            "show_unit": shows_unit_column(user),
            "identity_editable": partner.identity_editable_by(user),
            "curates": partner.is_curated_by(user),
            "history": partner_history(partner),
        },
    )


@login_required
@reporting_view
def partner_status(request):
    user = request.user
    today = timezone.localdate()
    filterset = PartnerStatusFilter(request.GET, queryset=Partner.objects.for_user(user), user=user, today=today)
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    counted_at = None
    if filterset.is_whole_side:
        # The page everyone opens: its totals over every partner may come from a snapshot (monitoring/snapshots).
        figures, counted_at = figures_for("partner_status", user, today)
        counts, paginator.count = Counter(figures["counts"]), figures["total"]
    else:
        counts = Counter(filterset.qs.order_by().values_list("latest_status", flat=True))
    page = paginator.get_page(request.GET.get("page"))
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
            "counted_at": counted_at,
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
@reporting_view
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
    return pdf_response(
        render_pdf("monitoring/pdf/partner_report.html", context), document_filename("laporan-mitra", partner.name)
    )
