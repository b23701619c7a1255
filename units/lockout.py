"""Repeated failed logins (django-axes): which logins count, how the lockout looks to the person locked out, and
where a request comes from. AUTHENTICATION_BACKENDS, AXES_LOCKOUT_CALLABLE and AXES_CLIENT_IP_CALLABLE point here."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render

from units.forms import SignInForm


def locked_out(request, original_response=None, credentials=None):
    """The login page again, with the reason the account will not sign in from here and what to do about it."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    cooloff = settings.AXES_COOLOFF_TIME
    context = {
        "form": SignInForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "locked_out": True,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(cooloff.total_seconds() // 60) if cooloff else None,
    }
    return render(request, "registration/login.html", context, status=429)


def client_address(request):
    """The address a login attempt came from. Behind SINERGI_PROXY_COUNT reverse proxies it is that many places
    from the right of X-Forwarded-For: each proxy appends the address it saw, and anything further left was
    written by the client and may be forged. Without the setting, the proxy's own address would put every
    person in the office behind one address."""
    proxies = settings.SINERGI_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class LockoutBackend(AxesStandaloneBackend):
    """django-axes's check, for logins that come with a request.

    Every login over HTTP (the login page, the admin's) carries its request and is counted. `authenticate()`
    without one comes from code on the server itself (a shell, a script, the test client's `login()`): it has no
    address to count against, and refusing it outright, as axes does, only breaks that code.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
