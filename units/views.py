"""Suggestions for the unit picker of the forms administrators fill in."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from sinergi.pickers import suggestions
from units.models import Unit

LIMIT = 20


@login_required
def unit_autocomplete(request):
    """Units the user reads whose name contains every word of `q`."""
    words = request.GET.get("q", "").split()
    if not words or len("".join(words)) < 2:
        return JsonResponse({"results": []})
    units = Unit.objects.for_user(request.user)
    for word in words:
        units = units.filter(name__icontains=word)
    found = units.select_related("parent").order_by("name")[:LIMIT]
    return JsonResponse(suggestions(found, str, lambda unit: unit.parent.name if unit.parent else ""))
