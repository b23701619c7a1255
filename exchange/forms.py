from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

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
