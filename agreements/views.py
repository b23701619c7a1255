from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agreements.filters import AgreementFilter
from agreements.forms import (
    AgreementForm,
    DocumentForm,
    PartyInlineFormSet,
    ProgramInlineFormSet,
    TerminateForm,
)
from agreements.models import Agreement, AgreementDocument, AgreementParty, RegisterExport, Status
from agreements.pdf import UnreadablePdf, merge_pdfs, pdf_response, print_context, render_pdf
from agreements.tasks import render_register_export, replayed_request
from partners.models import Partner
from programs.models import Activity, AgreementProgram, Program
from sinergi.history import history_entries

PER_PAGE = 25
# The latest activities shown on an agreement's page; the rest are one link away, in the activities list.
TIMELINE_LENGTH = 10
# Not shown in the register; left in the database so a page of 25 stays small.
LONG_TEXTS = ["scope", "objectives", "legal_basis", "funding_note", "signing_notes", "termination_reason"]


@login_required
def home(request):
    user = request.user
    agreements = Agreement.objects.own_side(user)
    counts = dict(
        agreements.with_status()
        .order_by()
        .values_list("current_status")
        .annotate(total=Count("pk"))
        .values_list("current_status", "total")
    )
    status_counts = [(status, counts.get(status.value, 0)) for status in Status]
    ending = (
        agreements.in_force().select_related("unit").prefetch_related("parties__partner").order_by("ends_on", "pk")[:10]
    )
    return render(
        request,
        "agreements/home.html",
        {
            "status_counts": status_counts,
            "ending": ending,
            "total": sum(counts.values()),
            "today": timezone.localdate(),
            "show_unit": agreements.spans_units_besides(user.unit_id),
        },
    )


def parties_in_order():
    return Prefetch("parties", queryset=AgreementParty.objects.select_related("partner").order_by("order", "pk"))


@login_required
def agreement_list(request):
    register = agreement_register(request)
    page_obj = Paginator(register["filter"].qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "agreements/list.html",
        {
            **register,
            "page_obj": page_obj,
            "is_filtered": any(value for key, value in request.GET.items() if key not in ("o", "page")),
            "ordering": request.GET.get("o", ""),
        },
    )


@login_required
def agreement_detail(request, pk):
    user = request.user
    scoped = Agreement.objects.for_user(user)
    agreement = get_object_or_404(scoped.select_related("unit", "created_by"), pk=pk)
    can_edit = user.can_edit_unit_records(agreement.unit_id)
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
            "can_register_pks": agreement.kind == Agreement.Kind.MOU and user.can_edit_own_unit,
        },
    )


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
        # A PKS under a national or regional MoU is made by the unit that carries it out.
        if parent.kind != Agreement.Kind.MOU:
            raise Http404(_("PKS turunan hanya dapat dicatat di bawah MoU."))
        if not user.can_edit_own_unit:
            raise PermissionDenied
        title = _("Catat PKS turunan")
    elif not user.can_edit_unit_records(parent.unit_id):
        raise PermissionDenied
    else:
        title = _("Catat adendum")
    parties = parent.parties.select_related("partner").order_by("order", "pk")
    return edit_agreement(
        request,
        Agreement(),
        title=title,
        source=parent,
        initial={"kind": kind, "parent": parent.pk, "unit": parent.unit_id},
        parties=[
            {"partner": party.partner}
            if kind == Agreement.Kind.PKS
            else {
                "partner": party.partner,
                "signatory_name": party.signatory_name,
                "signatory_position": party.signatory_position,
            }
            for party in parties
        ],
    )


@login_required
def agreement_renew(request, pk):
    source = editable_agreement(request, pk)
    copied = ["kind", "subject", "our_signatory_name", "our_signatory_position", "scope", "objectives"]
    copied += ["legal_basis", "funding_note"]
    initial = {name: getattr(source, name) for name in copied}
    initial.update(renews=source.pk, parent=source.parent_id, unit=source.unit_id)
    return edit_agreement(
        request,
        Agreement(),
        title=_("Perpanjang perjanjian"),
        source=source,
        initial=initial,
        parties=[
            {
                "partner": party.partner,
                "signatory_name": party.signatory_name,
                "signatory_position": party.signatory_position,
            }
            for party in source.parties.select_related("partner").order_by("order", "pk")
        ],
        programs=[
            {
                "program": item.program_id,
                "target_group": item.target_group,
                "target_participants": item.target_participants,
                "notes": item.notes,
            }
            for item in source.programs.filter(program__is_active=True)
        ],
    )


