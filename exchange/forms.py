from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from exchange.columns import AGREEMENT_EXPORT_ONLY
from exchange.mapping import guess
from exchange.models import ImportJob
from exchange.spreadsheets import UnreadableFile, xlsx_rows


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Isi berkas"), choices=ImportJob.Kind.choices, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_("Excel (.xlsx) atau CSV (.csv), dengan judul kolom seperti pada templat."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = []
        if user.can_edit_own_unit:
            allowed.append(ImportJob.Kind.AGREEMENTS)
        if user.can_edit_partners:
            allowed.append(ImportJob.Kind.PARTNERS)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in allowed]
        if allowed:
            self.fields["kind"].initial = allowed[0].value

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Unggah berkas Excel (.xlsx) atau CSV (.csv)."))
        if upload.size > settings.SINERGI_MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Berkas terlalu besar: paling besar %(mb)s MB.") % {"mb": settings.SINERGI_MAX_UPLOAD_MB}
            )
        if name.endswith(".xlsx"):
            # Only the first row: enough to know the file really is a workbook.
            rows = xlsx_rows(upload)
            try:
                next(rows, None)
            except UnreadableFile as error:
                raise forms.ValidationError(str(error)) from error
            finally:
                rows.close()
        upload.seek(0)
        return upload


class ColumnMappingForm(forms.Form):
    """For each column Sinergi knows, which column of the file holds it (pre-filled by the most alike header)."""

    def __init__(self, *args, job, checker_class, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = job.file_headers
        self.columns = [column for column in checker_class.headers if column not in AGREEMENT_EXPORT_ONLY]
        choices = [("", _("— tidak ada di berkas —"))]
        choices += [(str(index), header) for index, header in enumerate(self.headers) if header]
        guessed = guess(self.columns, self.headers)
        for position, column in enumerate(self.columns):
            required = column in checker_class.required
            self.fields[f"kolom-{position}"] = forms.ChoiceField(
                label=_(column),
                choices=choices,
                required=required,
                initial=str(guessed.get(column, "")),
                label_suffix="",
                error_messages={"required": _("Pilih kolom berkas yang berisi isian ini.")},
            )

    def required_fields(self):
        return [field for field in self if field.field.required]

    def optional_fields(self):
        return [field for field in self if not field.field.required]

    def clean(self):
        chosen = {}
        for name, value in list(self.cleaned_data.items()):
            if not value:
                continue
            if value in chosen:
                self.add_error(
                    name,
                    _("Kolom “%(header)s” sudah dipilih untuk “%(other)s”.")
                    % {"header": self.headers[int(value)], "other": self.fields[chosen[value]].label},
                )
            chosen.setdefault(value, name)
        return self.cleaned_data

    def mapping(self):
        """{column: header as written in the file} for the columns given."""
        return {
            column: self.headers[int(self.cleaned_data[f"kolom-{position}"])]
            for position, column in enumerate(self.columns)
            if self.cleaned_data.get(f"kolom-{position}")
        }
