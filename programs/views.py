from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Contact
from programs.filters import ActivityFilter
from programs.forms import ActivityForm, CancelActivityForm, EvidenceWithdrawalForm
from programs.models import (
    Activity,
    ActivityEvidence,
    ActivityTally,
    AgreementProgram,
    Program,
    current_evidence,
    participants_sum,
)
from programs.services import save_activity
from sinergi.concurrency import StaleEdit
from sinergi.history import history_entries, withdrawn_or
from sinergi.uploads import download_name, serve_file

PER_PAGE = 25
RECENT_ACTIVITIES = 10
FACILITATOR_SUGGESTIONS = 30


def shows_unit(user):
    """Whether the user reads records of more than its own unit, so each row should say whose it is."""
    return AgreementProgram.objects.for_user(user).exclude(agreement__unit_id=user.unit_id).exists()


def in_scope(user, prefix):
    """A condition limiting rows reached through `prefix` (a path to an Agreement) to the user's units."""
    unit_ids = user.visible_unit_ids
    return Q() if unit_ids is None else Q(**{f"{prefix}unit_id__in": unit_ids})


# Program catalogue --------------------------------------------------------------------------------------------


@login_required
def catalogue(request):
    user = request.user
    scope = in_scope(user, "agreement_programs__agreement__")
    carried_out = scope & Q(
        agreement_programs__activities__isnull=False, agreement_programs__activities__cancelled_on__isnull=True
    )
    programs = (
        Program.objects.for_user(user)
        .select_related("category")
        .annotate(
            agreement_count=Count("agreement_programs__agreement", distinct=True, filter=scope),
            activity_count=Count("agreement_programs__activities", filter=carried_out),
            participant_count=Coalesce(
                Sum(participants_sum(prefix="agreement_programs__activities__"), filter=carried_out), 0
            ),
        )
        .order_by("category__order", "category__name", "name")
    )
    return render(request, "programs/catalogue.html", {"programs": programs})


@login_required
def program_detail(request, pk):
    user = request.user
    today = timezone.localdate()
    program = get_object_or_404(Program.objects.for_user(user).select_related("category"), pk=pk)
    rows = (
        AgreementProgram.objects.for_user(user)
        .filter(program=program)
        .with_progress()
        .with_agreement_last_activity()
        .select_related("agreement__unit")
        .prefetch_related("agreement__parties__partner")
        .order_by("-agreement__signed_on", "-agreement_id", "pk")
    )
    page_obj = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    for item in page_obj:
        item.agreement_dormant = item.agreement.is_dormant_on(today, item.agreement_last_activity_on)
    activities = Activity.objects.for_user(user).filter(agreement_program__program=program)
    # An agreement may cover the program for several target groups: one row each, but one agreement.
    agreement_count = (
        AgreementProgram.objects.for_user(user)
        .filter(program=program)
        .order_by()
        .values("agreement_id")
        .distinct()
        .count()
    )
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "page_obj": page_obj,
            "agreement_count": agreement_count,
            "totals": activities.totals(),
            "recent": activities.carried_out().select_related("agreement_program__agreement__unit")[:RECENT_ACTIVITIES],
            "show_unit": shows_unit(user),
            "today": today,
        },
    )


# Activities ---------------------------------------------------------------------------------------------------


def own_activity_count(user, filterset, totals):
    """When the totals include the Kanwil's and Ditjenpas's activities, how many of them are the user's own
    side's (None when they include only those): the page says whose rows it totals."""
    if not filterset.includes_units_above:
        return None
    # A UPT reads only the activities of its own side (an activity belongs to the unit that carried it out), under
    # its own side's agreements or those of the units above, the only other agreements it reads. Those above are
    # the few (national, regional): counted from their side, not by joining every one of a large UPT's activities.
    above = [unit.pk for unit in user.unit.ancestors()]
    under_above = filterset.qs.carried_out().filter(agreement_program__agreement__unit_id__in=above).count()
    return None if not under_above else totals["activities"] - under_above


