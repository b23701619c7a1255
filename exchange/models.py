"""An import in progress: the uploaded file, what checking it found row by row, and what confirming it did. Kept
so that confirming never needs the file uploaded again, and so the error report can be downloaded later."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exchange.mapping import headers_key


def import_upload_to(instance, filename):
    # Random names: imports are served only through views that check who asks.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"imports/{uuid.uuid4().hex}.{extension}"


class ImportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """An import is its uploader's own; administrators see all; a unit's head sees the imports that brought
        agreements of the unit, to verify them as one batch."""
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        mine = models.Q(requested_by=user)
        if user.can_verify_unit_records(user.unit_id):
            batch = ImportJob.agreements.through.objects.filter(importjob=models.OuterRef("pk"))
            mine |= models.Q(models.Exists(batch.filter(agreement__unit_id=user.unit_id)))
        return self.filter(mine)


class ImportJob(models.Model):
    class Kind(models.TextChoices):
        AGREEMENTS = "agreements", _("Perjanjian (dengan pihak mitra dan program)")
        PARTNERS = "partners", _("Mitra")

    class State(models.TextChoices):
        CHECKING = "checking", _("Sedang diperiksa")
        MAPPING = "mapping", _("Menunggu pemetaan kolom")
        CHECKED = "checked", _("Sudah diperiksa")
        IMPORTING = "importing", _("Sedang diimpor")
        DONE = "done", _("Selesai diimpor")
        FAILED = "failed", _("Gagal")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("isi berkas"), max_length=20, choices=Kind)
    file = models.FileField(_("berkas"), upload_to=import_upload_to)
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    status = models.CharField(_("status"), max_length=12, choices=State, default=State.CHECKING)
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    processed_rows = models.PositiveIntegerField(_("baris diproses"), default=0)
    refused_rows = models.PositiveIntegerField(_("baris ditolak"), default=0)
    # A file with headers other than the template's: its header row as written, and which of them holds which
    # column ({column: header as written}), once the user said so or a remembered mapping did.
    file_headers = models.JSONField(_("judul kolom berkas"), default=list, blank=True)
    column_map = models.JSONField(_("pemetaan kolom"), default=dict, blank=True)
    # [{"line": 5, "label": "...", "errors": ["..."], "data": {...}}], one per data row, in file order.
    rows = models.JSONField(_("hasil pemeriksaan"), default=list, blank=True)
    # {name as written: {"matches": [[id, name], ...], "choice": "" | "new" | "<partner id>"}}
    unknown_partners = models.JSONField(_("mitra belum terdaftar"), default=dict, blank=True)
    created_count = models.PositiveIntegerField(_("data dibuat"), default=0)
    updated_count = models.PositiveIntegerField(_("data diperbarui"), default=0)
    # The batch: the agreements this import created or changed, sent together to their unit's head and verified
    # together.
    agreements = models.ManyToManyField(
        "agreements.Agreement", verbose_name=_("perjanjian yang diimpor"), related_name="import_jobs", blank=True
    )
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.original_name} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("exchange:import_detail", args=[self.pk])

    @property
    def is_waiting(self):
        return self.status in (self.State.CHECKING, self.State.IMPORTING)

    @property
    def can_confirm(self):
        return self.status == self.State.CHECKED and self.total_rows > 0 and self.refused_rows == 0

    def row_counts(self):
        """How many checked rows create a record, update one (an agreement of the unit's own, by its number),
        change nothing (the same agreement again) or are refused."""
        counts = {"to_create": 0, "to_update": 0, "unchanged": 0}
        for row in self.rows:
            if row["errors"]:
                continue
            update, changes = row["data"].get("update"), row["data"].get("changes")
            counts["to_create" if not update else "to_update" if changes else "unchanged"] += 1
        return counts

    def awaiting_verification_by(self, user):
        """The agreements of this batch that wait for `user` to verify them."""
        return self.agreements.awaiting_verification_by(user)

    @property
    def progress_percent(self):
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class ColumnMappingQuerySet(models.QuerySet):
    def for_user(self, user):
        """A unit's mappings serve everyone in the unit; an administrator (no unit) keeps their own."""
        if not user.is_authenticated:
            return self.none()
        if user.unit_id:
            return self.filter(unit_id=user.unit_id)
        return self.filter(unit=None, saved_by=user)


class ColumnMapping(models.Model):
    """Which column of a file with its own headers holds which of the template's, remembered so that the next
    file with the same headers (`headers_key`, see exchange/mapping.py) is read without asking again."""

    kind = models.CharField(_("isi berkas"), max_length=20, choices=ImportJob.Kind)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("disimpan oleh"), on_delete=models.CASCADE, related_name="+"
    )
    headers_key = models.CharField(_("kunci judul kolom"), max_length=64)
    headers = models.JSONField(_("judul kolom berkas"), default=list)
    columns = models.JSONField(_("pemetaan"), default=dict)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = ColumnMappingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemetaan kolom")
        verbose_name_plural = _("pemetaan kolom")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "headers_key"], condition=models.Q(unit__isnull=False), name="mapping_per_unit"
            ),
            models.UniqueConstraint(
                fields=["saved_by", "kind", "headers_key"],
                condition=models.Q(unit__isnull=True),
                name="mapping_per_admin",
            ),
        ]

    def __str__(self):
        return ", ".join(self.headers)

    def pairs(self):
        """(template column in the user's language, the file's header that holds it), for the page listing them."""
        return [(gettext(column), header) for column, header in self.columns.items()]

    @classmethod
    def remember(cls, *, user, kind, headers, columns):
        """Keep `columns` for files of `kind` with these `headers`, for the user's unit (or the user)."""
        key = headers_key(headers)
        found = cls.objects.for_user(user).filter(kind=kind, headers_key=key).first() or cls(
            kind=kind, unit_id=user.unit_id, headers_key=key
        )
        found.saved_by, found.headers, found.columns = user, headers, columns
        found.save()
        return found
