from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from sinergi.admin import ReadableByStaffAdmin
from sinergi.uploads import logo_as_png
from units.models import Unit, User


class UnitAdminForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["logo"]  # the admin adds the fieldsets' fields

    def clean_logo(self):
        """Every uploaded logo is decoded and re-encoded as PNG: what is stored is only the picture."""
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return logo_as_png(logo)
        return logo


@admin.register(Unit)
class UnitAdmin(ReadableByStaffAdmin):
    form = UnitAdminForm
    list_display = ["name", "kind", "grade", "parent", "regency", "province", "head_name"]
    list_filter = ["kind", "grade", "province"]
    search_fields = ["name", "regency", "province", "head_name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    fieldsets = [
        (None, {"fields": ["kind", "grade", "name", "parent"]}),
        (_("Lokasi dan kontak"), {"fields": ["province", "regency", "address", "phone", "email"]}),
        (_("Kepala unit"), {"fields": ["head_name", "head_nip", "head_title"]}),
        (_("Kop surat"), {"fields": ["logo"]}),
    ]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts are the administrators' business alone. They keep no simple_history table (every login would
    add a row); the admin's own change log is their history."""

    list_display = ["username", "get_full_name", "unit", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "unit__kind"]
    search_fields = ["username", "first_name", "last_name", "email", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Data diri"), {"fields": ["first_name", "last_name", "email", "position"]}),
        (_("Unit dan peran"), {"fields": ["unit", "role"]}),
        (_("Akses"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Waktu penting"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "password1", "password2", "unit", "role", "is_staff"]}),
    ]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_administrator

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_module_permission
    has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class AdministratorsOnly:
    """Login records are the administrators' business, by Sinergi's role rule rather than Django's permission
    table, like the accounts themselves. They are records: nobody edits them."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_administrator

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class LoginAttemptAdmin(AdministratorsOnly, AccessAttemptAdmin):
    """Failed logins counting towards a lockout; removing them unlocks the account for that address."""

    actions = ["unlock"]

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)

    @admin.action(description=_("Buka kunci akun yang dipilih"), permissions=["delete"])
    def unlock(self, request, queryset):
        usernames = sorted(set(queryset.values_list("username", flat=True)))
        queryset.delete()
        self.message_user(
            request,
            _("Kunci dibuka untuk: %(usernames)s. Mereka dapat masuk lagi.") % {"usernames": ", ".join(usernames)},
            messages.SUCCESS,
        )


@admin.register(AccessLog)
class SuccessfulLoginAdmin(AdministratorsOnly, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class FailedLoginAdmin(AdministratorsOnly, AccessFailureLogAdmin):
    pass
