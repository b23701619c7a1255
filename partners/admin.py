from django.contrib import admin

from partners.models import Contact, Partner, PartnerAlias, PartnerCorrection
from sinergi.admin import ParentPermissionsInlineMixin, ReadableByStaffAdmin, RecordOfEventsAdmin
from units.models import Unit


class ContactInline(ParentPermissionsInlineMixin, admin.TabularInline):
    """Only the contacts the user's unit recorded: the ones it may change or remove (administrators: all)."""

    model = Contact
    extra = 0
    readonly_fields = ["unit"]

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)


class PartnerAliasInline(admin.TabularInline):
    model = PartnerAlias
    extra = 0
    readonly_fields = ["name", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partner)
class PartnerAdmin(ReadableByStaffAdmin):
    list_display = ["name", "short_name", "sector", "level", "parent", "regency", "province"]
    list_filter = ["sector", "level", "province"]
    search_fields = ["name", "short_name", "regency", "province", "aliases__name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [ContactInline, PartnerAliasInline]

    def can_change(self, user):
        return user.can_edit_partners

    def get_readonly_fields(self, request, obj=None):
        # The same rule as the partner form: another unit's agreements use it, so a correction is proposed.
        if obj is not None and not obj.identity_editable_by(request.user):
            return Partner.IDENTITY_FIELDS
        return ()

    def save_formset(self, request, form, formset, change):
        if formset.model is Contact:
            unit = request.user.unit or Unit.objects.filter(kind=Unit.Kind.DITJENPAS).first()
            for contact in formset.save(commit=False):
                if contact.pk is None:
                    contact.unit = unit
                contact.save()
            for contact in formset.deleted_objects:
                contact.delete()
            formset.save_m2m()
            return
        super().save_formset(request, form, formset, change)


@admin.register(PartnerCorrection)
class PartnerCorrectionAdmin(RecordOfEventsAdmin):
    """Proposals are accepted or declined by curators on the directory's own page, which applies them."""

    list_display = ["partner", "name", "state", "proposed_by", "unit", "created_at"]
    list_filter = ["state"]
    search_fields = ["partner__name", "name", "reason"]
    list_select_related = ["partner", "proposed_by", "unit"]
