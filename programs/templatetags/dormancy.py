from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def dormant_days():
    """How many days without an activity make an agreement in force "tidak aktif" (SINERGI_DORMANT_DAYS), so
    that the tag can say what it means wherever it appears."""
    return settings.SINERGI_DORMANT_DAYS
