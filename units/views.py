"""Suggestions for the unit pickers: the units the user may read."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from units.models import Unit

AUTOCOMPLETE_LIMIT = 20


@login_required
def unit_autocomplete(request):
    """Units whose name contains every word of `q`, within what the user may read: {"results": [{id, name}]}."""
    words = request.GET.get("q", "").split()
    if not words or len(" ".join(words)) < 2:
        return JsonResponse({"results": []})
    units = Unit.objects.for_user(request.user)
    for word in words:
        units = units.filter(name__icontains=word)
    results = [
        {"id": pk, "name": name} for pk, name in units.order_by("name").values_list("pk", "name")[:AUTOCOMPLETE_LIMIT]
    ]
    return JsonResponse({"results": results})
