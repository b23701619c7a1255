"""The partner side of an agreement: each partner that signed, with its number and signatory."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.agreement import Agreement


class AgreementParty(models.Model):
    """A partner institution that signed an agreement, with its own number and signatory."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("perjanjian"), on_delete=models.CASCADE, related_name="parties"
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("mitra"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        db_index=False,  # party_partner_agreement below leads with it
    )
    # The partner's name as it stands on the signed document. A later correction or rename of the directory
    # entry shows beside it ("kini: ..."), never in its place. Follows the directory while the agreement is a
    # draft (Partner.save).
    partner_name = models.CharField(_("nama mitra saat ditandatangani"), max_length=255, blank=True)
    number = models.CharField(_("nomor pihak mitra"), max_length=150, blank=True)
    signatory_name = models.CharField(_("penanda tangan mitra"), max_length=150, blank=True)
    signatory_position = models.CharField(_("jabatan penanda tangan mitra"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pihak mitra")
        verbose_name_plural = _("pihak mitra")
        ordering = ["order", "pk"]
        # A partner's number typed whole into the search is found here (agreements/search.py).
        indexes = [
            models.Index(fields=["number"], name="party_number"),
            # A partner's agreements read from the index alone (the list filtered or searched by partner, a
            # misspelt name found through the directory): counting them no longer visits every party row.
            models.Index(fields=["partner", "agreement"], name="party_partner_agreement"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "partner"],
                name="party_once_per_agreement",
                violation_error_message=_("Mitra ini sudah tercantum sebagai pihak pada perjanjian ini."),
            ),
            models.UniqueConstraint(
                fields=["partner", "number"],
                condition=~Q(number=""),
                name="party_number_unique_per_partner",
                violation_error_message=_("Nomor ini sudah dipakai mitra tersebut pada perjanjian lain."),
            ),
        ]

    def __str__(self):
        return self.signed_name

    def save(self, *args, keep_partner_name=False, **kwargs):
        """Records the partner's name when the party is entered, when another partner is chosen, and while the
        agreement is unsigned. `keep_partner_name` (a merge of duplicate entries) keeps the name as signed."""
        chose_another = False
        if self.pk is not None and not keep_partner_name:
            previous = type(self).objects.filter(pk=self.pk).values_list("partner_id", flat=True).first()
            chose_another = previous is not None and previous != self.partner_id
        if not self.partner_name or chose_another or self.agreement.signed_on is None:
            self.partner_name = self.partner.name
        super().save(*args, **kwargs)

    @property
    def signed_name(self):
        return self.partner_name or self.partner.name

    @property
    def renamed_since_signing(self):
        """Whether the directory now names the partner differently from the signed document."""
        return bool(self.partner_name) and self.partner_name != self.partner.name
