from django.conf import settings
from django.views import i18n


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
