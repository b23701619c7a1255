"""Forms of the heads' loop: the renewal evaluation and a user's notification choices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.models import RenewalDecision
from units.models import User


class RenewalDecisionForm(forms.ModelForm):
    class Meta:
        model = RenewalDecision
        fields = ["decision", "note"]
        widgets = {"decision": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}
        labels = {"decision": _("Keputusan kepala unit")}


class NotificationChoicesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "email_notifications"]
        labels = {"email": _("Alamat surel")}
