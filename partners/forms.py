from contextlib import suppress

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from partners.models import Contact, Partner, PartnerCorrection
from sinergi.concurrency import VersionedFormMixin
from sinergi.forms import CleanTextMixin
from units.models import Unit


class PartnerForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    """A partner in the national directory.

    A name that only differs in case, spacing or punctuation from a registered one is refused by the model.
    A name that is merely similar ("Kantor Kemenag Kabupaten Blora" against "Kantor Kementerian Agama Kabupaten
    Blora") is refused until the user ticks `confirm_distinct`; the similar partners are in `likely_duplicates`.
    """

    required_css_class = "required"

    confirm_distinct = forms.BooleanField(
        label=_("Saya sudah memeriksa: ini mitra yang berbeda"),
        label_suffix="",
        required=False,
    )

    class Meta:
        model = Partner
        fields = [
            "name",
            "short_name",
            "sector",
            "level",
            "parent",
            "province",
            "regency",
            "address",
            "phone",
            "email",
            "website",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel"}),
        }
        help_texts = {
            "name": _("Tulis lengkap seperti pada kop surat, mis. “Kantor Kementerian Agama Kabupaten Blora”."),
            "short_name": _("mis. Kemenag Blora"),
            "regency": _("mis. Kabupaten Blora"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.likely_duplicates = []
        # Typed like the party's partner, not a <select> of the whole national directory.
        self.fields["parent"] = PartnerNameField(
            label=self.fields["parent"].label,
            required=False,
            help_text=_("Ketik nama instansi induknya, mis. Kementerian Agama untuk kantor kabupaten."),
        )
        if self.instance.parent_id:
            self.initial["parent"] = self.instance.parent
        # Another unit's signed agreements name this partner: its identity is changed by a correction instead.
        self.identity_locked = not self.instance.identity_editable_by(user)
        for name in Partner.IDENTITY_FIELDS if self.identity_locked else ():
            self.fields[name].disabled = True
        for name in ("sector", "level"):
            self.fields[name].choices = [("", _("— pilih —")), *self.fields[name].choices[1:]]

    @property
    def asks_confirmation(self):
        return bool(self.likely_duplicates)

    @property
    def has_blocking_errors(self):
        """Errors other than the pending confirmation, which has its own warning box."""
        return any(field != "confirm_distinct" for field in self.errors)

    def clean_parent(self):
        return checked_parent(self.instance, self.cleaned_data.get("parent"))

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("name")
        if not name or (self.instance.pk and "name" not in self.changed_data):
            return cleaned_data
        others = Partner.objects.exclude(pk=self.instance.pk) if self.instance.pk else Partner.objects.all()
        if others.similar_to(name).exists():
            return cleaned_data  # the model refuses the same name, with its own message on the name field
        self.likely_duplicates = others.likely_duplicates_of(name)
        if self.likely_duplicates and not cleaned_data.get("confirm_distinct"):
            self.add_error(
                "confirm_distinct",
                _("Mitra dengan nama mirip sudah terdaftar. Periksa daftarnya; bila berbeda, centang kotak ini."),
            )
        return cleaned_data


class ContactForm(CleanTextMixin, forms.ModelForm):
    required_css_class = "required"

    class Meta:
        model = Contact
        fields = ["name", "position", "phone", "email"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}


class BaseContactFormSet(BaseInlineFormSet):
    """The contacts the user's unit recorded: the only ones it may change or remove. New ones are its own."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().editable_by(self.user)

    def save_new(self, form, commit=True):
        form.instance.unit = self.user.unit or Unit.objects.filter(kind=Unit.Kind.DITJENPAS).first()
        return super().save_new(form, commit=commit)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Hapus narahubung ini")
            form.fields["DELETE"].label_suffix = ""


ContactFormSet = inlineformset_factory(
    Partner, Contact, form=ContactForm, formset=BaseContactFormSet, extra=1, can_delete=True
)


class PartnerInput(forms.TextInput):
    """A text box that suggests registered partners as the user types (see static/js/agreement-form.js)."""

    template_name = "partners/widgets/partner_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}_options"
        # Without the partner directory's suggestions the typed name is still checked on the server.
        with suppress(NoReverseMatch):
            widget_attrs["data-autocomplete-url"] = reverse("partners:autocomplete")
        return context


class PartnerNameField(forms.CharField):
    """A partner chosen by typing its name; case, spacing and punctuation do not matter."""

    widget = PartnerInput(attrs={"autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, Partner):
            return value
        name = super().to_python(value)
        if not name:
            return None
        partner = Partner.objects.similar_to(name).first()
        if partner is None:
            raise ValidationError(
                _("Mitra “%(name)s” belum terdaftar. Daftarkan dulu lewat tautan Daftarkan mitra baru.")
                % {"name": name},
                code="unknown_partner",
            )
        return partner

    def prepare_value(self, value):
        return value.name if isinstance(value, Partner) else value


def checked_parent(partner, parent):
    """`parent` as the parent of `partner`, unless walking up from it reaches `partner` (the tree would loop)."""
    ancestor = parent if partner.pk else None
    while ancestor is not None:
        if ancestor.pk == partner.pk:
            raise forms.ValidationError(_("Induk tidak boleh cabang dari mitra ini sendiri."))
        ancestor = ancestor.parent
    return parent


class PartnerCorrectionForm(forms.ModelForm):
    """A proposed correction: the partner's identity as it should read, with a reason for the curator."""

    required_css_class = "required"

    class Meta:
        model = PartnerCorrection
        fields = [*Partner.IDENTITY_FIELDS, "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = PartnerForm.Meta.help_texts

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, initial=PartnerCorrection.identity_of(partner), **kwargs)
        self.partner = partner
        # Typed like the partner form's parent, not a <select> of the whole national directory.
        self.fields["parent"] = PartnerNameField(
            label=self.fields["parent"].label, required=False, help_text=PartnerForm.Meta.help_texts.get("parent")
        )

    def clean_parent(self):
        return checked_parent(self.partner, self.cleaned_data.get("parent"))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Partner.objects.similar_to(name).exclude(pk=self.partner.pk).first()
        if clash is not None:
            raise ValidationError(
                _("Mitra “%(name)s” sudah terdaftar. Bila keduanya instansi yang sama, minta kurator menggabungkannya.")
                % {"name": clash.name}
            )
        return name

    def clean(self):
        cleaned_data = super().clean()
        proposed = {field: cleaned_data.get(field) for field in Partner.IDENTITY_FIELDS}
        current = {field: getattr(self.partner, field) for field in Partner.IDENTITY_FIELDS}
        if not self.errors and all((proposed[f] or None) == (current[f] or None) for f in proposed):
            raise ValidationError(_("Usulan sama dengan data sekarang. Ubah isian yang perlu diperbaiki."))
        return cleaned_data


class DecisionForm(forms.Form):
    """A curator's decision on a proposed correction."""

    ACCEPT, DECLINE = "terima", "tolak"

    decision = forms.ChoiceField(choices=[(ACCEPT, _("Terima")), (DECLINE, _("Tolak"))], widget=forms.HiddenInput)
    curator_note = forms.CharField(
        label=_("Catatan untuk pengusul"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(forms.Form):
    """The duplicate entry a curator merges into the partner whose page this is."""

    merged = PartnerNameField(
        label=_("Mitra ganda yang digabungkan ke mitra ini"),
        help_text=_("Perjanjian dan narahubungnya pindah ke mitra ini; namanya tetap dapat dicari sebagai nama lain."),
    )
    confirm = forms.BooleanField(label=_("Saya yakin keduanya instansi yang sama"), label_suffix="", required=True)

    def __init__(self, *args, keep, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep, self.user = keep, user

    def clean_merged(self):
        merged = self.cleaned_data["merged"]
        if merged.pk == self.keep.pk:
            raise ValidationError(_("Pilih mitra lain, bukan mitra ini sendiri."))
        if not merged.is_curated_by(self.user):
            raise ValidationError(_("Mitra “%(name)s” di luar wilayah kurasi Anda.") % {"name": merged.name})
        return merged
