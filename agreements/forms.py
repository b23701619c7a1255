"""Forms for registering, editing and ending agreements, with their parties, programs and documents."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import BaseInlineFormSet, inlineformset_factory, modelform_factory
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agreements.history import agreement_history
from agreements.models import Agreement, AgreementDocument, AgreementParty
from partners.forms import PartnerNameField
from programs.models import AgreementProgram, Program, TargetGroup
from sinergi.concurrency import VersionedFormMixin, overtaken_at
from sinergi.forms import CleanTextMixin, date_input
from sinergi.pickers import PickerField, PickerInput
from sinergi.uploads import REUPLOAD_HINT, check_pdf, size_limit_help
from sinergi.withdrawal import WithdrawalForm
from units.models import Unit


def agreement_label(agreement):
    number = f" — {agreement.number}" if agreement.number else ""
    return f"{agreement.get_kind_display()}: {Truncator(agreement.subject).chars(90)}{number}"


class AgreementPickerField(PickerField):
    """An agreement chosen by typing its subject or number (suggestions from `agreements:autocomplete`); without
    the suggestions, the full number or subject typed is found too."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, lookup_fields=["number", "subject"], **kwargs)

    def label_from_instance(self, obj):
        return agreement_label(obj)


class UnitPickerField(PickerField):
    """A unit chosen by typing its name, which is unique (suggestions from `unit_autocomplete`)."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, lookup_fields=["name"], show_id=False, **kwargs)


class AgreementForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    required_css_class = "required"  # the same "*" as the partner form, so an operator sees what must be filled

    confirm_early_start = forms.BooleanField(
        label=_("Saya mengerti tanggal mulai berlaku lebih awal dari tanggal penandatanganan"), required=False
    )
    confirm_program_periods = forms.BooleanField(
        label=_("Saya mengerti periode program berada di luar masa berlaku perjanjian"), required=False
    )
    scan = forms.FileField(
        label=_("Pindaian naskah bertanda tangan"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    class Meta:
        model = Agreement
        fields = [
            "kind",
            "subject",
            "unit",
            "number",
            "parent",
            "renews",
            "signed_on",
            "signed_place",
            "our_signatory_name",
            "our_signatory_position",
            "signing_notes",
            "starts_on",
            "ends_on",
            "reminder_days",
            "scope",
            "objectives",
            "legal_basis",
            "funding_note",
        ]
        field_classes = {"unit": UnitPickerField, "parent": AgreementPickerField, "renews": AgreementPickerField}
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "signed_on": date_input(),
            "starts_on": date_input(),
            "ends_on": date_input(),
            "signing_notes": forms.Textarea(attrs={"rows": 2}),
            "scope": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "funding_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        unit = self.fields["unit"]
        if user.is_administrator:
            unit.queryset = Unit.objects.all()
            unit.widget = PickerInput(url=reverse("unit_autocomplete"))
        else:
            # Operators register for their own unit; the field stays so the unit's rules (unique number) are checked.
            unit.queryset = Unit.objects.filter(pk=user.unit_id)
            unit.disabled = True
            self.initial["unit"] = self.instance.unit_id if self.instance.pk else user.unit_id
        # Any agreement the user reads is accepted here; which of them may hold or be continued by this one
        # (`possible_parents_for`, `possible_renewals_for`) is Agreement.clean()'s rule, which says why not.
        related = Agreement.objects.for_user(user).exclude(pk=self.instance.pk)
        suggest = reverse("agreements:autocomplete")
        exclude = f"&exclude={self.instance.pk}" if self.instance.pk else ""
        for name in ("parent", "renews"):
            self.fields[name].queryset = related
            self.fields[name].widget = PickerInput(
                url=f"{suggest}?purpose={name}{exclude}", params=["kind", "unit"], min_length=0
            )
        self.fields["parent"].help_text = _(
            "Ketik perihal atau nomor MoU yang menaungi PKS ini, atau perjanjian yang diubah adendum ini."
        )
        self.fields["renews"].help_text = _(
            "Ketik perihal atau nomor perjanjian sejenis milik unit ini yang dilanjutkan."
        )
        self.fields["kind"].choices = [("", _("— pilih jenis —")), *Agreement.Kind.choices]
        self.fields["confirm_early_start"].label_suffix = ""
        self.fields["confirm_program_periods"].label_suffix = ""
        self.fields["scan"].help_text = size_limit_help()
        self.asks_confirmation = self.is_bound and bool(self.data.get(self.add_prefix("confirm_early_start")))
        self.asks_program_confirmation = self.is_bound and bool(
            self.data.get(self.add_prefix("confirm_program_periods"))
        )

    def changes_since(self, seen_version):
        # Parties and programs are part of what the user sees and changes on this page.
        since = overtaken_at(self.instance.history.all(), seen_version)
        return [entry for entry in agreement_history(self.instance) if since and entry["when"] >= since]

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        return check_pdf(scan) if scan else None

    def clean(self):
        cleaned = super().clean()
        self._check_number(cleaned)
        self._check_early_start(cleaned)
        return cleaned

    def _check_number(self, cleaned):
        number, unit = cleaned.get("number"), cleaned.get("unit")
        if not number or unit is None:
            return
        clash = Agreement.objects.filter(unit=unit, number=number).exclude(pk=self.instance.pk).first()
        if clash is not None:
            self.add_error(
                "number",
                _("Nomor “%(number)s” sudah dipakai untuk perjanjian “%(subject)s” di unit ini.")
                % {"number": number, "subject": Truncator(clash.subject).chars(80)},
            )

    def _check_early_start(self, cleaned):
        starts_on, signed_on = cleaned.get("starts_on"), cleaned.get("signed_on")
        if not (starts_on and signed_on and starts_on < signed_on):
            return
        already_confirmed = (
            self.instance.pk is not None
            and self.instance.starts_before_signing
            and not {"starts_on", "signed_on"} & set(self.changed_data)
        )
        if already_confirmed or cleaned.get("confirm_early_start"):
            return
        self.asks_confirmation = True
        self.add_error(
            "starts_on",
            _(
                "Tanggal mulai berlaku (%(start)s) lebih awal dari tanggal penandatanganan (%(signed)s). "
                "Bila memang demikian, centang konfirmasi di bawah lalu simpan lagi."
            )
            % {"start": date_format(starts_on), "signed": date_format(signed_on)},
        )


class PartyForm(CleanTextMixin, forms.ModelForm):
    partner = PartnerNameField(label=pgettext_lazy("satu mitra", "Mitra"))

    class Meta:
        model = AgreementParty
        fields = ["partner", "number", "signatory_name", "signatory_position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["partner"] = self.instance.partner

    def clean(self):
        cleaned = super().clean()
        partner, number = cleaned.get("partner"), cleaned.get("number")
        if partner and number:
            clash = AgreementParty.objects.filter(partner=partner, number=number).exclude(pk=self.instance.pk).exists()
            if clash:
                self.add_error(
                    "number",
                    _("Nomor “%(number)s” sudah dipakai %(partner)s pada perjanjian lain.")
                    % {"number": number, "partner": partner.name},
                )
        return cleaned


class PartyFormSet(BaseInlineFormSet):
    """The partner side: at least one party; signatories are required once the agreement is signed."""

    default_error_messages = {"too_few_forms": _("Cantumkan sekurang-kurangnya satu mitra.")}

    def __init__(self, *args, agreement_form=None, **kwargs):
        self.agreement_form = agreement_form
        super().__init__(*args, **kwargs)
        self.queryset = self.queryset.select_related("partner")

    def get_unique_error_message(self, unique_check):
        return _("Mitra yang sama tercantum lebih dari sekali; cantumkan setiap mitra satu kali saja.")

    def clean(self):
        super().clean()
        signed = getattr(self.agreement_form, "cleaned_data", {}).get("signed_on")
        if not signed:
            return
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not form.cleaned_data.get("partner"):
                continue
            if not form.cleaned_data.get("signatory_name"):
                form.add_error(
                    "signatory_name", _("Penanda tangan mitra wajib diisi untuk perjanjian yang sudah ditandatangani.")
                )

    def save(self, commit=True):
        # Rows keep the order they have on the form; ties (rows left untouched) fall back to id order.
        for position, form in enumerate(self.forms):
            form.instance.order = position
        return super().save(commit)


PartyInlineFormSet = inlineformset_factory(
    Agreement,
    AgreementParty,
    form=PartyForm,
    formset=PartyFormSet,
    extra=1,
    min_num=1,
    validate_min=True,
    can_delete=True,
    can_delete_extra=False,
)


def program_choices(current_ids=()):
    """Active programs grouped by category (an <optgroup> each), plus any inactive one already chosen."""
    programs = (
        Program.objects.filter(is_active=True) | Program.objects.filter(pk__in=list(current_ids))
    ).select_related("category")
    groups = {}
    for program in programs.order_by("category__order", "category__name", "name"):
        groups.setdefault(program.category.name, []).append((program.pk, program.name))
    return [("", _("— pilih program —")), *groups.items()]


class ProgramForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = AgreementProgram
        fields = ["program", "target_group", "target_participants", "starts_on", "ends_on", "notes"]
        widgets = {
            "starts_on": date_input(),
            "ends_on": date_input(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, program_choices=None, program_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        if program_ids is not None:
            # Accept what is offered: active programs, and a retired one only where it is already chosen.
            self.fields["program"].queryset = Program.objects.filter(Q(is_active=True) | Q(pk__in=program_ids))
        if program_choices is not None:
            self.fields["program"].choices = program_choices
        self.fields["target_group"].choices = [("", _("— pilih sasaran —")), *TargetGroup.choices]


class ProgramFormSet(BaseInlineFormSet):
    def __init__(self, *args, agreement_form=None, **kwargs):
        self.agreement_form = agreement_form
        super().__init__(*args, **kwargs)
        self.queryset = self.queryset.select_related("program__category")
        current = list(self.queryset.values_list("program_id", flat=True)) if self.instance.pk else []
        # Built once for every row, not once per row.
        self.form_kwargs["program_choices"] = program_choices(current)
        self.form_kwargs["program_ids"] = current

    def clean(self):
        super().clean()
        agreement_form = self.agreement_form
        cleaned = getattr(agreement_form, "cleaned_data", None)
        if cleaned is None:
            return
        term_start, term_end = cleaned.get("starts_on") or cleaned.get("signed_on"), cleaned.get("ends_on")
        term_changed = {"starts_on", "signed_on", "ends_on"} & set(agreement_form.changed_data)
        for form in self.forms:
            if self._should_delete_form(form) or not (form.has_changed() or term_changed):
                continue
            start, end = form.cleaned_data.get("starts_on"), form.cleaned_data.get("ends_on")
            outside = (start and term_start and start < term_start) or (end and term_end and end > term_end)
            if outside and not cleaned.get("confirm_program_periods"):
                agreement_form.asks_program_confirmation = True
                form.add_error(
                    "starts_on" if start and term_start and start < term_start else "ends_on",
                    _("Di luar masa berlaku perjanjian (%(start)s s.d. %(end)s); bila benar, centang konfirmasi.")
                    % {
                        "start": date_format(term_start) if term_start else "—",
                        "end": date_format(term_end) if term_end else "—",
                    },
                )


ProgramInlineFormSet = inlineformset_factory(
    Agreement,
    AgreementProgram,
    form=ProgramForm,
    formset=ProgramFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)


class TerminateForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["terminated_on", "termination_reason"]
        widgets = {"terminated_on": date_input(), "termination_reason": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
        self.fields["terminated_on"].error_messages["required"] = _("Isi tanggal perjanjian diakhiri.")
        self.fields["termination_reason"].error_messages["required"] = _("Tuliskan alasan perjanjian diakhiri.")

    def clean_terminated_on(self):
        terminated_on = self.cleaned_data["terminated_on"]
        if self.instance.ends_on and terminated_on > self.instance.ends_on:
            raise ValidationError(
                _("Perjanjian ini sudah berakhir dengan sendirinya pada %(ends)s; tanggal diakhiri harus sebelumnya.")
                % {"ends": date_format(self.instance.ends_on)}
            )
        return terminated_on


class DocumentForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = AgreementDocument
        fields = ["kind", "title", "file"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = size_limit_help()
        self.fields["title"].help_text = _("mis. Lampiran rencana kegiatan 2026. Kosongkan untuk memakai nama berkas.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".pdf"):
            raise ValidationError(
                _("Berkas “%(name)s” bukan PDF. Unggah dokumen dalam format PDF. %(hint)s")
                % {"name": upload.name, "hint": REUPLOAD_HINT}
            )
        return check_pdf(upload)


class VerificationNoteForm(forms.Form):
    """A note with a verification step: optional when verifying or submitting, required when returning."""

    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if note_required:
            self.fields["note"].required = True
            self.fields["note"].label = _("Yang perlu diperbaiki")
            self.fields["note"].error_messages["required"] = _("Tuliskan apa yang perlu diperbaiki.")


DocumentWithdrawalForm = modelform_factory(AgreementDocument, form=WithdrawalForm, fields=["withdrawal_reason"])
