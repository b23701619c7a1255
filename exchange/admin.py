from django.contrib import admin
from rest_framework.authtoken.models import TokenProxy

from exchange.models import ImportJob
from sinergi.admin import RecordOfEventsAdmin

# Each user sees, replaces and revokes their own API token on the "Akses API" page; an administrator who must cut
# an account off deactivates it, which stops its token too (TokenAuthentication refuses inactive users). Keeping
# tokens out of the admin keeps their keys out of another person's sight.
admin.site.unregister(TokenProxy)


@admin.register(ImportJob)
class ImportJobAdmin(RecordOfEventsAdmin):
    """Who imported what, with its counts. The uploaded file and its rows are read on the import's own page,
    which checks who asks; the admin's file link would bypass that."""

    list_display = ["original_name", "kind", "status", "requested_by", "total_rows", "refused_rows", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["original_name", "requested_by__username"]
    list_select_related = ["requested_by"]
    fields = [
        "original_name", "kind", "status", "requested_by", "total_rows", "refused_rows", "created_count",
        "updated_count", "error", "created_at", "finished_at",
    ]  # fmt: skip
