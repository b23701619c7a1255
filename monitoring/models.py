"""Oversight records: what the summarising pages keep between requests (printed registers made in the
background), and what tells people what needs them (notifications, reminders, the head's renewal evaluation,
calendar feeds)."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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


# Reminders and notifications -----------------------------------------------------------------------------------


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """A notification is its recipient's alone."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something a person should know, shown under the bell and, when they chose so, sent by e-mail. The text is
    written in the recipient's language when it is made; the e-mail's delivery is recorded so that a failed
    send is retried (`send_reminders`) and a delivered one never sent twice."""

    class Kind(models.TextChoices):
        VERIFICATION_SUBMITTED = "verification_submitted", _("Permintaan verifikasi")
        VERIFICATION_RETURNED = "verification_returned", _("Dikembalikan untuk diperbaiki")
        VERIFICATION_VERIFIED = "verification_verified", _("Terverifikasi")
        ENDING = "ending", _("Pengingat berakhirnya perjanjian")
        RENEWAL_DECISION = "renewal_decision", _("Evaluasi perpanjangan")
        DORMANT = "dormant", _("Perjanjian tanpa kegiatan")

    class Email(models.TextChoices):
        NONE = "none", _("Tidak dikirim lewat surel")
        PENDING = "pending", _("Menunggu dikirim")
        SENT = "sent", _("Terkirim")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penerima"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("jenis"), max_length=30, choices=Kind)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("perjanjian"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    subject = models.CharField(_("judul"), max_length=255)
    message = models.TextField(_("pesan"))
    link = models.CharField(_("tautan"), max_length=255, blank=True, help_text=_("Alamat di Sinergi, tanpa host."))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    email_state = models.CharField(_("surel"), max_length=10, choices=Email, default=Email.NONE)
    email_attempts = models.PositiveSmallIntegerField(_("percobaan kirim surel"), default=0)
    emailed_at = models.DateTimeField(_("surel terkirim"), null=True, blank=True)
    email_error = models.TextField(_("galat surel terakhir"), blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["email_state"], name="notification_email_state"),
        ]

    def __str__(self):
        return self.subject


class Reminder(models.Model):
    """The sent-log of reminders: one row per agreement, reminder and person, so that however often
    `send_reminders` runs, nobody is told the same thing twice. For an ending agreement `lead_days` is the lead
    time (days before its last day in force); for a dormant one, the period (of SINERGI_DORMANT_DAYS days since
    it came into force) it was reported in."""

    class Kind(models.TextChoices):
        ENDING = "ending", _("Akan berakhir")
        DORMANT = "dormant", _("Tanpa kegiatan")

    agreement = models.ForeignKey(
        "agreements.Agreement", verbose_name=_("perjanjian"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind)
    lead_days = models.PositiveIntegerField(_("hari sebelum berakhir / periode"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penerima"), on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField(_("jatuh tempo"))
    notification = models.ForeignKey(
        Notification, verbose_name=_("pemberitahuan"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "lead_days", "recipient"], name="reminder_once_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.lead_days} — {self.agreement_id}"


class RenewalDecision(models.Model):
    """The head's evaluation of an agreement nearing its end. Once it exists, reminders stop."""

    class Decision(models.TextChoices):
        RENEW = "renew", _("Perpanjang")
        LET_END = "let_end", _("Biarkan berakhir")
        TERMINATE = "terminate", _("Akhiri lebih awal")

    agreement = models.OneToOneField(
        "agreements.Agreement",
        verbose_name=_("perjanjian"),
        on_delete=models.CASCADE,
        related_name="renewal_decision",
    )
    decision = models.CharField(_("keputusan"), max_length=10, choices=Decision)
    note = models.TextField(_("catatan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluasi perpanjangan")
        verbose_name_plural = _("evaluasi perpanjangan")

    def __str__(self):
        return self.get_decision_display()


def new_calendar_key():
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a user's calendar feed address (/kalender/<key>.ics). Whoever has the address reads the
    feed without signing in, so it can be revoked; a new one is then issued."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("akun"), on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    key = models.CharField(_("kunci"), max_length=64, unique=True, default=new_calendar_key, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("tautan kalender")
        verbose_name_plural = _("tautan kalender")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(revoked_at__isnull=True), name="calendar_token_one_active"
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} — {self.user}"


class FiguresSnapshot(models.Model):
    """The aggregate figures of one wide side of the unit tree (Ditjenpas's million agreements, a Kanwil's
    hundreds of thousands), as last computed: counting them on every visit would take seconds. Small sides are
    counted live and never stored here (`monitoring.snapshots`)."""

    key = models.CharField(_("kunci"), max_length=100, unique=True)
    # Who the figures were computed for: a refresh recomputes them with the same scope.
    computed_for = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    figures = models.JSONField(_("angka"))
    computed_at = models.DateTimeField(_("dihitung pada"))
    refresh_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ringkasan angka")
        verbose_name_plural = _("ringkasan angka")

    def __str__(self):
        return self.key