@login_required
def activity_list(request):
    user = request.user
    show_unit = shows_unit(user)
    activities = (
        Activity.objects.for_user(user)
        .select_related("agreement_program__program__category", "agreement_program__agreement__unit")
        .prefetch_related("agreement_program__agreement__parties__partner", current_evidence())
        .order_by("-starts_on", "-pk")
    )
    # Always bound: with no parameters the defaults (carried-out activities only) still apply.
    filterset = ActivityFilter(request.GET, queryset=activities, user=user, show_unit=show_unit)
    is_filtered = any(value for key, value in request.GET.items() if key != "page")
    # Unfiltered, the totals of every activity the user reads come from the per-unit tallies (models/tally.py).
    totals = ActivityTally.objects.totals_readable_by(user, filterset.qs) if not is_filtered else filterset.qs.totals()
    paginator = Paginator(filterset.qs, PER_PAGE)
    if not (filterset.is_valid() and filterset.form.cleaned_data.get("cancelled")):
        # Carried-out activities only: the totals have counted the rows already, the page needs no second count.
        paginator.count = totals["activities"]
    page_obj = paginator.get_page(request.GET.get("page"))
    agreement_id = filterset.form.cleaned_data.get("agreement") if filterset.is_valid() else None
    agreement = None
    if agreement_id:
        row = AgreementProgram.objects.for_user(user).filter(agreement_id=agreement_id).select_related("agreement")
        agreement = next((item.agreement for item in row[:1]), None)
    return render(
        request,
        "programs/activity_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "totals": totals,
            "own_activities": own_activity_count(user, filterset, totals),
            "show_unit": show_unit,
            "agreement": agreement,
            "is_filtered": is_filtered,
        },
    )


@login_required
def activity_detail(request, pk):
    user = request.user
    activity = get_object_or_404(
        Activity.objects.for_user(user).select_related(
            "agreement_program__program__category", "agreement_program__agreement__unit", "created_by"
        ),
        pk=pk,
    )
    agreement = activity.agreement_program.agreement
    return render(
        request,
        "programs/activity_detail.html",
        {
            "activity": activity,
            "agreement": agreement,
            "parties": agreement.parties.select_related("partner").order_by("order", "pk"),
            "evidence": activity.evidence.current().select_related("uploaded_by"),
            "history": activity_history(activity),
            "can_edit": user.can_edit_unit_records(activity.unit_id),
        },
    )


def activity_history(activity):
    by_date = ("history_date", "history_id")
    texts = {
        "created": _("Kegiatan dicatat"),
        "changed": _("Kegiatan diubah"),
        "deleted": _("Kegiatan dihapus"),
    }
    evidence_texts = {
        "created": _("Bukti diunggah: %(name)s"),
        "changed": _("Bukti diubah: %(name)s"),
        "deleted": _("Bukti dihapus: %(name)s"),
        "withdrawn": _("Bukti ditarik: %(name)s. Alasan: %(reason)s"),
    }
    own = activity.history.select_related("history_user").order_by(*by_date)
    files = ActivityEvidence.history.filter(activity_id=activity.pk).select_related("history_user").order_by(*by_date)
    entries = [
        *history_entries(own, lambda record, action: texts[action]),
        *history_entries(
            files,
            lambda record, action: (
                evidence_texts[withdrawn_or(action, record)]
                % {"name": record.original_name, "reason": record.withdrawal_reason}
            ),
        ),
    ]
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries


def editable_activity(request, pk):
    """An activity the user may change: out of scope is 404, in scope but read-only is 403."""
    activity = get_object_or_404(
        Activity.objects.for_user(request.user).select_related("agreement_program__agreement__unit"), pk=pk
    )
    if not request.user.can_edit_unit_records(activity.unit_id):
        raise PermissionDenied
    return activity


def facilitator_suggestions(agreement, user):
    """Facilitators named before under agreements with the same partners (latest first), then the partners'
    contacts: the partner usually sends the same people."""
    partner_ids = agreement.parties.values("partner_id")
    earlier = (
        Activity.objects.for_user(user)
        .filter(agreement_program__agreement__parties__partner_id__in=partner_ids)
        .exclude(facilitator_name="")
        .order_by("-starts_on", "-pk")
        .values_list("facilitator_name", flat=True)[:200]
    )
    contacts = Contact.objects.filter(partner_id__in=partner_ids).values_list("name", flat=True)[:50]
    names = list(dict.fromkeys([*earlier, *contacts]))
    return names[:FACILITATOR_SUGGESTIONS]


def previous_facilitator(agreement):
    """The facilitator of the latest activity of this agreement, to prefill the next one."""
    return (
        Activity.objects.filter(agreement_program__agreement=agreement)
        .carried_out()
        .exclude(facilitator_name="")
        .order_by("-starts_on", "-pk")
        .values("facilitator_name", "facilitator_position")
        .first()
    ) or {}


