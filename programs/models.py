from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ProgramQuerySet(models.QuerySet):
    def for_user(self, user):
        """The catalogue is national: every signed-in user reads it."""
        if not user.is_authenticated:
            return self.none()
        return self

    def active(self):
        return self.filter(is_active=True)


class ProgramCategory(models.Model):
    """A group of programs, e.g. pembinaan kepribadian or pembinaan kemandirian."""

    name = models.CharField(_("nama"), max_length=150, unique=True)
    description = models.TextField(_("keterangan"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()
    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("kategori program")
        verbose_name_plural = _("kategori program")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Program(models.Model):
    """A kind of program an agreement can cover, from the national catalogue."""

    category = models.ForeignKey(
        ProgramCategory, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="programs"
    )
    name = models.CharField(_("nama"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    is_active = models.BooleanField(
        _("aktif"), default=True, help_text=_("Program yang tidak aktif tidak dapat dipilih untuk perjanjian baru.")
    )

    history = HistoricalRecords()
    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["category__order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"],
                name="program_name_unique_in_category",
                violation_error_message=_("Program dengan nama ini sudah ada pada kategori tersebut."),
            ),
        ]

    def __str__(self):
        return self.name


class TargetGroup(models.TextChoices):
    NARAPIDANA = "narapidana", _("Narapidana")
    TAHANAN = "tahanan", _("Tahanan")
    ANAK_BINAAN = "anak_binaan", _("Anak binaan")
    KLIEN = "klien", _("Klien pemasyarakatan")
    PETUGAS = "petugas", _("Petugas")
    KELUARGA = "keluarga", _("Keluarga warga binaan")


class AgreementProgram(models.Model):
    """A program an agreement covers, for whom, how many and when."""

    agreement = models.ForeignKey(
        "agreements.Agreement", verbose_name=_("perjanjian"), on_delete=models.CASCADE, related_name="programs"
    )
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="agreement_programs"
    )
    target_group = models.CharField(_("sasaran"), max_length=20, choices=TargetGroup)
    target_participants = models.PositiveIntegerField(_("target peserta"), null=True, blank=True)
    starts_on = models.DateField(_("mulai"), null=True, blank=True)
    ends_on = models.DateField(_("selesai"), null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program perjanjian")
        verbose_name_plural = _("program perjanjian")
        ordering = ["program__category__order", "program__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="agreement_program_ends_after_start",
                violation_error_message=_("Periode program: tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.UniqueConstraint(
                fields=["agreement", "program", "target_group"],
                name="agreement_program_once_per_group",
                violation_error_message=_("Program ini sudah tercantum untuk sasaran yang sama."),
            ),
        ]

    def __str__(self):
        return f"{self.program} ({self.get_target_group_display()})"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
