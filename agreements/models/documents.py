"""Files belonging to an agreement: the signed scan and attachments."""

import uuid

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.agreement import Agreement
from sinergi.uploads import validate_pdf
from sinergi.withdrawal import Withdrawable, WithdrawableQuerySet, withdrawal_constraint


def document_upload_to(instance, filename):
    # Random names: the stored path tells nothing and cannot be guessed.
    return f"agreements/{instance.agreement_id}/{uuid.uuid4().hex}.pdf"


class AgreementDocument(Withdrawable):
    """A file belonging to an agreement: the signed scan or an attachment."""

    class Kind(models.TextChoices):
        SIGNED_SCAN = "signed_scan", _("Naskah bertanda tangan (pindaian)")
        ATTACHMENT = "attachment", _("Lampiran")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("perjanjian"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("jenis dokumen"), max_length=20, choices=Kind, default=Kind.SIGNED_SCAN)
    title = models.CharField(_("judul"), max_length=200, blank=True)
    file = models.FileField(
        _("berkas"),
        upload_to=document_upload_to,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=format_lazy(_("PDF, paling besar {} MB."), settings.SINERGI_MAX_UPLOAD_MB),
    )
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    history = HistoricalRecords()
    objects = WithdrawableQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["kind", "uploaded_at"]
        constraints = [withdrawal_constraint("document_withdrawal_has_reason")]

    def __str__(self):
        return self.title or self.original_name or self.get_kind_display()

    def save(self, *args, **kwargs):
        if self.file and not self.original_name:
            self.original_name = self.file.name.rsplit("/", 1)[-1][:255]
        super().save(*args, **kwargs)
