"""The user's own side: the language switch that remembers the choice, and suggestions for the unit pickers."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views import i18n

from sinergi.pickers import suggestions
from units.models import Unit

LIMIT = 20


def set_language(request):
    """Django's language switch (the cookie that LocaleMiddleware reads) that also keeps the choice on the
    account, so that e-mails sent outside a request speak the user's language."""
    response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER)
    user = request.user
    known = language in dict(settings.LANGUAGES)
    if request.method == "POST" and user.is_authenticated and known and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response


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
