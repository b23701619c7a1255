from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from programs.models import Activity, ActivityEvidence, AgreementProgram, Program, ProgramCategory
from sinergi.admin import ParentPermissionsInlineMixin, ReadableByStaffAdmin, opens_admin


class CatalogueAdmin(ReadableByStaffAdmin):
    """The program catalogue has no page of its own: Ditjenpas's operators keep it here, besides administrators.
    It holds no unit's records, so no unit can reach another's through it."""

    def can_change(self, user):
        return user.can_manage_catalogue

    def has_module_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and (user.is_administrator or user.can_manage_catalogue)


class ProgramInline(ParentPermissionsInlineMixin, admin.TabularInline):
    model = Program
    extra = 0
    fields = ["name", "description", "is_active"]


@admin.register(ProgramCategory)
class ProgramCategoryAdmin(CatalogueAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    inlines = [ProgramInline]


@admin.register(Program)
class ProgramAdmin(CatalogueAdmin):
    list_display = ["name", "category", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name", "category__name"]
    list_select_related = ["category"]


@admin.register(AgreementProgram)
class AgreementProgramAdmin(ReadableByStaffAdmin):
    """Read-mostly list across agreements; programs are edited inline on their agreement."""

    list_display = ["program", "agreement", "target_group", "target_participants", "starts_on", "ends_on"]
    list_filter = ["program__category", "target_group"]
    search_fields = ["program__name", "agreement__subject"]
    list_select_related = ["program", "agreement"]
    autocomplete_fields = ["program"]
    # A program row belongs to its agreement: moving it would carry its activities and their evidence along.
    readonly_fields = ["agreement"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def has_add_permission(self, request):
        return False


class EvidenceInline(admin.TabularInline):
    """Evidence is uploaded on the activity's page, where each file is checked and thumbnailed; here it is listed."""

    model = ActivityEvidence
    extra = 0
    fields = ["original_name", "kind", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return opens_admin(request.user)


@admin.register(Activity)
class ActivityAdmin(ReadableByStaffAdmin):
    """Activities in the user's scope; changed by the operators of the unit owning the agreement. Cancel, never
    delete: the cancellation fields are on the form."""

    list_display = ["title", "starts_on", "agreement_program", "unit_name", "participant_total", "cancelled_on"]
    list_filter = ["agreement_program__program__category", "cancelled_on"]
    search_fields = ["title", "place", "facilitator_name", "agreement_program__agreement__subject"]
    list_select_related = ["agreement_program__program", "agreement_program__agreement__unit"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["agreement_program"]
    inlines = [EvidenceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def can_change(self, user):
        return user.can_edit_own_unit

    def get_readonly_fields(self, request, obj=None):
        # An activity stays under the program row it was recorded for; its evidence goes with it.
        return ["agreement_program"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agreement_program":
            kwargs["queryset"] = AgreementProgram.objects.editable_by(request.user).select_related("program")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("unit"), ordering="agreement_program__agreement__unit__name")
    def unit_name(self, obj):
        return obj.agreement_program.agreement.unit.name

    @admin.display(description=_("peserta"))
    def participant_total(self, obj):
        return obj.participants_total
