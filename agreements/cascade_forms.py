"""Forms of the national cascade: a whole signing ceremony in one form, naming the units that follow an agreement
up, and a unit's own follow-up."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agreements.models import Agreement, AgreementParty, FollowUp, FollowUpState, SigningEvent
from partners.forms import PartnerNameField
from programs.forms import EvidenceField
from programs.models import Program, TargetGroup
from sinergi.forms import date_input
from units.models import Unit

UPT_KINDS = [kind for kind in Unit.Kind if kind not in (Unit.Kind.DITJENPAS, Unit.Kind.KANWIL)]


class SigningEventForm(forms.ModelForm):
    """The facts every agreement of the ceremony shares, typed once."""

    required_css_class = "required"
    files = EvidenceField(label=_("Foto dan notulen acara"), required=False)

    class Meta:
        model = SigningEvent
        fields = [
            "name",
            "held_on",
            "is_virtual",
            "place",
            "addressed_by",
            "our_signatory_name",
            "our_signatory_position",
            "notes",
        ]
        widgets = {"held_on": date_input(), "notes": forms.Textarea(attrs={"rows": 2})}


class CeremonyRowForm(forms.Form):
    """One partner signed at the ceremony: becomes one agreement with one party."""

    partner = PartnerNameField(label=pgettext_lazy("satu mitra", "Mitra"))
    # Blank first choices: a row left empty must post nothing, or it would count as typed in and be checked.
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=[("", _("— pilih jenis —")), *[(k.value, k.label) for k in (Agreement.Kind.MOU, Agreement.Kind.PKS)]],
    )
    subject = forms.CharField(label=_("Perihal"), max_length=500)
    number = forms.CharField(label=_("Nomor pihak kami"), max_length=150, required=False)
    partner_number = forms.CharField(label=_("Nomor pihak mitra"), max_length=150, required=False)
    partner_signatory_name = forms.CharField(label=_("Penanda tangan mitra"), max_length=150)
    partner_signatory_position = forms.CharField(
        label=_("Jabatan penanda tangan mitra"), max_length=200, required=False
    )
    starts_on = forms.DateField(label=_("Mulai berlaku"), required=False, widget=date_input())
    ends_on = forms.DateField(label=_("Berakhir"), widget=date_input())
    programs = forms.ModelMultipleChoiceField(
        label=_("Program"),
        queryset=Program.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    target_group = forms.ChoiceField(
        label=_("Sasaran program"), choices=[("", _("— pilih sasaran —")), *TargetGroup.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programs"].queryset = Program.objects.filter(is_active=True).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("programs") and not cleaned.get("target_group"):
            self.add_error("target_group", _("Pilih sasaran program yang dicatat."))
        return cleaned

    def agreement_for(self, event, unit=None):
        data = self.cleaned_data
        return Agreement(
            kind=data["kind"],
            subject=data["subject"],
            unit=unit or event.unit,
            number=data.get("number") or "",
            our_signatory_name=event.our_signatory_name,
            our_signatory_position=event.our_signatory_position,
            signed_on=event.held_on,
            signed_place=event.place_label,
            signing_notes=event.notes,
            starts_on=data.get("starts_on"),
            ends_on=data["ends_on"],
            signing_event=event if event.pk else None,
        )

    def party_for(self, agreement):
        data = self.cleaned_data
        return AgreementParty(
            agreement=agreement,
            partner=data["partner"],
            number=data.get("partner_number") or "",
            signatory_name=data["partner_signatory_name"],
            signatory_position=data.get("partner_signatory_position") or "",
        )


class CeremonyRowFormSet(BaseFormSet):
    """Every row is checked against the agreement rules before anything is saved: one bad row blocks the batch."""

    default_error_messages = {"too_few_forms": _("Cantumkan sekurang-kurangnya satu mitra.")}

    def __init__(self, *args, event_form=None, unit=None, **kwargs):
        self.event_form, self.unit = event_form, unit
        super().__init__(*args, **kwargs)

    @property
    def filled(self):
        return [form for form in self.forms if form.has_changed() and form.is_valid()]

    def clean(self):
        event_data = getattr(self.event_form, "cleaned_data", None)
        if any(self.errors) or not event_data or not self.event_form.is_valid():
            return
        event = SigningEvent(**{k: v for k, v in event_data.items() if k != "files"}, unit=self.unit)
        ours, theirs = {}, {}
        for form in self.filled:
            self._check_row(form, event, ours, theirs)

    def _check_row(self, form, event, ours, theirs):
        agreement = form.agreement_for(event, self.unit)
        try:
            agreement.full_clean(exclude=["signing_event", "created_by"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        number, partner_number, partner = (
            agreement.number,
            form.cleaned_data.get("partner_number"),
            form.cleaned_data.get("partner"),
        )
        if number and number in ours:
            form.add_error("number", _("Nomor ini sudah dipakai di baris %(row)s.") % {"row": ours[number]})
        if partner_number and (partner.pk, partner_number) in theirs:
            form.add_error(
                "partner_number",
                _("Nomor ini sudah dipakai di baris %(row)s.") % {"row": theirs[(partner.pk, partner_number)]},
            )
        elif partner_number and AgreementParty.objects.filter(partner=partner, number=partner_number).exists():
            form.add_error(
                "partner_number",
                _("Nomor “%(number)s” sudah dipakai %(partner)s pada perjanjian lain.")
                % {"number": partner_number, "partner": partner.name},
            )
        row = self.forms.index(form) + 1
        ours.setdefault(number, row) if number else None
        theirs.setdefault((partner.pk, partner_number), row) if partner_number else None

    def row_errors(self):
        """[(row number, [messages])] for the summary at the top of the page."""
        summary = []
        for row, form in enumerate(self.forms, start=1):
            if form.errors:
                messages = [
                    f"{form.fields[name].label}: {message}" if name in form.fields else message
                    for name, errors in form.errors.items()
                    for message in errors
                ]
                summary.append((row, messages))
        return summary


CeremonyFormSet = formset_factory(
    CeremonyRowForm, formset=CeremonyRowFormSet, extra=2, min_num=1, validate_min=True, max_num=60
)


class CascadeForm(forms.Form):
    """Which units should follow a national (or regional) agreement up."""

    SCOPES = [
        ("all", _("Semua UPT")),
        ("kanwil", _("UPT dari Kanwil terpilih")),
        ("kinds", _("UPT berjenis tertentu")),
        ("list", _("Daftar unit tertentu")),
    ]
    scope = forms.ChoiceField(label=_("Diteruskan kepada"), choices=SCOPES, widget=forms.RadioSelect, initial="all")
    kanwil = forms.ModelMultipleChoiceField(label=_("Kanwil"), queryset=Unit.objects.none(), required=False)
    kinds = forms.MultipleChoiceField(
        label=_("Jenis UPT"), choices=[(k.value, k.label) for k in UPT_KINDS], required=False
    )
    units = forms.ModelMultipleChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, prefix="cascade", **kwargs)
        below = Unit.objects.descendant_ids(agreement.unit) - {agreement.unit_id}
        self.upt = Unit.objects.filter(pk__in=below, kind__in=UPT_KINDS)
        self.fields["kanwil"].queryset = Unit.objects.filter(pk__in=below, kind=Unit.Kind.KANWIL)
        self.fields["units"].queryset = self.upt.only("pk", "name")

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        needed = {"kanwil": "kanwil", "kinds": "kinds", "list": "units"}.get(scope)
        if needed and not cleaned.get(needed):
            self.add_error(needed, _("Pilih sekurang-kurangnya satu."))
        return cleaned

    def unit_ids(self):
        data, units = self.cleaned_data, self.upt
        if data["scope"] == "kanwil":
            # A Cabang Rutan hangs under a Rutan, one level further from its Kanwil.
            units = units.filter(Q(parent__in=data["kanwil"]) | Q(parent__parent__in=data["kanwil"]))
        elif data["scope"] == "kinds":
            units = units.filter(kind__in=data["kinds"])
        elif data["scope"] == "list":
            units = units.filter(pk__in=[unit.pk for unit in data["units"]])
        return list(units.values_list("pk", flat=True))


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["state", "not_relevant_reason", "note"]
        widgets = {"not_relevant_reason": forms.Textarea(attrs={"rows": 2}), "note": forms.Textarea(attrs={"rows": 2})}


class FollowUpStepForm(forms.ModelForm):
    """The one-step move from the home page: only the states that need no reason."""

    class Meta:
        model = FollowUp
        fields = ["state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            (state.value, state.label) for state in FollowUpState if state != FollowUpState.NOT_RELEVANT
        ]
