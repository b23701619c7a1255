"""The user's own side: the language switch that remembers the choice, and suggestions for the unit pickers."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views import i18n

from units.models import Unit

AUTOCOMPLETE_LIMIT = 20


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
    """Units whose name contains every word of `q`, within what the user may read: {"results": [{id, name}]}."""
    words = request.GET.get("q", "").split()
    if not words or len(" ".join(words)) < 2:
        return JsonResponse({"results": []})
    units = Unit.objects.for_user(request.user)
    for word in words:
        units = units.filter(name__icontains=word)
    found = units.order_by("name").values_list("pk", "name")[:AUTOCOMPLETE_LIMIT]
    return JsonResponse({"results": [{"id": pk, "name": name} for pk, name in found]})
