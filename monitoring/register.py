"""The printed register (Daftar Perjanjian Kerja Sama): the agreements list as filtered, on the letterhead."""

from collections import Counter
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.filters import filter_agreements
from agreements.models import Status
from sinergi.printing import print_context, printed_by, render_pdf
from units.models import Unit


def register_inline_limit():
    return getattr(settings, "SINERGI_REGISTER_INLINE_LIMIT", 200)


def shown_value(field, value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    choices = {str(key): label for key, label in getattr(field, "choices", ())}
    if str(value) in choices:
        return str(choices[str(value)])
    return f"“{value}”"


def applied_filters(filterset):
    """The filters in use as [(label, value)] in words, for the top of the printed register. A label with "…"
    takes the value in its place ("berakhir dalam 90 hari") and comes back as (None, text)."""
    form = filterset.form
    if not form.is_bound:
        return []
    form.is_valid()
    applied = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name == "o" or value in (None, "", [], False):
            continue
        label = str(field.label)
        if value is True:
            applied.append((None, label))
        elif "…" in label:
            applied.append((None, label.replace("…", shown_value(field, value))))
        else:
            applied.append((label, shown_value(field, value)))
    return applied


def ordering_label(filterset):
    form = filterset.form
    chosen = form.cleaned_data.get("o") if form.is_bound and form.is_valid() else None
    if not chosen:
        return _("terbaru ditandatangani lebih dulu")
    field = chosen[0].lstrip("-")
    label = dict(form.fields["o"].choices).get(field, field)
    if chosen[0].startswith("-"):
        return _("%(field)s, urutan menurun") % {"field": label}
    return _("%(field)s, urutan menaik") % {"field": label}


def scope_label(user):
    """Whose agreements a register can hold, in words."""
    if user.sees_everything:
        return _("Seluruh unit: Direktorat Jenderal Pemasyarakatan, Kantor Wilayah, dan UPT")
    if user.unit.children.exists():
        return _("%(unit)s dan unit di bawahnya, beserta perjanjian unit di atasnya") % {"unit": user.unit.name}
    return _("%(unit)s, beserta perjanjian Kantor Wilayah dan pusat yang berlaku baginya") % {"unit": user.unit.name}


def register_query(query):
    """The list's query string without the page number (the register prints every page), its parameters in a
    fixed order, so that the same filters always read the same (`RegisterExport.objects.reusable`)."""
    items = sorted((key, value) for key, values in query.lists() if key != "page" for value in values)
    return urlencode(items)


def render_register(user, query_string, *, short_path=None):
    """The register (Daftar Perjanjian Kerja Sama) as the list is filtered by `query_string`, within what `user`
    may read: (PDF bytes, number of rows). The page and the background task both call this; the QR code links
    to the filtered list, or to `short_path` (the export's own page) when that link is too long for a QR code."""
    filterset = filter_agreements(user, QueryDict(query_string))
    rows = list(filterset.qs)
    counts = Counter(row.status for row in rows)
    query = register_query(QueryDict(query_string))
    context = {
        "filter": filterset,
        "show_unit": filterset.show_unit,
        "rows": rows,
        "status_totals": [(status, counts[status]) for status in Status],
        "unverified_count": sum(1 for row in rows if not row.is_verified),
        "applied_filters": applied_filters(filterset),
        "ordering_label": ordering_label(filterset),
        "scope_label": scope_label(user),
        **print_context(
            letterhead=Unit.objects.letterhead_for(user.unit),
            path=reverse("agreements:list") + (f"?{query}" if query else ""),
            short_path=short_path,
        ),
        "printed_by": printed_by(user),
    }
    return render_pdf("monitoring/pdf/register.html", context), len(rows)
