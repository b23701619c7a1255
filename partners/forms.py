from contextlib import suppress

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from partners.models import Contact, Partner
from sinergi.concurrency import VersionedFormMixin
from sinergi.forms import CleanTextMixin


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.likely_duplicates = []
        parents = Partner.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("— tidak ada —")
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
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk:
            # Walking up from the chosen parent must never reach this partner, or the tree would loop.
            ancestor = parent
            while ancestor is not None:
                if ancestor.pk == self.instance.pk:
                    raise forms.ValidationError(_("Induk tidak boleh cabang dari mitra ini sendiri."))
                ancestor = ancestor.parent
        return parent

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
