"""What every Sinergi admin page shares: history, and permissions that follow the user's role and unit.

The admin is the administrators' tool. Operators and heads of unit do every task on the app's own pages
(agreements, documents, programs, activities, partners), whose forms offer and accept only what the user may
use; a second, wider set of forms for the same records is a second place for those rules to go wrong. The one
exception is the program catalogue, which has no page of its own: Ditjenpas's operators keep it here
(`programs.admin.CatalogueAdmin`).

Django's per-model permission table is not used: who may read and change what is decided by the same rules the
web pages use (`for_user()`, `User.can_edit_unit_records()`), so the two can never disagree.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sinergi.concurrency import VersionedFormMixin, claim_version


def opens_admin(user):
    """Whether `user` may use the admin at all: an active staff account of an administrator."""
    return user.is_active and user.is_staff and user.is_administrator


class ReadableByStaffAdmin(SimpleHistoryAdmin):
    """Read by administrators (`opens_admin`); changed only by those `can_change(user)` allows among them.

    A record with a `version` (agreements, partners, activities) is locked as on the app's pages: a save in the
    admin counts as a version, so a form drawn before it is refused, and the admin's own form is refused when
    the record was saved elsewhere after it was opened."""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if not self.has_own_history:
            # simple_history's pages need the model's own history: Django's change log serves the others.
            self.object_history_template = None
            self.change_form_template = None

    @property
    def has_own_history(self):
        return hasattr(self.model._meta, "simple_history_manager_attribute")

    @property
    def is_versioned(self):
        return any(field.name == "version" for field in self.model._meta.concrete_fields)

    def get_form(self, request, obj=None, **kwargs):
        if self.is_versioned:
            kwargs.setdefault("form", versioned_admin_form(self.form))
            if kwargs.get("fields", ()) is not None:
                # The form declares `version` itself; named to the model form, a non-editable field is refused.
                fields = kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj))
                kwargs["fields"] = [name for name in fields if name != "version"]
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.is_versioned or "version" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "version"]}), *rest]

    def save_model(self, request, obj, form, change):
        if self.is_versioned:
            # The form already refused a stale version; here the save is counted, under the row's lock.
            claim_version(obj, None)
        super().save_model(request, obj, form, change)

    def can_change(self, user):
        return user.is_administrator

    def has_module_permission(self, request):
        return opens_admin(request.user)

    def has_add_permission(self, request):
        return self.has_module_permission(request) and self.can_change(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request) and self.can_change(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        # Records people relied on are ended, not deleted; only a superuser may clean up a mistake.
        return request.user.is_superuser

    # simple_history's history pages bypass get_queryset() (they fall back to the historical rows) and its
    # "revert" form saves on POST without asking has_change_permission(): scope them like the change page.
    # Administrators keep simple_history's view of deleted records.
    def history_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None and not request.user.is_administrator:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_own_history:
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None and not request.user.is_administrator:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordOfEventsAdmin(ReadableByStaffAdmin):
    """What happened, kept as it happened (verification steps, follow-ups, proposals, imports, notifications):
    administrators read it here; it changes only through the app's own pages."""

    def can_change(self, user):
        return False

    def get_readonly_fields(self, request, obj=None):
        # Every field is shown, none is a form field (some, like the time recorded, could not be one).
        return self.fields or [field.name for field in self.model._meta.fields if field.name != "id"]


def versioned_admin_form(form_class):
    """`form_class` carrying the version it was drawn from, as a hidden field the admin's fieldsets can name."""
    return type(
        f"Versioned{form_class.__name__}",
        (VersionedFormMixin, form_class),
        {
            "version": forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0),
            "stale_message": _(
                "Data ini telah diubah orang lain sejak Anda membuka halaman ini; isian Anda belum disimpan. "
                "Lihat perubahan mereka di Riwayat, lalu simpan lagi bila memang ingin menimpanya."
            ),
        },
    )


class ParentPermissionsInlineMixin:
    """An inline may be read and changed exactly when its parent record may: the parent admin's role rules
    decide, not Django's permission table."""

    def parent_admin(self):
        return self.admin_site._registry[self.parent_model]

    def has_add_permission(self, request, obj=None):
        return self.parent_admin().has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.parent_admin().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.parent_admin().has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return self.parent_admin().has_view_permission(request, obj)


class UndeletableInlineMixin(ParentPermissionsInlineMixin):
    """Rows people relied on (a signed scan, a program with activities) are not deleted from their parent's
    page: withdrawing them leaves a trace; only a superuser may clean up a mistake."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)
