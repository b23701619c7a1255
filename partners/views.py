"""Adding to and correcting the national partner directory, and the partner picker's suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from partners.forms import ContactFormSet, PartnerForm
from partners.models import Partner
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
    form = PartnerForm(request.POST or None, instance=partner)
    contacts = ContactFormSet(request.POST or None, instance=partner, prefix="contacts")
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
            "url": partner.get_absolute_url(),
        }
        if similar:
            result["same"] = partner.name_key in same_keys
        results.append(result)
    return JsonResponse({"results": results})
