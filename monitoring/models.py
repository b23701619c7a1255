"""Oversight records: what the summarising pages keep between requests (printed registers made in the
background)."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def export_upload_to(instance, filename):
    # Random names, as for scans: exports are served only through a view that checks who asks.
    return f"exports/{uuid.uuid4().hex}.pdf"


class RegisterExportQuerySet(models.QuerySet):
    def for_user(self, user):
        """An export is the requester's own: it prints what the requester may read. Administrators see all."""
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(requested_by=user)

    def reusable(self, *, user, query_string, now):
        """An export `user` already asked for with the same filters that is still coming (waiting or being
        made) or was made in the last SINERGI_EXPORT_REUSE_MINUTES: asking again must not start another job."""
        fresh = now - timedelta(minutes=settings.SINERGI_EXPORT_REUSE_MINUTES)
        coming = Q(status__in=[RegisterExport.State.PENDING, RegisterExport.State.RUNNING])
        return self.filter(coming | Q(status=RegisterExport.State.DONE, finished_at__gte=fresh)).filter(
            requested_by=user, query_string=query_string
        )

    def stalled(self, now):
        """Exports marked "being made" for longer than SINERGI_EXPORT_TIMEOUT_MINUTES: their worker died (killed,
        restarted, out of memory) and nothing else will ever finish them."""
        cutoff = now - timedelta(minutes=settings.SINERGI_EXPORT_TIMEOUT_MINUTES)
        return self.filter(status=RegisterExport.State.RUNNING, started_at__lt=cutoff)


class RegisterExport(models.Model):
    """A printed register too long to render while the user waits: a background task makes the PDF, the user
    fetches it when it is done."""

    class State(models.TextChoices):
        PENDING = "pending", _("Menunggu giliran")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diminta oleh"), on_delete=models.CASCADE, related_name="+"
    )
    query_string = models.TextField(_("saringan"), blank=True, help_text=_("Saringan daftar, seperti pada alamat."))
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=State, default=State.PENDING)
    file = models.FileField(_("berkas"), upload_to=export_upload_to, blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai dibuat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    error = models.TextField(_("galat"), blank=True, help_text=_("Penjelasan bagi pemohon; rinciannya di log."))
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)

    objects = RegisterExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("cetakan daftar perjanjian")
        verbose_name_plural = _("cetakan daftar perjanjian")
        ordering = ["-created_at", "-pk"]
        # Moved from the agreements app: the table keeps its name and rows.
        db_table = "agreements_registerexport"

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_absolute_url(self):
        return reverse("agreements:register_export", args=[self.pk])

    @property
    def is_waiting(self):
        return self.status in (self.State.PENDING, self.State.RUNNING)
