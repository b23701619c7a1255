"""Logging what was done under an agreement's programs: the activity, its participants and its evidence."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from programs.evidence import check_upload
from programs.models import PARTICIPANT_GROUPS, Activity, ActivityEvidence
from sinergi.concurrency import VersionedFormMixin
from sinergi.forms import CleanTextMixin, date_input
from sinergi.uploads import REUPLOAD_HINT
from sinergi.withdrawal import WithdrawalForm

MAX_EVIDENCE_FILES = 10


class SuggestingInput(forms.TextInput):
    """A text box with a <datalist> of earlier answers; the user may still type anything."""

    template_name = "programs/widgets/suggesting_input.html"

    def __init__(self, attrs=None, suggestions=()):
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if self.suggestions:
            widget_attrs["list"] = f"{widget_attrs.get('id', name)}_options"
        context["widget"]["suggestions"] = self.suggestions
        return context


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several photos (JPEG/PNG) or PDFs at once, each checked by its content; cleans to a list of
    `programs.evidence.CheckedUpload`."""

    widget = MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"})

    def clean(self, data, initial=None):
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(uploads) > MAX_EVIDENCE_FILES:
            raise ValidationError(
                _("Paling banyak %(max)s berkas sekali unggah. %(hint)s")
                % {"max": MAX_EVIDENCE_FILES, "hint": REUPLOAD_HINT}
            )
        checked, messages = [], []
        for upload in uploads:
            upload = super().clean(upload, initial)
            try:
                checked.append(check_upload(upload))
            except ValidationError as error:
                messages.extend(error.messages)
        if messages:
            # The browser empties a file input whenever the page comes back with errors.
            raise ValidationError([*messages[:-1], f"{messages[-1]} {REUPLOAD_HINT}"])
        return checked


class AgreementProgramChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.program.name} ({obj.get_target_group_display()})"


class ActivityForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    evidence = EvidenceField(label=_("Foto dan dokumen bukti"), required=False)

    class Meta:
        model = Activity
        fields = [
            "agreement_program",
            "starts_on",
            "ends_on",
            "title",
            "place",
            "facilitator_name",
            "facilitator_position",
            *PARTICIPANT_GROUPS,
            "summary",
        ]
        field_classes = {"agreement_program": AgreementProgramChoiceField}
        widgets = {
            "starts_on": date_input(),
            "ends_on": date_input(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"title": _("mis. Bimbingan keagamaan: kajian rutin bulanan")}

    def __init__(self, *args, agreement, facilitators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.today = timezone.localdate()
        self.fields["agreement_program"].queryset = agreement.programs.select_related("program")
        self.fields["agreement_program"].empty_label = None
        self.fields["facilitator_name"].widget = SuggestingInput(
            attrs={"autocomplete": "off"}, suggestions=facilitators
        )
        self.fields["facilitator_name"].help_text = _("Dari pihak mitra. Terisi dari kegiatan sebelumnya bila ada.")
        for group in PARTICIPANT_GROUPS:
            field = self.fields[group]
            field.widget.attrs.update({"min": 0, "inputmode": "numeric"})
            field.required = False
            # Groups that did not take part show empty, not "0": the user types only the numbers that matter.
            field.initial = None
            if not self.initial.get(group):
                self.initial[group] = None
        self.fields["evidence"].help_text = _(
            "Foto JPEG/PNG atau PDF (mis. daftar hadir), boleh beberapa sekaligus; setiap berkas paling besar "
            "%(mb)s MB."
        ) % {"mb": settings.SINERGI_MAX_UPLOAD_MB}

    def clean(self):
        cleaned = super().clean()
        for group in PARTICIPANT_GROUPS:
            if cleaned.get(group) is None and group not in self.errors:
                cleaned[group] = 0
        self._check_dates(cleaned)
        # "At least one participant" is the model's constraint, checked after this.
        return cleaned

    def _check_dates(self, cleaned):
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
            if day and day > self.today:
                self.add_error(
                    name,
                    _("Catat kegiatan yang sudah terlaksana: tanggal tidak boleh setelah hari ini (%(today)s).")
                    % {"today": date_format(self.today)},
                )
        agreement = self.agreement
        if not starts_on or "starts_on" in self.errors:
            return
        if agreement.effective_start is None:
            raise ValidationError(
                _("Perjanjian ini belum ditandatangani; kegiatan dicatat setelah perjanjian berlaku.")
            )
        if starts_on < agreement.effective_start:
            self.add_error(
                "starts_on",
                _("Tanggal ini sebelum perjanjian mulai berlaku (%(start)s).")
                % {"start": date_format(agreement.effective_start)},
            )
        last_day_in_force = agreement.last_day_in_force
        last_day = ends_on or starts_on
        if last_day > last_day_in_force and "ends_on" not in self.errors:
            self.add_error(
                "ends_on" if ends_on else "starts_on",
                _("Perjanjian ini tidak berlaku lagi setelah %(end)s.") % {"end": date_format(last_day_in_force)},
            )


class CancelActivityForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["cancellation_reason"]
        widgets = {"cancellation_reason": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "cancellation_reason": _("mis. Salah catat: kegiatan ini sudah dicatat sebelumnya; atau batal karena …")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["cancellation_reason"]
        field.required = True
        field.error_messages["required"] = _("Tuliskan alasan kegiatan dibatalkan.")

    def save(self, commit=True):
        self.instance.cancelled_on = timezone.localdate()
        return super().save(commit)


EvidenceWithdrawalForm = modelform_factory(ActivityEvidence, form=WithdrawalForm, fields=["withdrawal_reason"])
