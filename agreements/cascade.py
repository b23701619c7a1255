"""Signing ceremonies and the national cascade: the agreements signed at one event, and each unit's follow-up of
a national (or regional) agreement. Models only; imported by agreements/models.py so Django registers them."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SigningEvent(models.Model):
    """A signing ceremony: one date, place and speaker shared by every agreement signed at it."""

    name = models.CharField(_("nama acara"), max_length=255)
    held_on = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    is_virtual = models.BooleanField(_("daring (virtual)"), default=False)
    addressed_by = models.CharField(
        _("sambutan oleh"), max_length=200, blank=True, help_text=_("mis. Direktur Jenderal Pemasyarakatan Mashudi")
    )
    our_signatory_name = models.CharField(_("penanda tangan pihak kami"), max_length=150)
    our_signatory_position = models.CharField(_("jabatan penanda tangan pihak kami"), max_length=200, blank=True)
    notes = models.TextField(_("keterangan"), blank=True)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit penyelenggara"), on_delete=models.PROTECT, related_name="signing_events"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("acara penandatanganan")
        verbose_name_plural = _("acara penandatanganan")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_virtual=True) | ~Q(place=""),
                name="signing_event_place_or_virtual",
                violation_error_message=_("Isi tempat acara, atau tandai acara sebagai daring."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agreements:event_detail", args=[self.pk])

    def clean(self):
        if not self.is_virtual and not self.place.strip():
            raise ValidationError({"place": _("Isi tempat acara, atau tandai acara sebagai daring.")})

    @property
    def place_label(self):
        if self.is_virtual:
            return f"{_('Daring (virtual)')}{', ' + self.place if self.place else ''}"
        return self.place


def event_file_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"events/{instance.event_id}/{uuid.uuid4().hex}.{extension}"


class SigningEventFile(models.Model):
    """A photo or the minutes of a ceremony, checked by its content and served only after the scope check."""

    CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}

    event = models.ForeignKey(SigningEvent, verbose_name=_("acara"), on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("berkas"), upload_to=event_file_upload_to, max_length=255)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("berkas acara")
        verbose_name_plural = _("berkas acara")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name or self.file.name

    @property
    def content_type(self):
        return self.CONTENT_TYPES.get(self.file.name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


class FollowUpState(models.TextChoices):
    NOT_STARTED = "belum", _("Belum ditindaklanjuti")
    PLANNED = "direncanakan", _("Direncanakan")
    RUNNING = "berjalan", _("Berjalan")
    DONE = "selesai", _("Selesai")
    NOT_RELEVANT = "tidak_relevan", _("Tidak relevan")


# A unit "has followed up" once it planned something or said why the agreement does not concern it.
FOLLOWED_UP_STATES = (FollowUpState.PLANNED, FollowUpState.RUNNING, FollowUpState.DONE, FollowUpState.NOT_RELEVANT)


class FollowUpQuerySet(models.QuerySet):
    def for_user(self, user):
        """A UPT reads its own follow-ups, a Kanwil its region's, Ditjenpas all (`User.below_unit_ids`)."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.below_unit_ids
        return self if unit_ids is None else self.filter(unit_id__in=unit_ids)

    def state_counts(self):
        """{state: count} of these follow-ups, every state present, in one query."""
        counts = self.order_by().aggregate(
            **{state.value: Count("pk", filter=Q(state=state.value)) for state in FollowUpState}
        )
        return {state: counts[state.value] for state in FollowUpState}


class FollowUp(models.Model):
    """How one unit follows up a national or regional agreement. Its local agreements are derived (the unit's
    agreements whose parent is the national one), never stored twice."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("perjanjian nasional"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="follow_ups")
    state = models.CharField(_("tahap"), max_length=20, choices=FollowUpState, default=FollowUpState.NOT_STARTED)
    not_relevant_reason = models.TextField(_("alasan tidak relevan"), blank=True)
    note = models.TextField(_("catatan"), blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    history = HistoricalRecords()
    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["unit__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "unit"],
                name="follow_up_once_per_unit",
                violation_error_message=_("Unit ini sudah diminta menindaklanjuti perjanjian tersebut."),
            ),
            models.CheckConstraint(
                condition=~Q(state="tidak_relevan") | ~Q(not_relevant_reason=""),
                name="follow_up_not_relevant_has_reason",
                violation_error_message=_("Sebutkan mengapa perjanjian ini tidak relevan bagi unit."),
            ),
        ]
        indexes = [models.Index(fields=["unit", "state"], name="follow_up_unit_state")]

    def __str__(self):
        return f"{self.unit} — {self.agreement}"

    def get_absolute_url(self):
        return reverse("agreements:follow_up", args=[self.pk])

    def clean(self):
        if self.state == FollowUpState.NOT_RELEVANT and not self.not_relevant_reason.strip():
            raise ValidationError(
                {"not_relevant_reason": _("Sebutkan mengapa perjanjian ini tidak relevan bagi unit.")}
            )

    def local_agreements(self):
        return self.agreement.children.filter(unit_id=self.unit_id)
