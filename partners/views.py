from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, Prefetch, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement, Status
from agreements.pdf import pdf_response, print_context, render_pdf
from agreements.views import printed_by, scope_label
from partners.filters import STATUS_RANK, PartnerFilter, PartnerStatusFilter
from partners.forms import ContactFormSet, PartnerForm
from partners.models import Partner
from programs.models import WARGA_BINAAN_GROUPS, Activity, AgreementProgram, participants_sum

PAGE_SIZE = 25
AUTOCOMPLETE_LIMIT = 20


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
    return render(request, "partners/list.html", {"filter": filterset, "page_obj": page})


@login_required
def partner_detail(request, pk):
    user = request.user
    partner = get_object_or_404(Partner.objects.for_user(user).select_related("parent"), pk=pk)
    return render(
        request,
        "partners/detail.html",
        {
            "partner": partner,
            "branches": partner.branches.order_by("name"),
            "contacts": partner.contacts.all(),
            "agreements": partner_agreements(user, partner),
            "show_unit": shows_unit_column(user),
        },
    )


@login_required
def partner_create(request):
    if not request.user.can_edit_partners:
        raise PermissionDenied
    return edit_partner(request, Partner())


@login_required
def partner_update(request, pk):
    if not request.user.can_edit_partners:
        raise PermissionDenied
    return edit_partner(request, get_object_or_404(Partner.objects.for_user(request.user), pk=pk))


def edit_partner(request, partner):
    saved_name = partner.name  # the form changes the instance while validating; headings show the stored name
    form = PartnerForm(request.POST or None, instance=partner)
    contacts = ContactFormSet(request.POST or None, instance=partner, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        with transaction.atomic():
            partner = form.save()
            contacts.instance = partner
            contacts.save()
        messages.success(request, _("Mitra “%(name)s” tersimpan.") % {"name": partner.name})
        return redirect("partners:detail", pk=partner.pk)
    return render(
        request,
        "partners/form.html",
        {"form": form, "contacts": contacts, "partner": partner, "saved_name": saved_name},
    )


@login_required
def partner_autocomplete(request):
    """Partners whose name or short name contains `q`, for pickers: {"results": [{id, name, label, url}]}.

    With `similar=1` (the live hint on the partner form) the answer also holds partners with the same name
    written differently and likely duplicates, each with `same` telling which is which; `exclude` leaves out
    the partner being edited."""
    query = " ".join(request.GET.get("q", "").split())
    if len(query) < 2:
        return JsonResponse({"results": []})
    partners = Partner.objects.for_user(request.user)
    exclude = request.GET.get("exclude", "")
    if exclude.isdigit():
        partners = partners.exclude(pk=exclude)
    matches = list(
        partners.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
        .annotate(
            rank=Case(
                When(Q(name__istartswith=query) | Q(short_name__iexact=query), then=Value(0)),
                default=Value(1),
            )
        )
        .order_by("rank", "name", "pk")[:AUTOCOMPLETE_LIMIT]
    )
    similar = request.GET.get("similar") == "1"
    if similar:
        same = list(partners.similar_to(query))
        seen = {partner.pk for partner in same}
        likely = [p for p in partners.likely_duplicates_of(query) if p.pk not in seen]
        seen |= {partner.pk for partner in likely}
        matches = (same + likely + [p for p in matches if p.pk not in seen])[:AUTOCOMPLETE_LIMIT]
        same_keys = {partner.name_key for partner in same}
    results = []
    for partner in matches:
        details = ", ".join(part for part in (partner.get_sector_display(), partner.region) if part)
        result = {
            "id": partner.pk,
            "name": partner.name,
            "label": f"{partner.name} — {details}",
            "url": reverse("partners:detail", args=[partner.pk]),
        }
        if similar:
            result["same"] = partner.name_key in same_keys
        results.append(result)
    return JsonResponse({"results": results})


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
        "partners/status.html",
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


def activity_totals(agreements):
    """What the activities carried out under `agreements` add up to: per agreement ({pk: totals}), per year
    ([totals with "year"], oldest first) and overall."""
    activities = Activity.objects.carried_out().filter(agreement_program__agreement__in=[a.pk for a in agreements])
    sums = {
        "activities": Count("pk"),
        "participants": Coalesce(Sum(participants_sum()), 0),
        "warga_binaan": Coalesce(Sum(participants_sum(WARGA_BINAAN_GROUPS)), 0),
        "petugas": Coalesce(Sum("petugas"), 0),
        "keluarga": Coalesce(Sum("keluarga"), 0),
    }
    per_agreement = activities.values("agreement_program__agreement").annotate(**sums).order_by()
    per_year = activities.annotate(year=ExtractYear("starts_on")).values("year").annotate(**sums).order_by("year")
    return {
        "per_agreement": {row["agreement_program__agreement"]: row for row in per_agreement},
        "per_year": list(per_year),
        "overall": activities.aggregate(**sums),
    }


@login_required
def partner_status_report_pdf(request, pk):
    """One partner's agreements within the user's scope: status, end dates, programs, and what was done per year."""
    user = request.user
    partner = get_object_or_404(Partner.objects.for_user(user).select_related("parent"), pk=pk)
    agreements = list(partner_agreements(user, partner))
    totals = activity_totals(agreements)
    for agreement in agreements:
        agreement.activity_totals = totals["per_agreement"].get(agreement.pk)
    counts = Counter(agreement.status for agreement in agreements)
    context = {
        "partner": partner,
        "contacts": list(partner.contacts.all()),
        "agreements": agreements,
        "status_totals": [(status, counts[status]) for status in Status if counts[status]],
        "per_year": totals["per_year"],
        "overall": totals["overall"],
        "show_unit": shows_unit_column(user),
        "scope_label": scope_label(user),
        **print_context(unit=user.unit, path=reverse("partners:detail", args=[partner.pk])),
        "printed_by": printed_by(user),
    }
    return pdf_response(render_pdf("partners/pdf/status_report.html", context), f"laporan-mitra-{partner.pk}.pdf")
