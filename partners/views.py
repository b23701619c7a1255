"""Adding to and correcting the national partner directory (outright, by a proposed correction, or by a curator's
merge), and the partner picker's suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners.forms import ContactFormSet, DecisionForm, MergeForm, PartnerCorrectionForm, PartnerForm
from partners.models import Partner, PartnerCorrection
from partners.services import merge_partners
from sinergi.concurrency import StaleEdit, claim_version

AUTOCOMPLETE_LIMIT = 20


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
    form = PartnerForm(request.POST or None, instance=partner, user=request.user)
    contacts = ContactFormSet(request.POST or None, instance=partner, prefix="contacts", user=request.user)
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            with transaction.atomic():
                partner = form.save(commit=False)
                claim_version(partner, form.cleaned_data.get("version"))
                partner.save()
                contacts.instance = partner
                contacts.save()
        except StaleEdit as stale:
            form.refuse_stale(form.cleaned_data.get("version"), stale.current_version)
        else:
            messages.success(request, _("Mitra “%(name)s” tersimpan.") % {"name": partner.name})
            return redirect(partner)
    return render(
        request,
        "partners/form.html",
        {"form": form, "contacts": contacts, "partner": partner, "saved_name": saved_name},
    )


@login_required
def partner_propose(request, pk):
    """A correction of a partner's identity, for the curators to decide ("usulan perbaikan")."""
    if not request.user.can_edit_partners or request.user.unit is None:
        raise PermissionDenied
    partner = get_object_or_404(Partner.objects.for_user(request.user), pk=pk)
    form = PartnerCorrectionForm(request.POST or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        form.instance.partner, form.instance.original = partner, PartnerCorrection.identity_of(partner)
        form.instance.proposed_by, form.instance.unit = request.user, request.user.unit
        form.save()
        messages.success(request, _("Usulan perbaikan terkirim. Kurator direktori akan memutuskannya."))
        return redirect("partners:corrections")
    return render(request, "partners/correction_form.html", {"form": form, "partner": partner})


@login_required
def correction_list(request):
    """The curator's queue of proposals to decide, and the proposals of the user's own unit with their outcome."""
    user = request.user
    readable = PartnerCorrection.objects.for_user(user).select_related("partner", "unit", "proposed_by", "decided_by")
    awaiting = [(c, DecisionForm(prefix=f"c{c.pk}")) for c in readable.awaiting(user)]
    own = readable.filter(unit_id=user.unit_id) if user.unit_id else readable.none()
    return render(request, "partners/corrections.html", {"awaiting": awaiting, "own": own})


@login_required
@require_POST
def correction_decide(request, pk):
    correction = get_object_or_404(PartnerCorrection.objects.awaiting(request.user), pk=pk)
    form = DecisionForm(request.POST, prefix=f"c{pk}")
    if not form.is_valid():
        raise PermissionDenied  # only a tampered request lacks the decision
    note = form.cleaned_data["curator_note"]
    try:
        if form.cleaned_data["decision"] == DecisionForm.ACCEPT:
            correction.accept(curator=request.user, note=note)
        else:
            correction.decline(curator=request.user, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Keputusan atas usulan “%(name)s” tersimpan.") % {"name": correction.name})
    return redirect("partners:corrections")


@login_required
def partner_merge(request, pk):
    keep = get_object_or_404(Partner.objects.curated_by(request.user), pk=pk)
    form = MergeForm(request.POST or None, keep=keep, user=request.user)
    if request.method == "POST" and form.is_valid():
        merged = form.cleaned_data["merged"]
        try:
            merge_partners(keep=keep, merged=merged, curator=request.user)
        except ValidationError as error:
            form.add_error("merged", error)
        else:
            messages.success(request, _("“%(merged)s” digabung ke mitra ini.") % {"merged": merged.name})
            return redirect(keep)
    return render(request, "partners/merge.html", {"form": form, "partner": keep})


@login_required
def partner_autocomplete(request):
    """Partners found by `q` (`Partner.objects.matching`: abbreviations, slips of a letter), for pickers:
    {"results": [{id, name, label, url}]}.

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
        partners.matching(query)
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
    results = [suggestion(partner) for partner in matches]
    if similar:
        for result, partner in zip(results, matches, strict=True):
            result["same"] = partner.name_key in same_keys
    return JsonResponse({"results": results})


def suggestion(partner):
    """One partner as the pickers show it: its name, and its sector and region beside it."""
    details = ", ".join(part for part in (partner.get_sector_display(), partner.region) if part)
    return {
        "id": partner.pk,
        "name": partner.name,
        "label": f"{partner.name} — {details}",
        "url": partner.get_absolute_url(),
    }
