from django.contrib import admin

from monitoring.models import Notification
from sinergi.admin import RecordOfEventsAdmin


@admin.register(Notification)
class NotificationAdmin(RecordOfEventsAdmin):
    """What was sent to whom, and whether its e-mail went out: for an administrator answering "I was never told"."""

    list_display = ["subject", "recipient", "kind", "created_at", "read_at", "email_state"]
    list_filter = ["kind", "email_state"]
    search_fields = ["subject", "recipient__username"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
