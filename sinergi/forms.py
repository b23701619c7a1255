"""Form pieces every app uses."""

from django import forms


def date_input():
    """A native date picker; the value is written the way the browser's picker reads it."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
