from django.contrib import admin

from programs.models import AgreementProgram, Program, ProgramCategory
from sinergi.admin import ReadableByStaffAdmin


class CatalogueAdmin(ReadableByStaffAdmin):
    def can_change(self, user):
        return user.can_manage_catalogue


class ProgramInline(admin.TabularInline):
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
    autocomplete_fields = ["agreement", "program"]

    def get_queryset(self, request):
        from agreements.models import Agreement

        return super().get_queryset(request).filter(agreement__in=Agreement.objects.for_user(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return request.user.can_edit_own_unit
        return request.user.can_edit_unit_records(obj.agreement.unit_id)
