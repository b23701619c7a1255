from django.contrib import admin

from partners.models import Contact, Partner
from sinergi.admin import ParentPermissionsInlineMixin, ReadableByStaffAdmin


class ContactInline(ParentPermissionsInlineMixin, admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Partner)
class PartnerAdmin(ReadableByStaffAdmin):
    list_display = ["name", "short_name", "sector", "level", "parent", "regency", "province"]
    list_filter = ["sector", "level", "province"]
    search_fields = ["name", "short_name", "regency", "province"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [ContactInline]

    def can_change(self, user):
        return user.can_edit_partners
