"""The agreement's own pages: the list, one agreement, registering and changing it, ending it, its documents."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agreements import search, services
from agreements.cascade_views import follow_up_context, local_parties
from agreements.filters import filter_agreements
from agreements.forms import (
    AgreementForm,
    DocumentForm,
    DocumentWithdrawalForm,
    PartyInlineFormSet,
    ProgramInlineFormSet,
    TerminateForm,
    VerificationNoteForm,
)
from agreements.history import agreement_history
from agreements.models import Agreement, AgreementDocument, UnitTally
from agreements.services import save_agreement
from programs.models import Activity, current_evidence
from sinergi.concurrency import StaleEdit
from sinergi.pagination import BoundedCountPaginator
from sinergi.uploads import download_name, serve_file

PER_PAGE = 25
# The latest activities shown on an agreement's page; the rest are one link away, in the activities list.
TIMELINE_LENGTH = 10


@login_required
def agreement_list(request):
    filterset = filter_agreements(request.user, request.GET, search_steps=search.WORDS)
    is_filtered = any(value for key, value in request.GET.items() if key not in ("o", "page"))
    # A free-text search counts its matches only up to a bound; a list opened from a count keeps its exact total.
    paginator = (BoundedCountPaginator if filterset.is_text_search else Paginator)(filterset.qs, PER_PAGE)
    if filterset.is_text_search and not paginator.count:
        # Nothing word for word: the directory's forgiving match ("kementrian agama") has its turn.
        filterset = filter_agreements(request.user, request.GET, search_steps=search.PARTNERS)
        paginator = BoundedCountPaginator(filterset.qs, PER_PAGE)
    if not is_filtered:
        paginator.count = UnitTally.objects.agreements_readable_by(
            request.user, Agreement.objects.for_user(request.user)
        )
    page_obj = paginator.get_page(request.GET.get("page"))
    Agreement.objects.mark_dormancy(page_obj.object_list, today=filterset.today)
    return render(
        request,
        "agreements/list.html",
        {
            "filter": filterset,
            "show_unit": filterset.show_unit,
            "page_obj": page_obj,
            "is_filtered": is_filtered,
            "ordering": request.GET.get("o", ""),
        },
    )


@login_required
def agreement_detail(request, pk):
    scoped = Agreement.objects.for_user(request.user)
    return detail_page(request, get_object_or_404(scoped.select_related("unit", "created_by", "signing_event"), pk=pk))


def detail_page(request, agreement, *, return_form=None):
    user, scoped = request.user, Agreement.objects.for_user(request.user)
    can_edit = user.can_edit_unit_records(agreement.unit_id)
    cascade = follow_up_context(user, agreement)
    # The facts are shared with the printed summary (agreement_facts, below).
    return render(
        request,
        "agreements/detail.html",
        {
            **agreement_facts(user, agreement),
            "is_dormant": scoped.filter(pk=agreement.pk).dormant().exists(),
            "dormant_days": settings.SINERGI_DORMANT_DAYS,
            "history": agreement_history(agreement),
            "can_edit": can_edit,
            "can_register_pks": user.can_edit_own_unit and agreement.takes_child_pks_of(user.unit),
            "can_log_activity": can_edit or (cascade["my_follow_up"] is not None and user.can_edit_own_unit),
            **cascade,
            "can_verify": user.can_verify_unit_records(agreement.unit_id),
            "verification_steps": agreement.verification_steps.select_related("actor"),
            "return_form": return_form or VerificationNoteForm(prefix="return", note_required=True),
        },
    )


# Verification: the head verifies or returns, operators (re)submit; POST only, from the agreement's page.

VERIFICATION_ACTIONS = {
    "verify": (services.verify_agreement, False, gettext_lazy("Perjanjian “%(subject)s” terverifikasi.")),
    "return": (services.return_agreement, True, gettext_lazy("Perjanjian “%(subject)s” dikembalikan kepada operator.")),
    "submit": (services.submit_agreement, False, gettext_lazy("Perjanjian “%(subject)s” diajukan untuk verifikasi.")),
}


@require_POST
@login_required
def agreement_verification(request, pk, action):
    agreement = get_object_or_404(Agreement.objects.for_user(request.user).select_related("unit"), pk=pk)
    act, note_required, done = VERIFICATION_ACTIONS[action]
    form = VerificationNoteForm(request.POST, prefix=action, note_required=note_required)
    if not form.is_valid():
        return detail_page(request, agreement, return_form=form)
    try:
        act(agreement=agreement, user=request.user, note=form.cleaned_data["note"])
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, done % {"subject": agreement.subject})
    return redirect(agreement)


@login_required
def agreement_create(request):
    if not request.user.can_edit_own_unit:
        raise PermissionDenied
    return edit_agreement(request, Agreement(), title=_("Catat perjanjian baru"))


@login_required
def agreement_update(request, pk):
    agreement = editable_agreement(request, pk)
    return edit_agreement(request, agreement, title=_("Ubah perjanjian"))


@login_required
def agreement_create_child(request, pk, kind):
    user = request.user
    parent = get_object_or_404(Agreement.objects.for_user(user), pk=pk)
    if kind == Agreement.Kind.PKS:
        # A PKS under a national or regional agreement is made by the unit that carries it out.
        if not parent.takes_child_pks_of(user.unit):
            raise Http404(_("PKS turunan dicatat di bawah MoU, atau di bawah PKS unit di atas Anda."))
        if not user.can_edit_own_unit:
            raise PermissionDenied
        # Signed locally by the partner's local office (a child entry in the directory) when there is one.
        parties, missing_offices = local_parties(parent, user.unit)
        return edit_agreement(
            request,
            Agreement(),
            title=_("Catat PKS turunan"),
            source=parent,
            initial={"kind": kind, "parent": parent.pk, "unit": user.unit_id},
            parties=parties,
            programs=parent.programs_for_renewal(),
            missing_offices=missing_offices,
        )
    if not user.can_edit_unit_records(parent.unit_id):
        raise PermissionDenied
    return edit_agreement(
        request,
        Agreement(),
        title=_("Catat adendum"),
        source=parent,
        initial={"kind": kind, "parent": parent.pk, "unit": parent.unit_id},
        parties=parent.parties_prefill(),
    )


@login_required
def agreement_renew(request, pk):
    source = editable_agreement(request, pk)
    return edit_agreement(
        request,
        Agreement(),
        title=_("Perpanjang perjanjian"),
        source=source,
        initial=source.renewal_initial(),
        parties=source.parties_prefill(),
        programs=source.programs_for_renewal(),
    )


def editable_agreement(request, pk):
    """An agreement the user may change: out of scope is 404, in scope but read-only is 403."""
    agreement = get_object_or_404(Agreement.objects.for_user(request.user).select_related("unit"), pk=pk)
    if not request.user.can_edit_unit_records(agreement.unit_id):
        raise PermissionDenied
    return agreement


def edit_agreement(
    request, agreement, *, title, source=None, initial=None, parties=(), programs=(), missing_offices=()
):
    """The register/edit page: the agreement, its parties and programs and a signed scan, saved all or nothing.

    `initial`, `parties` and `programs` prefill a new agreement (addendum, derived PKS, renewal); they are used
    only to draw the empty form, so that rows posted back count as typed in."""
    user = request.user
    posted = request.method == "POST"
    data, files = (request.POST, request.FILES) if posted else (None, None)
    form = AgreementForm(data, files, instance=agreement, user=user, initial=None if posted else initial)
    party_formset = PartyInlineFormSet(
        data, instance=agreement, prefix="parties", agreement_form=form, initial=None if posted else list(parties)
    )
    program_formset = ProgramInlineFormSet(
        data, instance=agreement, prefix="programs", agreement_form=form, initial=None if posted else list(programs)
    )
    if posted and all([form.is_valid(), party_formset.is_valid(), program_formset.is_valid()]):
        try:
            agreement = save_agreement(form=form, formsets=[party_formset, program_formset], user=user)
        except StaleEdit as stale:
            form.refuse_stale(form.cleaned_data.get("version"), stale.current_version)
        else:
            messages.success(request, _("Perjanjian “%(subject)s” tersimpan.") % {"subject": agreement.subject})
            return redirect(agreement)
    return render(
        request,
        "agreements/form.html",
        {
            "title": title,
            "agreement": agreement,
            "source": source,
            "form": form,
            "party_formset": party_formset,
            "program_formset": program_formset,
            # The browser empties a file input whenever the page comes back with errors.
            "scan_lost": posted and "scan" in request.FILES and "scan" not in form.errors,
            "missing_offices": missing_offices,
        },
    )


@login_required
def agreement_terminate(request, pk):
    agreement = editable_agreement(request, pk)
    form = TerminateForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Perjanjian “%(subject)s” diakhiri per %(date)s.")
            % {"subject": agreement.subject, "date": date_format(agreement.terminated_on)},
        )
        return redirect(agreement)
    return render(request, "agreements/terminate.html", {"agreement": agreement, "form": form})


@login_required
def document_upload(request, pk):
    agreement = editable_agreement(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.save(commit=False)
        document.agreement = agreement
        document.uploaded_by = request.user
        document.original_name = form.cleaned_data["file"].name[:255]
        with transaction.atomic():
            document.save()
            if document.kind == AgreementDocument.Kind.SIGNED_SCAN:
                services.changes_need_verification(agreement, user=request.user, changed={"scan"})
        messages.success(request, _("Dokumen “%(name)s” tersimpan.") % {"name": document})
        return redirect(agreement)
    return render(request, "agreements/document_form.html", {"agreement": agreement, "form": form})


@login_required
def document_download(request, pk):
    readable = Agreement.objects.for_user(request.user)
    document = get_object_or_404(AgreementDocument.objects.current().filter(agreement__in=readable), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from missing
    name = download_name(document.original_name, "pdf", fallback=f"dokumen-{document.pk}")
    return serve_file(handle, content_type="application/pdf", filename=name, as_attachment=True)


@login_required
def document_withdraw(request, pk):
    """Withdraw a document uploaded by mistake, with a reason: gone from the page and the bundle, kept in history."""
    readable = Agreement.objects.for_user(request.user)
    documents = AgreementDocument.objects.current().filter(agreement__in=readable).select_related("agreement")
    document = get_object_or_404(documents, pk=pk)
    agreement = document.agreement
    if not request.user.can_edit_unit_records(agreement.unit_id):
        raise PermissionDenied
    form = DocumentWithdrawalForm(request.POST or None, instance=document, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Dokumen “%(name)s” ditarik.") % {"name": document})
        return redirect(agreement)
    return render(
        request,
        "withdraw.html",
        {
            "form": form,
            "agreement": agreement,
            "file_name": str(document),
            "breadcrumbs": "agreements/_breadcrumbs.html",
            "back_url": agreement.get_absolute_url(),
        },
    )


# What an agreement's page and its printed summary both show ---------------------------------------------------


def latest_signed_scan(documents):
    scans = [document for document in documents if document.kind == AgreementDocument.Kind.SIGNED_SCAN]
    return max(scans, key=lambda document: (document.uploaded_at, document.pk), default=None)


def agreement_facts(user, agreement):
    """What an agreement's page and its printed summary both show: parties, programs with what the activities
    carried out so far achieved, the latest activities, documents, and the related agreements `user` may read."""
    scoped = Agreement.objects.for_user(user)
    # A national MoU has PKS all over the country: only those the user may read are named.
    related = scoped.with_status().select_related("unit").order_by("signed_on", "pk")
    # Under a national agreement each unit logs its own activities: only those the user may read are shown.
    activities = Activity.objects.for_user(user).filter(agreement_program__agreement=agreement).carried_out()
    # Withdrawn files are in the history only: never on the page, in the bundle or counted.
    documents = list(agreement.documents.current().select_related("uploaded_by"))
    return {
        "agreement": agreement,
        "parties": list(agreement.parties.select_related("partner").order_by("order", "pk")),
        "programs": list(agreement.programs.select_related("program__category").with_progress()),
        "activities": list(
            activities.select_related("agreement_program__program").prefetch_related(current_evidence())[
                :TIMELINE_LENGTH
            ]
        ),
        "activity_totals": activities.totals(),
        "documents": documents,
        "signed_scan": latest_signed_scan(documents),
        "parent": related.filter(pk=agreement.parent_id).first() if agreement.parent_id else None,
        "renews": related.filter(pk=agreement.renews_id).first() if agreement.renews_id else None,
        "children": list(related.filter(parent=agreement)),
        "renewed_by": list(related.filter(renews=agreement)),
    }