def editable_agreement(request, pk):
    """An agreement the user may change: out of scope is 404, in scope but read-only is 403."""
    agreement = get_object_or_404(Agreement.objects.for_user(request.user).select_related("unit"), pk=pk)
    if not request.user.can_edit_unit_records(agreement.unit_id):
        raise PermissionDenied
    return agreement


def edit_agreement(request, agreement, *, title, source=None, initial=None, parties=(), programs=()):
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
        data, instance=agreement, prefix="programs", initial=None if posted else list(programs)
    )
    if posted and all([form.is_valid(), party_formset.is_valid(), program_formset.is_valid()]):
        with transaction.atomic():
            agreement = form.save(commit=False)
            if agreement.created_by_id is None and agreement.pk is None:
                agreement.created_by = user
            agreement.save()
            party_formset.instance = agreement
            party_formset.save()
            program_formset.instance = agreement
            program_formset.save()
            scan = form.cleaned_data.get("scan")
            if scan:
                AgreementDocument.objects.create(
                    agreement=agreement,
                    kind=AgreementDocument.Kind.SIGNED_SCAN,
                    file=scan,
                    original_name=scan.name[:255],
                    uploaded_by=user,
                )
        messages.success(request, _("Perjanjian “%(subject)s” tersimpan.") % {"subject": agreement.subject})
        return redirect("agreements:detail", pk=agreement.pk)
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
        return redirect("agreements:detail", pk=agreement.pk)
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
        document.save()
        messages.success(request, _("Dokumen “%(name)s” tersimpan.") % {"name": document})
        return redirect("agreements:detail", pk=agreement.pk)
    return render(request, "agreements/document_form.html", {"agreement": agreement, "form": form})


