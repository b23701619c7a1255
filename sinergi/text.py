"""Template filters for text shown in lists and headings."""

from django import template
from django.template.defaultfilters import stringfilter

register = template.Library()


@register.filter
@stringfilter
def shorten(value, length):
    """At most `length` characters, cut at a word boundary and ending in "…": a shortened title never ends in
    half a word ("… di Rutan Kelas IIB Bl…")."""
    length = int(length)
    if len(value) <= length:
        return value
    cut = value[: length - 1]
    if " " in cut and not value[length - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–—-") + "…"