def can_log_activity_under(user, agreement):
    """The agreement's own unit logs its activities; so does a unit asked to follow a national agreement up."""
    if user.can_edit_unit_records(agreement.unit_id):
        return True
    return user.can_edit_own_unit and agreement.follow_ups.filter(unit_id=user.unit_id).exists()


@login_required
def activity_create(request, pk):
    user = request.user
    agreement_program = get_object_or_404(
        AgreementProgram.objects.for_user(user).select_related("agreement__unit", "program"), pk=pk
    )
    agreement = agreement_program.agreement
    if not can_log_activity_under(user, agreement):
        raise PermissionDenied
    initial = {"agreement_program": agreement_program.pk, **previous_facilitator(agreement)}
    return edit_activity(request, Activity(), agreement=agreement, initial=initial, title=_("Catat kegiatan"))


@login_required
def activity_update(request, pk):
    activity = editable_activity(request, pk)
    return edit_activity(request, activity, agreement=activity.agreement_program.agreement, title=_("Ubah kegiatan"))


def edit_activity(request, activity, *, agreement, title, initial=None):
    user = request.user
    posted = request.method == "POST"
    form = ActivityForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instance=activity,
        agreement=agreement,
        facilitators=facilitator_suggestions(agreement, user),
        initial=None if posted else initial,
    )
    if posted and form.is_valid():
        is_new = activity.pk is None
        try:
            activity = save_activity(form=form, user=user)
        except StaleEdit as stale:
            form.refuse_stale(form.cleaned_data.get("version"), stale.current_version)
        else:
            saved = _("Kegiatan “%(title)s” tercatat.") if is_new else _("Perubahan kegiatan “%(title)s” tersimpan.")
            messages.success(request, saved % {"title": activity.title})
            return redirect(activity)
    return render(
        request,
        "programs/activity_form.html",
        {
            "form": form,
            "activity": activity,
            "agreement": agreement,
            "title": title,
            "existing_evidence": activity.evidence.current() if activity.pk else [],
            # The browser empties a file input whenever the page comes back with errors.
            "evidence_lost": posted and bool(request.FILES.getlist("evidence")) and "evidence" not in form.errors,
        },
    )


@login_required
def activity_cancel(request, pk):
    activity = editable_activity(request, pk)
    if activity.is_cancelled:
        messages.info(request, _("Kegiatan ini sudah dibatalkan."))
        return redirect(activity)
    form = CancelActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Kegiatan “%(title)s” dibatalkan.") % {"title": activity.title})
        return redirect(activity)
    return render(
        request,
        "programs/activity_cancel.html",
        {"activity": activity, "agreement": activity.agreement_program.agreement, "form": form},
    )


# Evidence files: never served from MEDIA_URL, only here after the scope check ----------------------------------


def serve(file, *, content_type, filename):
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from missing
    # Photos open in the browser; a PDF is a document and is saved, as on the agreement's page.
    as_attachment = content_type == "application/pdf"
    response = serve_file(handle, content_type=content_type, filename=filename, as_attachment=as_attachment)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def readable_evidence(request, pk):
    return get_object_or_404(ActivityEvidence.objects.for_user(request.user).current(), pk=pk)


@login_required
def evidence_withdraw(request, pk):
    """Withdraw an evidence file uploaded by mistake (or showing faces), with a reason; kept in history."""
    evidence = get_object_or_404(
        ActivityEvidence.objects.for_user(request.user).current().select_related("activity"), pk=pk
    )
    activity = editable_activity(request, evidence.activity_id)
    form = EvidenceWithdrawalForm(request.POST or None, instance=evidence, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Bukti “%(name)s” ditarik.") % {"name": evidence})
        return redirect(activity)
    return render(
        request,
        "withdraw.html",
        {
            "form": form,
            "activity": activity,
            "agreement": activity.agreement_program.agreement,
            "file_name": str(evidence),
            "breadcrumbs": "programs/_breadcrumbs.html",
            "back_url": activity.get_absolute_url(),
        },
    )


@login_required
def evidence_download(request, pk):
    evidence = readable_evidence(request, pk)
    name = download_name(evidence.original_name, evidence.extension, fallback=f"bukti-{evidence.pk}")
    return serve(evidence.file, content_type=evidence.content_type, filename=name)


@login_required
def evidence_thumbnail(request, pk):
    evidence = readable_evidence(request, pk)
    if not evidence.thumbnail:
        raise Http404(_("Berkas ini tidak memiliki gambar kecil."))
    return serve(evidence.thumbnail, content_type="image/jpeg", filename=f"bukti-{evidence.pk}-kecil.jpg")
