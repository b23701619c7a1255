"""Withdrawing a stored file uploaded by mistake (a wrong scan, a photo showing faces): it leaves every page,
bundle and total at once but stays in the history with who withdrew it and why; only an administrator removes
it for good (`manage.py purge_withdrawn_files`)."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.forms import CleanTextMixin


class WithdrawableQuerySet(models.QuerySet):
    def current(self):
        """The files not withdrawn: what pages, bundles and totals show."""
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)


class Withdrawable(models.Model):
    """The fields of a file that can be withdrawn. Concrete models add the constraint `withdrawal_constraint()`."""

    withdrawn_at = models.DateTimeField(_("ditarik"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditarik oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    withdrawal_reason = models.TextField(_("alasan penarikan"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


def withdrawal_constraint(name):
    return models.CheckConstraint(
        condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
        name=name,
        violation_error_message=_("Sebutkan alasan berkas ditarik."),
    )


class WithdrawalForm(CleanTextMixin, forms.ModelForm):
    """The reason, required; saving marks the file withdrawn now, by `user`. Use with `modelform_factory(Model,
    form=WithdrawalForm, fields=["withdrawal_reason"])`."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["withdrawal_reason"]
        field.required = True
        field.error_messages["required"] = _("Tuliskan alasan berkas ini ditarik.")
        field.widget = forms.Textarea(attrs={"rows": 3})
        field.help_text = _("mis. Salah unggah: pindaian perjanjian lain; atau foto memperlihatkan wajah warga binaan.")

    def save(self, commit=True):
        self.instance.withdrawn_at = timezone.now()
        self.instance.withdrawn_by = self.user
        self.instance._history_user = self.user
        return super().save(commit)
