from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    FollowUp,
    SigningEvent,
    SigningEventFile,
    Status,
    VerificationStep,
)
from programs.models import AgreementProgram
from sinergi.admin import (
    ParentPermissionsInlineMixin,
    ReadableByStaffAdmin,
    RecordOfEventsAdmin,
    UndeletableInlineMixin,
)


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.having_status(self.value())
        return queryset


class AgreementPartyInline(ParentPermissionsInlineMixin, admin.TabularInline):
    model = AgreementParty
    extra = 0
    min_num = 1
    autocomplete_fields = ["partner"]
    fields = ["partner", "number", "signatory_name", "signatory_position", "order"]


class AgreementProgramInline(UndeletableInlineMixin, admin.TabularInline):
    model = AgreementProgram
    extra = 0
    autocomplete_fields = ["program"]
    fields = ["program", "target_group", "target_participants", "starts_on", "ends_on", "notes"]


class AgreementDocumentInline(UndeletableInlineMixin, admin.TabularInline):
    model = AgreementDocument
    extra = 0
    fields = ["kind", "title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


@admin.register(Agreement)
class AgreementAdmin(ReadableByStaffAdmin):
    list_display = ["subject", "kind", "unit", "partners", "signed_on", "ends_on", "status_badge"]
    list_filter = [StatusFilter, "kind", "unit__kind", "parties__partner__sector"]
    search_fields = ["subject", "number", "parties__number", "parties__partner__name", "unit__name"]
    search_help_text = _("Cari perihal, nomor pihak mana pun, nama mitra atau unit.")
    date_hierarchy = "signed_on"
    autocomplete_fields = ["unit", "parent", "renews"]
    list_select_related = ["unit"]
    inlines = [AgreementPartyInline, AgreementProgramInline, AgreementDocumentInline]
    fieldsets = [
        (None, {"fields": ["kind", "subject", "unit", "number", "parent", "renews"]}),
        (
            _("Penandatanganan"),
            {"fields": ["signed_on", "signed_place", "our_signatory_name", "our_signatory_position", "signing_notes"]},
        ),
        (_("Masa berlaku"), {"fields": ["starts_on", "ends_on"]}),
        (_("Isi"), {"fields": ["scope", "objectives", "legal_basis", "funding_note"]}),
        (_("Pengakhiran lebih awal"), {"classes": ["collapse"], "fields": ["terminated_on", "termination_reason"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def can_change(self, user):
        return user.can_edit_own_unit

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user).with_status().prefetch_related("parties__partner")

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or request.user.can_edit_unit_records(obj.unit_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Which agreement may hold or be continued by this one is Agreement.clean()'s rule, checked on save.
        if db_field.name in ("parent", "renews"):
            kwargs["queryset"] = Agreement.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for document in formset.save(commit=False):
            if isinstance(document, AgreementDocument) and not document.uploaded_by_id:
                document.uploaded_by = request.user
            document.save()
        formset.save_m2m()
        for deleted in formset.deleted_objects:
            deleted.delete()

    @admin.display(description=_("mitra"))
    def partners(self, agreement):
        return ", ".join(party.partner.name for party in agreement.parties.all())

    @admin.display(description=_("status"), ordering="current_status")
    def status_badge(self, agreement):
        return format_html('<span class="status status-{}">{}</span>', agreement.status.value, agreement.status.label)


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(ReadableByStaffAdmin):
    list_display = ["__str__", "kind", "agreement", "uploaded_by", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["title", "original_name", "agreement__subject"]
    list_select_related = ["agreement", "uploaded_by"]
    # A document belongs to the agreement it was uploaded to: moving it would put pages in another agreement's
    # printed bundle. Documents are added on the agreement's page.
    readonly_fields = ["agreement"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(agreement__in=Agreement.objects.for_user(request.user))

    def has_add_permission(self, request):
        return False


class SigningEventFileInline(UndeletableInlineMixin, admin.TabularInline):
    model = SigningEventFile
    extra = 0
    fields = ["original_name", "uploaded_at"]
    readonly_fields = ["original_name", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        return False  # photos and minutes are uploaded, checked, on the event's own page


@admin.register(SigningEvent)
class SigningEventAdmin(ReadableByStaffAdmin):
    list_display = ["name", "held_on", "place", "is_virtual", "unit"]
    list_filter = ["is_virtual", "unit__kind"]
    search_fields = ["name", "place", "addressed_by", "unit__name"]
    date_hierarchy = "held_on"
    list_select_related = ["unit"]
    readonly_fields = ["unit", "created_by", "created_at"]
    inlines = [SigningEventFileInline]

    def has_add_permission(self, request):
        return False  # a ceremony is registered with its agreements, in one form on the app's page


@admin.register(FollowUp)
class FollowUpAdmin(RecordOfEventsAdmin):
    list_display = ["agreement", "unit", "state", "updated_at"]
    list_filter = ["state", "unit__kind"]
    search_fields = ["agreement__subject", "unit__name"]
    list_select_related = ["agreement", "unit"]


@admin.register(VerificationStep)
class VerificationStepAdmin(RecordOfEventsAdmin):
    list_display = ["agreement", "action", "actor", "created_at"]
    list_filter = ["action"]
    search_fields = ["agreement__subject", "actor__username", "note"]
    date_hierarchy = "created_at"
    list_select_related = ["agreement", "actor"]
