from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """Django's login form with the words our users use ("kata sandi", not "sandi")."""

    username = forms.CharField(label=_("Nama pengguna"), widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(
        label=_("Kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
