"""The small labels every agreement row carries (kind, status, awaiting verification), written by Python: a list
of 25 rows drew them through ~100 template includes, a third of the page's time. The `_kind.html`, `_status.html`
and `_unverified.html` partials call these, so every page shows the same markup."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def kind_label(kind):
    if kind == "mou":
        return format_html('<abbr title="{}">MoU</abbr>', _("Nota Kesepahaman"))
    if kind == "pks":
        return format_html('<abbr title="{}">PKS</abbr>', _("Perjanjian Kerja Sama"))
    return _("Adendum")


@register.simple_tag
def status_badge(status):
    return format_html('<span class="status status-{}">{}</span>', status.value, status.label)


@register.simple_tag
def unverified_tag(agreement):
    if agreement.verification_state == "verified":
        return ""
    return format_html(
        '<span class="tag tag--unverified" title="{}">{}</span>',
        _("Belum diverifikasi kepala unit"),
        agreement.get_verification_state_display(),
    )
