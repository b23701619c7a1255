"""Photos and PDFs showing an activity took place, served only through access-checked views."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models.activities import Activity
from sinergi.withdrawal import Withdrawable, WithdrawableQuerySet, withdrawal_constraint


class EvidenceQuerySet(WithdrawableQuerySet):
    def for_user(self, user):
        """Evidence of the activities the user reads (`ActivityQuerySet.for_user`)."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.below_unit_ids
        if unit_ids is None:
            return self
        return self.filter(activity__unit_id__in=unit_ids)


def current_evidence(path="evidence"):
    """A prefetch of the evidence files not withdrawn, for lists of activities."""
    return models.Prefetch(path, queryset=ActivityEvidence.objects.current())


def evidence_upload_to(instance, filename):
    # Random names: the stored path tells nothing and cannot be guessed. The extension follows the content.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"activities/{instance.activity_id}/{uuid.uuid4().hex}.{extension}"


class ActivityEvidence(Withdrawable):
    """A photo or a PDF showing an activity took place, served only through an access-checked view."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Foto")
        PDF = "pdf", _("PDF")

    CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}

    activity = models.ForeignKey(
        Activity, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind)
    file = models.FileField(_("berkas"), upload_to=evidence_upload_to, max_length=255)
    thumbnail = models.FileField(_("gambar kecil"), upload_to=evidence_upload_to, max_length=255, blank=True)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
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
    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("bukti kegiatan")
        verbose_name_plural = _("bukti kegiatan")
        ordering = ["uploaded_at", "pk"]
        constraints = [withdrawal_constraint("evidence_withdrawal_has_reason")]

    def __str__(self):
        return self.original_name or self.get_kind_display()

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].lower()

    @property
    def content_type(self):
        return self.CONTENT_TYPES.get(self.extension, "application/octet-stream")

    @property
    def is_photo(self):
        return self.kind == self.Kind.PHOTO
