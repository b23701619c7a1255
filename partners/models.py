import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def name_key(name):
    """The form of a name used to spot duplicates: case, spacing and punctuation do not count."""
    return re.sub(r"[\W_]+", "", (name or "").casefold())


class PartnerQuerySet(models.QuerySet):
    def for_user(self, user):
        """The directory is shared nationally: every signed-in user reads all of it."""
        if not user.is_authenticated:
            return self.none()
        return self

    def similar_to(self, name):
        """Partners whose name is the same as `name` once case, spacing and punctuation are ignored."""
        return self.filter(name_key=name_key(name))


class Partner(models.Model):
    """A partner institution in the national directory shared by every unit."""

    class Sector(models.TextChoices):
        KEMENTERIAN_LEMBAGA = "kementerian_lembaga", _("Kementerian/lembaga")
        PEMERINTAH_DAERAH = "pemerintah_daerah", _("Pemerintah daerah")
        PERBANKAN_KEUANGAN = "perbankan_keuangan", _("Perbankan & keuangan")
        PENDIDIKAN = "pendidikan", _("Pendidikan")
        TEKNOLOGI = "teknologi", _("Teknologi")
        SOSIAL_KEAGAMAAN = "sosial_keagamaan", _("Sosial & keagamaan")
        BUMN_SWASTA = "bumn_swasta", _("BUMN/swasta")
        LAINNYA = "lainnya", _("Lainnya")

    class Level(models.TextChoices):
        NASIONAL = "nasional", _("Nasional")
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN_KOTA = "kabupaten_kota", _("Kabupaten/kota")

    name = models.CharField(_("nama"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, unique=True)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    sector = models.CharField(_("sektor"), max_length=30, choices=Sector)
    level = models.CharField(_("tingkat"), max_length=20, choices=Level)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
        help_text=_("mis. Kementerian Agama untuk Kantor Kementerian Agama Kabupaten Blora"),
    )
    province = models.CharField(_("provinsi"), max_length=100, blank=True)
    regency = models.CharField(_("kabupaten/kota"), max_length=100, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_key=""),
                name="partner_name_not_blank",
                violation_error_message=_("Nama mitra wajib diisi."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join((self.name or "").split())
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    @property
    def region(self):
        return ", ".join(part for part in (self.regency, self.province) if part)

    def clean(self):
        self.name = " ".join((self.name or "").split())
        self.name_key = name_key(self.name)
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Mitra tidak dapat menjadi induk dirinya sendiri.")})

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        clash = Partner.objects.similar_to(self.name).exclude(pk=self.pk).first()
        if clash is not None:
            raise ValidationError(
                {
                    "name": _("Mitra “%(name)s” sudah terdaftar (nama sama, beda huruf besar/kecil atau spasi).")
                    % {"name": clash.name}
                }
            )


class Contact(models.Model):
    """A person to call at a partner institution."""

    partner = models.ForeignKey(Partner, verbose_name=_("mitra"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("surel"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontak")
        verbose_name_plural = _("kontak")
        ordering = ["name"]

    def __str__(self):
        return self.name
