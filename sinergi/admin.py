"""What every Sinergi admin page shares: history, and permissions that follow the user's role and unit.

Django's per-model permission table is not used for staff: who may read and change what is decided by the
same rules the web pages use (`for_user()`, `User.can_edit_unit_records()`), so the two can never disagree.
"""

from simple_history.admin import SimpleHistoryAdmin


class ReadableByStaffAdmin(SimpleHistoryAdmin):
    """Readable by every staff account; changed only by those `can_change(user)` allows."""

    def can_change(self, user):
        return user.is_administrator

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.can_change(request.user)

    def has_change_permission(self, request, obj=None):
        return self.can_change(request.user)

    def has_delete_permission(self, request, obj=None):
        # Records people relied on are ended, not deleted; only a superuser may clean up a mistake.
        return request.user.is_superuser


class AdministratorOnlyAdmin(ReadableByStaffAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_administrator


class ReadOnlyInlineMixin:
    """Inlines follow their parent's change permission."""

    def has_add_permission(self, request, obj=None):
        return self.admin_site._registry[self.parent_model].has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.admin_site._registry[self.parent_model].has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.admin_site._registry[self.parent_model].has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return self.admin_site._registry[self.parent_model].has_view_permission(request, obj)