@login_required
def document_download(request, pk):
    readable = Agreement.objects.for_user(request.user)
    document = get_object_or_404(AgreementDocument.objects.filter(agreement__in=readable), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from missing
    name = document.original_name or f"dokumen-{document.pk}.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


# Change history ------------------------------------------------------------------------------------------------


def agreement_history(agreement):
    """Who changed what and when: the agreement itself, its parties, programs and documents, newest first."""
    by_date = ("history_date", "history_id")
    own = agreement.history.select_related("history_user").order_by(*by_date)
    parties = list(
        AgreementParty.history.filter(agreement_id=agreement.pk).select_related("history_user").order_by(*by_date)
    )
    programs = list(
        AgreementProgram.history.filter(agreement_id=agreement.pk).select_related("history_user").order_by(*by_date)
    )
    documents = AgreementDocument.history.filter(agreement_id=agreement.pk).select_related("history_user")
    partner_names = dict(Partner.objects.filter(pk__in={r.partner_id for r in parties}).values_list("pk", "name"))
    program_names = dict(Program.objects.filter(pk__in={r.program_id for r in programs}).values_list("pk", "name"))

    agreement_texts = {
        "created": _("Perjanjian dicatat"),
        "changed": _("Perjanjian diubah"),
        "deleted": _("Perjanjian dihapus"),
    }
    party_texts = {
        "created": _("Pihak mitra ditambahkan: %(name)s"),
        "changed": _("Pihak mitra diubah: %(name)s"),
        "deleted": _("Pihak mitra dihapus: %(name)s"),
    }
    program_texts = {
        "created": _("Program ditambahkan: %(name)s"),
        "changed": _("Program diubah: %(name)s"),
        "deleted": _("Program dihapus: %(name)s"),
    }
    document_texts = {
        "created": _("Dokumen diunggah: %(name)s"),
        "changed": _("Dokumen diubah: %(name)s"),
        "deleted": _("Dokumen dihapus: %(name)s"),
    }

    def program_name(record):
        return f"{program_names.get(record.program_id, '?')} ({record.get_target_group_display()})"

    entries = [
        *history_entries(own, lambda record, action: agreement_texts[action]),
        *history_entries(
            parties, lambda r, action: party_texts[action] % {"name": partner_names.get(r.partner_id, "?")}
        ),
        *history_entries(programs, lambda r, action: program_texts[action] % {"name": program_name(r)}),
        *history_entries(
            documents.order_by(*by_date),
            lambda r, action: document_texts[action] % {"name": r.title or r.original_name},
        ),
    ]
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries


# Printing: summary, signed-agreement bundle, register --------------------------------------------------------


def latest_signed_scan(documents):
    scans = [document for document in documents if document.kind == AgreementDocument.Kind.SIGNED_SCAN]
    return max(scans, key=lambda document: (document.uploaded_at, document.pk), default=None)


def agreement_facts(user, agreement):
    """What an agreement's page and its printed summary both show: parties, programs with what the activities
    carried out so far achieved, the latest activities, documents, and the related agreements `user` may read."""
    scoped = Agreement.objects.for_user(user)
    # A national MoU has PKS all over the country: only those the user may read are named.
    related = scoped.with_status().select_related("unit").order_by("signed_on", "pk")
    activities = Activity.objects.filter(agreement_program__agreement=agreement).carried_out()
    documents = list(agreement.documents.select_related("uploaded_by"))
    return {
        "agreement": agreement,
        "parties": list(agreement.parties.select_related("partner").order_by("order", "pk")),
        "programs": list(agreement.programs.select_related("program__category").with_progress()),
        "activities": list(
            activities.select_related("agreement_program__program").prefetch_related("evidence")[:TIMELINE_LENGTH]
        ),
        "activity_totals": activities.totals(),
        "documents": documents,
        "signed_scan": latest_signed_scan(documents),
        "parent": related.filter(pk=agreement.parent_id).first() if agreement.parent_id else None,
        "renews": related.filter(pk=agreement.renews_id).first() if agreement.renews_id else None,
        "children": list(related.filter(parent=agreement)),
        "renewed_by": list(related.filter(renews=agreement)),
    }


def printed_by(user):
    return user.get_full_name() or user.username


def readable_agreement(request, pk):
    return get_object_or_404(Agreement.objects.for_user(request.user).select_related("unit"), pk=pk)


def render_summary(user, agreement, facts):
    """The one-page summary on the owning unit's letterhead, as PDF bytes."""
    context = {
        **facts,
        **print_context(unit=agreement.unit, path=reverse("agreements:detail", args=[agreement.pk])),
        "printed_by": printed_by(user),
    }
    return render_pdf("agreements/pdf/summary.html", context)


@login_required
def summary_pdf(request, pk):
    agreement = readable_agreement(request, pk)
    pdf = render_summary(request.user, agreement, agreement_facts(request.user, agreement))
    return pdf_response(pdf, f"ringkasan-{agreement.kind}-{agreement.pk}.pdf")


@login_required
def bundle_pdf(request, pk):
    """The summary followed by the signed scan's pages: one file to file away or send."""
    agreement = readable_agreement(request, pk)
    facts = agreement_facts(request.user, agreement)
    scan = facts["signed_scan"]
    if scan is None:
        raise Http404(_("Belum ada naskah bertanda tangan yang diunggah."))
    try:
        with scan.file.open("rb") as handle:
            scanned = handle.read()
    except FileNotFoundError as missing:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from missing
    summary = render_summary(request.user, agreement, facts)
    try:
        pdf = merge_pdfs([(summary, _("Ringkasan perjanjian")), (scanned, _("Naskah bertanda tangan"))])
    except UnreadablePdf:
        messages.error(
            request,
            _(
                "Pindaian “%(name)s” tidak dapat dibaca sebagai PDF (rusak atau berkata sandi). Cetak ringkasannya dan "
                "unduh pindaiannya secara terpisah, atau unggah ulang pindaiannya."
            )
            % {"name": scan},
        )
        return redirect("agreements:detail", pk=agreement.pk)
    return pdf_response(pdf, f"berkas-{agreement.kind}-{agreement.pk}.pdf")


def agreement_register(request):
    """The agreements list as `request.GET` filters it, within what `request.user` may read. The list page,
    the printed register and its background export all start here, so they always agree."""
    user = request.user
    scoped = Agreement.objects.for_user(user)
    # The unit column and filter only help someone who reads other units' agreements too.
    show_unit = scoped.spans_units_besides(user.unit_id)
    agreements = (
        scoped.with_status()
        .with_dormancy()
        .select_related("unit")
        .prefetch_related(parties_in_order())
        .defer(*LONG_TEXTS)
    )
    filterset = AgreementFilter(request.GET or None, queryset=agreements, request=request, show_unit=show_unit)
    return {"filter": filterset, "show_unit": show_unit}


def shown_value(field, value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    choices = {str(key): label for key, label in getattr(field, "choices", ())}
    if str(value) in choices:
        return str(choices[str(value)])
    return f"“{value}”"


def applied_filters(filterset):
    """The filters in use as [(label, value)] in words, for the top of the printed register. A label with "…"
    takes the value in its place ("berakhir dalam 90 hari") and comes back as (None, text)."""
    form = filterset.form
    if not form.is_bound:
        return []
    form.is_valid()
    applied = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name == "o" or value in (None, "", [], False):
            continue
        label = str(field.label)
        if value is True:
            applied.append((None, label))
        elif "…" in label:
            applied.append((None, label.replace("…", shown_value(field, value))))
        else:
            applied.append((label, shown_value(field, value)))
    return applied


def ordering_label(filterset):
    form = filterset.form
    chosen = form.cleaned_data.get("o") if form.is_bound and form.is_valid() else None
    if not chosen:
        return _("terbaru ditandatangani lebih dulu")
    field = chosen[0].lstrip("-")
    label = dict(form.fields["o"].choices).get(field, field)
    if chosen[0].startswith("-"):
        return _("%(field)s, urutan menurun") % {"field": label}
    return _("%(field)s, urutan menaik") % {"field": label}


def scope_label(user):
    """Whose agreements a register can hold, in words."""
    if user.sees_everything:
        return _("Seluruh unit: Direktorat Jenderal Pemasyarakatan, Kantor Wilayah, dan UPT")
    if user.unit.children.exists():
        return _("%(unit)s dan unit di bawahnya, beserta perjanjian unit di atasnya") % {"unit": user.unit.name}
    return _("%(unit)s, beserta perjanjian Kantor Wilayah dan pusat yang berlaku baginya") % {"unit": user.unit.name}


def register_query(query):
    """The list's query string without the page number: the register prints every page."""
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


def render_register(request, register=None):
    """The register (Daftar Perjanjian Kerja Sama) as the list is filtered: (PDF bytes, number of rows)."""
    register = register or agreement_register(request)
    filterset = register["filter"]
    rows = list(filterset.qs)
    counts = Counter(row.status for row in rows)
    query = register_query(request.GET)
    user = request.user
    context = {
        **register,
        "rows": rows,
        "status_totals": [(status, counts[status]) for status in Status],
        "applied_filters": applied_filters(filterset),
        "ordering_label": ordering_label(filterset),
        "scope_label": scope_label(user),
        **print_context(unit=user.unit, path=reverse("agreements:list") + (f"?{query}" if query else "")),
        "printed_by": printed_by(user),
    }
    return render_pdf("agreements/pdf/register.html", context), len(rows)


def register_inline_limit():
    return getattr(settings, "SINERGI_REGISTER_INLINE_LIMIT", 200)


@login_required
def register_pdf(request):
    """The list as filtered, printed. Long registers go to the background worker and the user waits on a page
    that says how far it is."""
    register = agreement_register(request)
    row_count = register["filter"].qs.count()
    if row_count > register_inline_limit():
        export = RegisterExport.objects.create(
            requested_by=request.user, query_string=register_query(request.GET), row_count=row_count
        )
        render_register_export.enqueue(export.pk)
        return redirect(export)
    pdf, _rows = render_register(request, register)
    return pdf_response(pdf, f"daftar-perjanjian-{timezone.localdate():%Y%m%d}.pdf")


@login_required
def register_export(request, pk):
    export = get_object_or_404(RegisterExport.objects.for_user(request.user).select_related("requested_by"), pk=pk)
    register = agreement_register(replayed_request(export.requested_by, export.query_string))
    return render(
        request,
        "agreements/register_export.html",
        {
            "export": export,
            "applied_filters": applied_filters(register["filter"]),
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
