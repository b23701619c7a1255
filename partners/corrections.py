"""Corrections ("usulan perbaikan") to a partner's identity, proposed by a unit that may not change it outright
and accepted or declined by a curator of the directory."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.models import Partner  # partners.models imports this module last, once Partner is defined
from sinergi.history import describe_value


class PartnerCorrectionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Proposals `user` may read: its own unit's, and those on partners it curates."""
        if not user.is_authenticated:
            return self.none()
        own = Q(unit_id=user.unit_id) if user.unit_id else Q(pk__in=[])
        return self.filter(own | Q(partner__in=Partner.objects.curated_by(user)))

    def pending(self):
        return self.filter(state=PartnerCorrection.State.PENDING)

    def awaiting(self, user):
        """Pending proposals `user` decides: those on partners it curates."""
        return self.pending().filter(partner__in=Partner.objects.curated_by(user))


class PartnerCorrection(models.Model):
    """The identity a unit proposes for a partner (all IDENTITY_FIELDS, as they should read), and the outcome."""

    class State(models.TextChoices):
        PENDING = "menunggu", _("Menunggu keputusan")
        ACCEPTED = "diterima", _("Diterima")
        DECLINED = "ditolak", _("Ditolak")

    partner = models.ForeignKey(Partner, verbose_name=_("mitra"), on_delete=models.CASCADE, related_name="corrections")
    name = models.CharField(_("nama"), max_length=255)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    sector = models.CharField(_("sektor"), max_length=30, choices=Partner.Sector)
    level = models.CharField(_("tingkat"), max_length=20, choices=Partner.Level)
    parent = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("induk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    province = models.CharField(_("provinsi"), max_length=100, blank=True)
    regency = models.CharField(_("kabupaten/kota"), max_length=100, blank=True)
    reason = models.TextField(_("alasan perbaikan"), blank=True, help_text=_("mis. nama resmi menurut kop surat"))
    # The identity as it read when proposed, so the proposal keeps saying "old → new" after the decision.
    original = models.JSONField(_("identitas semula"), default=dict, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diusulkan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit pengusul"), on_delete=models.PROTECT)
    state = models.CharField(_("status"), max_length=10, choices=State, default=State.PENDING)
    curator_note = models.TextField(_("catatan kurator"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    created_at = models.DateTimeField(_("diusulkan"), auto_now_add=True)

    history = HistoricalRecords()
    objects = PartnerCorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("usulan perbaikan mitra")
        verbose_name_plural = _("usulan perbaikan mitra")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(_("Usulan perbaikan %(name)s") % {"name": self.original.get("name") or self.partner})

    @property
    def is_pending(self):
        return self.state == self.State.PENDING

    @staticmethod
    def identity_of(partner):
        """A partner's IDENTITY_FIELDS as stored in `original` (the parent by id)."""
        return {
            field: getattr(partner, f"{field}_id" if field == "parent" else field) for field in Partner.IDENTITY_FIELDS
        }

    def changes(self):
        """[{field, old, new}] for each field this proposal changes, as people read them."""
        rows = []
        for field_name in Partner.IDENTITY_FIELDS:
            old = self.original.get(field_name)
            new = self.parent_id if field_name == "parent" else getattr(self, field_name)
            if (old or None) == (new or None):
                continue
            field = Partner._meta.get_field(field_name)
            if field_name == "parent":
                names = dict(Partner.objects.filter(pk__in=[old, new]).values_list("pk", "name"))
                old_text, new_text = names.get(old, _("(kosong)")), names.get(new, _("(kosong)"))
            else:
                # In full: a proposal is judged on every letter of the name.
                old_text, new_text = (describe_value(field, v) if field.choices or not v else v for v in (old, new))
            rows.append({"field": field.verbose_name, "old": old_text, "new": new_text})
        return rows

    def accept(self, *, curator, note=""):
        """Apply the proposal to the partner (checked as any change of the directory is) and record the decision."""
        with transaction.atomic():
            partner = Partner.objects.select_for_update().get(pk=self.partner_id)
            for field in Partner.IDENTITY_FIELDS:
                setattr(partner, field, getattr(self, field))
            partner.full_clean()
            partner._change_reason = str(_("Usulan perbaikan dari %(unit)s diterima") % {"unit": self.unit})
            partner.save()
            self._decide(self.State.ACCEPTED, curator, note)

    def decline(self, *, curator, note=""):
        if not note.strip():
            raise ValidationError({"curator_note": _("Tuliskan alasan penolakan agar pengusul mengetahuinya.")})
        self._decide(self.State.DECLINED, curator, note)

    def _decide(self, state, curator, note):
        self.state, self.decided_by, self.decided_at = state, curator, timezone.now()
        self.curator_note = note.strip()
        self.save()
