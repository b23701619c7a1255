"""The national program catalogue: categories and the programs an agreement can cover."""

from django.db import models
from django.urls import reverse
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

    def get_absolute_url(self):
        return reverse("programs:detail", args=[self.pk])
