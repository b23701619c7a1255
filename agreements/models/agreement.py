"""An agreement: an MoU, a PKS or an addendum owned by one of our units."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_comma_separated_integer_list
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.queries import AgreementQuerySet
from agreements.models.status import (
    EARLIEST_SIGNING_DATE,
    IN_FORCE_STATUSES,
    Status,
    ending_soon_days,
    validate_signing_date,
)
from agreements.verification import VerificationState, VerificationStep
from sinergi.concurrency import version_field


class Agreement(models.Model):
    """A cooperation agreement (MoU, PKS or an addendum) owned by one of our units."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Nota Kesepahaman (MoU)")
        PKS = "pks", _("Perjanjian Kerja Sama (PKS)")
        ADENDUM = "adendum", _("Adendum")

    kind = models.CharField(_("jenis"), max_length=10, choices=Kind)
    subject = models.CharField(_("perihal"), max_length=500)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit pemilik"), on_delete=models.PROTECT, related_name="agreements"
    )
    number = models.CharField(
        _("nomor pihak kami"), max_length=150, blank=True, help_text=_("Ditulis seperti pada naskah.")
    )
    our_signatory_name = models.CharField(_("penanda tangan pihak kami"), max_length=150, blank=True)
    our_signatory_position = models.CharField(_("jabatan penanda tangan pihak kami"), max_length=200, blank=True)
    signed_on = models.DateField(
        _("tanggal penandatanganan"), null=True, blank=True, validators=[validate_signing_date]
    )
    signed_place = models.CharField(_("tempat penandatanganan"), max_length=150, blank=True)
    signing_notes = models.TextField(
        _("keterangan penandatanganan"), blank=True, help_text=_("mis. seremoni virtual, siapa yang hadir")
    )
    starts_on = models.DateField(
        _("tanggal mulai berlaku"), null=True, blank=True, help_text=_("Kosongkan bila berlaku sejak ditandatangani.")
    )
    # A draft may leave it empty until the term is settled; from signing on it is required (constraint below).
    ends_on = models.DateField(_("tanggal berakhir"), null=True, blank=True)
    scope = models.TextField(_("ruang lingkup"), blank=True)
    objectives = models.TextField(_("maksud dan tujuan"), blank=True)
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    funding_note = models.TextField(_("pembiayaan"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("perjanjian induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("MoU yang menaungi PKS ini, atau perjanjian yang diubah oleh adendum ini."),
    )
    renews = models.ForeignKey(
        "self",
        verbose_name=_("melanjutkan perjanjian"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewed_by",
    )
    signing_event = models.ForeignKey(
        "agreements.SigningEvent",
        verbose_name=_("acara penandatanganan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    verification_state = models.CharField(
        _("verifikasi"), max_length=10, choices=VerificationState, default=VerificationState.DRAFT, editable=False
    )
    reminder_days = models.CharField(
        _("pengingat (hari sebelum berakhir)"),
        max_length=50,
        blank=True,
        validators=[validate_comma_separated_integer_list],
        help_text=_("mis. 120,60,14; kosongkan untuk memakai jadwal pengingat baku."),
    )
    terminated_on = models.DateField(_("tanggal diakhiri"), null=True, blank=True)
    termination_reason = models.TextField(_("alasan diakhiri"), blank=True)
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
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    version = version_field()

    history = HistoricalRecords()
    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("perjanjian")
        verbose_name_plural = _("perjanjian")
        ordering = ["-signed_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "ends_on"], name="agreement_unit_ends"),
            models.Index(fields=["unit", "signed_on"], name="agreement_unit_signed"),
            # for_user() always names several units (the user's own and those above it), and an index led by the
            # unit cannot hand back the rows of several units in date order: without these, a page of 25 sorts
            # every agreement of a large unit (benchmarks/list_pages.py).
            models.Index(fields=["signed_on", "id"], name="agreement_signed"),
            # The dates of the status rule ride along, so counting "segera berakhir" reads the index alone.
            models.Index(
                fields=["ends_on", "id"],
                name="agreement_ends",
                include=["signed_on", "starts_on", "terminated_on", "unit"],
            ),
            # A number typed whole into the search is found here (agreements/search.py).
            models.Index(fields=["number"], name="agreement_number"),
            # With `agreement_ends`, "segera berakhir" is two index ranges (status.py), not a read of every row.
            models.Index(
                fields=["terminated_on"], name="agreement_terminated", condition=models.Q(terminated_on__isnull=False)
            ),
            models.Index(fields=["unit", "verification_state"], name="agreement_unit_verification"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | Q(ends_on__isnull=False),
                name="agreement_signed_has_end",
                violation_error_message=_("Perjanjian yang sudah ditandatangani harus mencantumkan tanggal berakhir."),
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | Q(signed_on__gte=EARLIEST_SIGNING_DATE),
                name="agreement_signed_since_1945",
                violation_error_message=_("Tanggal penandatanganan tidak mungkin sebelum tahun 1945."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku."),
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | Q(ends_on__gte=F("signed_on")),
                name="agreement_ends_after_signing",
                violation_error_message=_("Tanggal berakhir tidak boleh sebelum tanggal penandatanganan."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="adendum") | Q(parent__isnull=False),
                name="agreement_addendum_has_parent",
                violation_error_message=_("Adendum harus menyebutkan perjanjian yang diubahnya."),
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True) | ~Q(termination_reason=""),
                name="agreement_termination_has_reason",
                violation_error_message=_("Sebutkan alasan perjanjian diakhiri."),
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(terminated_on__gte=F("signed_on")),
                name="agreement_terminated_after_signing",
                violation_error_message=_("Tanggal diakhiri tidak boleh sebelum tanggal penandatanganan."),
            ),
            models.UniqueConstraint(
                fields=["unit", "number"],
                condition=~Q(number=""),
                name="agreement_number_unique_per_unit",
                violation_error_message=_("Nomor ini sudah dipakai untuk perjanjian lain di unit yang sama."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.signed_on and not self.ends_on:
            errors["ends_on"] = _("Perjanjian yang sudah ditandatangani harus mencantumkan tanggal berakhir.")
        elif self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku.")
        elif self.signed_on and self.ends_on and self.ends_on < self.signed_on:
            errors["ends_on"] = _("Tanggal berakhir tidak boleh sebelum tanggal penandatanganan.")
        if self.kind == self.Kind.ADENDUM and not self.parent_id:
            errors["parent"] = _("Adendum harus menyebutkan perjanjian yang diubahnya.")
        if error := self._parent_error():
            errors["parent"] = error
        if error := self._renews_error():
            errors["renews"] = error
        if self.terminated_on and not self.termination_reason.strip():
            errors["termination_reason"] = _("Sebutkan alasan perjanjian diakhiri.")
        if self.terminated_on and self.signed_on and self.terminated_on < self.signed_on:
            errors["terminated_on"] = _("Tanggal diakhiri tidak boleh sebelum tanggal penandatanganan.")
        if self.signed_on and not self.our_signatory_name.strip():
            errors["our_signatory_name"] = _("Perjanjian yang sudah ditandatangani harus mencantumkan penanda tangan.")
        if errors:
            raise ValidationError(errors)

    def _parent_error(self):
        """Why `parent` may not hold this agreement (`AgreementQuerySet.possible_parents_for`), or None."""
        if not self.parent_id:
            return None
        if self.pk and self.parent_id == self.pk:
            return _("Perjanjian tidak dapat menjadi induk dirinya sendiri.")
        if self.kind == self.Kind.MOU:
            return _("Nota kesepahaman tidak bernaung di bawah perjanjian lain; gunakan adendum.")
        if not self.unit_id or not self.kind:
            return None  # the missing unit or kind has its own error
        possible = Agreement.objects.possible_parents_for(self.kind, self.unit)
        if possible.filter(pk=self.parent_id).exists():
            return None
        if self.kind == self.Kind.PKS and self.parent.kind != self.Kind.MOU:
            return _("Induk sebuah PKS harus berupa nota kesepahaman (MoU), atau PKS milik unit di atas unit pemilik.")
        if self.kind == self.Kind.PKS:
            return _("Induk sebuah PKS harus MoU milik unit ini atau unit di atasnya (Kanwil, Ditjenpas).")
        if self.parent.unit_id != self.unit_id:
            return _("Adendum harus dicatat oleh unit pemilik perjanjian yang diubahnya.")
        return _("Adendum mengubah sebuah MoU atau PKS, bukan adendum lain.")

    def _renews_error(self):
        """Why this agreement may not continue `renews` (`AgreementQuerySet.possible_renewals_for`), or None."""
        if not self.renews_id:
            return None
        if self.pk and self.renews_id == self.pk:
            return _("Perjanjian tidak dapat melanjutkan dirinya sendiri.")
        if not self.unit_id or not self.kind:
            return None
        if Agreement.objects.possible_renewals_for(self.kind, self.unit).filter(pk=self.renews_id).exists():
            return None
        if self.renews.kind != self.kind:
            return _("Perjanjian yang dilanjutkan harus sejenis (%(kind)s).") % {"kind": self.get_kind_display()}
        return _("Perjanjian yang dilanjutkan harus milik unit yang sama.")

    def takes_child_pks_of(self, unit):
        """Whether a PKS of `unit` may sit under this agreement, as `AgreementQuerySet.possible_parents_for` says
        (the one parent rule): for the "Catat PKS turunan" action. Without a unit yet (an administrator picks it on
        the form) any MoU or PKS may be chosen."""
        if unit is None:
            return self.kind in (self.Kind.MOU, self.Kind.PKS)
        return Agreement.objects.possible_parents_for(self.Kind.PKS, unit).filter(pk=self.pk).exists()

    def parties_prefill(self, *, with_signatories=True):
        """The parties as rows to prefill the form of an agreement made from this one (a renewal, an
        addendum, a derived PKS)."""
        rows = []
        for party in self.parties.select_related("partner").order_by("order", "pk"):
            row = {"partner": party.partner}
            if with_signatories:
                row.update(signatory_name=party.signatory_name, signatory_position=party.signatory_position)
            rows.append(row)
        return rows

    def renewal_initial(self):
        """What a renewal starts from: the same kind, subject, signatory and content, linked to this one."""
        copied = ["kind", "subject", "our_signatory_name", "our_signatory_position", "scope", "objectives"]
        copied += ["legal_basis", "funding_note"]
        initial = {name: getattr(self, name) for name in copied}
        initial.update(renews=self.pk, parent=self.parent_id, unit=self.unit_id)
        return initial

    def programs_for_renewal(self):
        """The programs still in the catalogue, as rows to prefill a renewal's form."""
        return [
            {
                "program": item.program_id,
                "target_group": item.target_group,
                "target_participants": item.target_participants,
                "notes": item.notes,
            }
            for item in self.programs.filter(program__is_active=True)
        ]

    def is_dormant_on(self, today, last_activity_on, days=None):
        """The rule of `AgreementQuerySet.dormant()` for one agreement, given the last day of its latest
        activity carried out (`with_last_activity()`)."""
        days = settings.SINERGI_DORMANT_DAYS if days is None else days
        since = today - timedelta(days=days)
        if self.status_on(today) not in IN_FORCE_STATUSES or self.effective_start > since:
            return False
        return last_activity_on is None or last_activity_on < since

    @property
    def is_verified(self):
        return self.verification_state == VerificationState.VERIFIED

    @property
    def latest_return(self):
        """While returned: the head's step saying what to correct (who, when, note)."""
        if self.verification_state != VerificationState.RETURNED:
            return None
        return self.verification_steps.filter(action=VerificationStep.Action.RETURNED).select_related("actor").first()

    @property
    def reminder_lead_times(self):
        """Days before the last day in force at which people are reminded, largest first: the agreement's own
        schedule when it has one, else SINERGI_REMINDER_DAYS."""
        if self.reminder_days.strip():
            days = {int(day) for day in self.reminder_days.split(",") if day.strip()}
        else:
            days = set(settings.SINERGI_REMINDER_DAYS)
        return sorted((day for day in days if day >= 0), reverse=True)

    @property
    def effective_start(self):
        return self.starts_on or self.signed_on

    @property
    def starts_before_signing(self):
        """Backdated agreements exist; the form asks the user to confirm rather than refusing."""
        return bool(self.starts_on and self.signed_on and self.starts_on < self.signed_on)

    def status_on(self, today):
        """The same rule as `AgreementQuerySet.with_status`, for one object already in memory."""
        soon = today + timedelta(days=ending_soon_days())
        if self.terminated_on and self.terminated_on <= today:
            return Status.TERMINATED
        if self.signed_on is None:
            return Status.DRAFT
        if self.effective_start > today:
            return Status.NOT_YET_IN_FORCE
        # Signed, so the end date is set (constraint agreement_signed_has_end).
        if self.ends_on < today:
            return Status.ENDED
        if self.last_day_in_force <= soon:
            return Status.ENDING_SOON
        return Status.IN_FORCE

    @property
    def status(self):
        annotated = self.__dict__.get("current_status")
        if annotated is not None:
            return Status(annotated)
        return self.status_on(timezone.localdate())

    @property
    def is_in_force(self):
        return self.status in IN_FORCE_STATUSES

    @property
    def last_day_in_force(self):
        """The end date, or the day before an early termination (`last_day_in_force_by` in the database)."""
        if self.terminated_on and self.ends_on:
            return min(self.ends_on, self.terminated_on - timedelta(days=1))
        return self.ends_on

    @property
    def days_left(self):
        """Days until the last day in force (0 on that day); None once it no longer runs."""
        if self.status not in IN_FORCE_STATUSES:
            return None
        return (self.last_day_in_force - timezone.localdate()).days
