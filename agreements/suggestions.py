"""Suggestions for the agreement form's pickers ("Perjanjian induk", "Melanjutkan perjanjian")."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse
from django.utils.formats import date_format

from agreements.forms import agreement_label
from agreements.models import Agreement
from sinergi.pickers import RECORD_ID, suggestions
from units.models import Unit

LIMIT = 20


def owning_unit(user, typed):
    """The unit the agreement being filled in belongs to: the user's own, or for an administrator the unit
    typed in the form (its name or id)."""
    if not user.is_administrator:
        return user.unit
    units = Unit.objects.for_user(user)
    typed = " ".join(typed.split())
    match = RECORD_ID.search(typed)
    return (units.filter(pk=int(match[1])).first() if match else None) or units.filter(name__iexact=typed).first()


@login_required
def agreement_autocomplete(request):
    """The agreements that may be linked as `purpose` ("parent" or "renews") to an agreement of `kind` owned by
    `unit`, among those the user reads, matching `q` (subject or number; empty: the latest). Links that the
    rules refuse are never offered: `possible_parents_for`, `possible_renewals_for`."""
    params, user = request.GET, request.user
    unit = owning_unit(user, params.get("unit", ""))
    readable = Agreement.objects.for_user(user)
    if params.get("purpose") == "renews":
        agreements = readable.possible_renewals_for(params.get("kind", ""), unit)
    else:
        agreements = readable.possible_parents_for(params.get("kind", ""), unit)
    exclude = params.get("exclude", "")
    if exclude.isdigit():
        agreements = agreements.exclude(pk=exclude)
    for word in params.get("q", "").split():
        agreements = agreements.filter(Q(subject__icontains=word) | Q(number__icontains=word))
    found = agreements.select_related("unit").order_by("-signed_on", "-pk")[:LIMIT]
    return JsonResponse(suggestions(found, picker_label, details))


def picker_label(agreement):
    return f"{agreement_label(agreement)} (#{agreement.pk})"


def details(agreement):
    signed = date_format(agreement.signed_on) if agreement.signed_on else agreement.status.label
    return f"{agreement.unit.name}, {signed}"
