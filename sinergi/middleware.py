def indonesian_unless_chosen(get_response):
    """Sinergi speaks Indonesian unless the user picks English in the footer.

    Office PCs often run browsers set to English; without this, LocaleMiddleware would follow the browser's
    Accept-Language and switch dates to English ("Dec. 30, 2024") for people who never asked for it.
    The choice made in the footer is kept in the language cookie, which LocaleMiddleware still reads.
    """

    def middleware(request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return get_response(request)

    return middleware
