"""Verification by the unit's head: what an operator records is vouched for by the Kepala before it counts as
the unit's word. The state lives on the agreement (`Agreement.verification_state`); every step, with who, when
and why, is a `VerificationStep`."""

from django.conf import settings
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _


class VerificationState(models.TextChoices):
    DRAFT = "draft", _("Belum diajukan")
    SUBMITTED = "submitted", _("Menunggu verifikasi")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")
    VERIFIED = "verified", _("Terverifikasi")


# The facts a head vouches for: a change to any of them sends a verified agreement back to the head.
KEY_FIELDS = frozenset(
    {
        "kind",
        "unit",
        "number",
        "parent",
        "signed_on",
        "signed_place",
        "starts_on",
        "ends_on",
        "our_signatory_name",
        "our_signatory_position",
    }
)

# Sent, within the step's transaction, with `step=` whenever a step is recorded, so that the layers above
# (monitoring's notifications) can tell the people concerned without this app knowing about them.
step_recorded = Signal()
# Sent once for steps recorded on many agreements at once (an import, a ceremony), with `action=`, `agreements=` (a
# queryset), `actor=`, `note=` and `link=` (where the batch is shown): one message per batch, not one per agreement.
batch_recorded = Signal()


class VerificationStep(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Diajukan untuk verifikasi")
        RETURNED = "returned", _("Dikembalikan dengan catatan")
        VERIFIED = "verified", _("Diverifikasi")

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("perjanjian"),
        on_delete=models.CASCADE,
        related_name="verification_steps",
    )
    action = models.CharField(_("tindakan"), max_length=10, choices=Action)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("langkah verifikasi")
        verbose_name_plural = _("langkah verifikasi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(action="returned") | ~models.Q(note=""),
                name="verification_return_has_note",
                violation_error_message=_("Tuliskan apa yang perlu diperbaiki."),
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} — {self.agreement_id}"
