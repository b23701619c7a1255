"""An agreement's printed documents: the one-page summary on the owning unit's letterhead, and the summary
bundled with the signed scan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from agreements.models import Agreement
from agreements.views import agreement_facts
from sinergi.printing import (
    UnreadablePdf,
    document_filename,
    merge_pdfs,
    pdf_response,
    print_context,
    printed_by,
    render_pdf,
)
from units.models import Unit


def readable_agreement(request, pk):
    return get_object_or_404(Agreement.objects.for_user(request.user).select_related("unit"), pk=pk)


def agreement_filename(prefix, agreement):
    """E.g. "ringkasan-pks-w13paspas1-um0101-101-tahun-2024.pdf": the number when there is one, else the subject."""
    return document_filename(f"{prefix}-{agreement.kind}", agreement.number or agreement.subject)


def render_summary(user, agreement, facts):
    """The one-page summary on the owning unit's letterhead, as PDF bytes."""
    context = {
        **facts,
        **print_context(letterhead=Unit.objects.letterhead_for(agreement.unit), path=agreement.get_absolute_url()),
        "printed_by": printed_by(user),
    }
    return render_pdf("agreements/pdf/summary.html", context)


@login_required
def summary_pdf(request, pk):
    agreement = readable_agreement(request, pk)
    pdf = render_summary(request.user, agreement, agreement_facts(request.user, agreement))
    return pdf_response(pdf, agreement_filename("ringkasan", agreement))


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
        return redirect(agreement)
    return pdf_response(pdf, agreement_filename("berkas", agreement))
