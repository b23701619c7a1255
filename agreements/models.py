import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, validate_comma_separated_integer_list
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Cast, Coalesce, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from agreements.cascade import FollowUp, FollowUpState, SigningEvent, SigningEventFile  # noqa: F401 (registered here)
from agreements.verification import VerificationState, VerificationStep  # noqa: F401 (the model registers here)
from programs.models import Activity
from sinergi.concurrency import version_field
from sinergi.uploads import validate_pdf
from sinergi.withdrawal import Withdrawable, WithdrawableQuerySet, withdrawal_constraint
from units.models import Unit


class Status(models.TextChoices):
    """Where an agreement stands on a given day. Derived from its dates, never typed in."""

    DRAFT = "draft", _("Draf")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Ditandatangani, belum berlaku")
    IN_FORCE = "in_force", _("Berlaku")
    ENDING_SOON = "ending_soon", _("Segera berakhir")
    ENDED = "ended", pgettext_lazy("status perjanjian", "Berakhir")
    TERMINATED = "terminated", _("Diakhiri")


# No agreement of the Republic's correctional service can be older than the Republic.
EARLIEST_SIGNING_DATE = date(1945, 1, 1)


def validate_signing_date(value):
    """A signing date is a past (or today's) day, and not before 1945: 9999 and 0001 are typing slips."""
    if value < EARLIEST_SIGNING_DATE:
        raise ValidationError(_("Tanggal penandatanganan tidak mungkin sebelum tahun 1945."), code="too_early")
    today = timezone.localdate()
    if value > today:
        raise ValidationError(
            _("Tanggal penandatanganan tidak boleh setelah hari ini (%(today)s).") % {"today": date_format(today)},
            code="in_future",
        )


# An agreement ending soon is still in force.
IN_FORCE_STATUSES = (Status.IN_FORCE, Status.ENDING_SOON)


def ending_soon_days():
    return settings.SINERGI_ENDING_SOON_DAYS


def last_day_in_force_by(day):
    """The agreements whose last day in force is `day` or earlier, as a filter. The last day in force is the end
    date, or the day before an early termination: on the termination date itself the status is already
    "Diakhiri". Written as two plain comparisons so that the date indexes serve it; `Agreement.last_day_in_force`
    is the same rule for one object."""
    return Q(ends_on__lte=day) | Q(terminated_on__lte=day + timedelta(days=1))


def last_day_in_force_expression():
    """`Agreement.last_day_in_force` computed by the database, for annotations."""
    day_before_termination = Cast(F("terminated_on") - timedelta(days=1), models.DateField())
    return Least("ends_on", Coalesce(day_before_termination, "ends_on"))


def status_condition(status, today):
    """The agreements that have `status` on `today`, as a filter.

    This is the status rule for the database (`with_status` annotates with it, `having_status` filters with it,
    in plain date comparisons that indexes can serve); `Agreement.status_on` is the same rule in Python, and
    the tests hold the two together."""
    soon = today + timedelta(days=ending_soon_days())
    not_terminated = Q(terminated_on__isnull=True) | Q(terminated_on__gt=today)
    signed = not_terminated & Q(signed_on__isnull=False)
    started = signed & (Q(starts_on__lte=today) | Q(starts_on__isnull=True, signed_on__lte=today))
    running = started & Q(ends_on__gte=today)
    ends_by_soon = last_day_in_force_by(soon)
    return {
        Status.TERMINATED: Q(terminated_on__lte=today),
        Status.DRAFT: not_terminated & Q(signed_on__isnull=True),
        Status.NOT_YET_IN_FORCE: signed & (Q(starts_on__gt=today) | Q(starts_on__isnull=True, signed_on__gt=today)),
        Status.ENDED: started & Q(ends_on__lt=today),
        Status.ENDING_SOON: running & ends_by_soon,
        Status.IN_FORCE: running & ~ends_by_soon,
    }[status]


class AgreementQuerySet(models.QuerySet):
    def for_user(self, user):
        """Agreements the user may read: its own unit's, those above it and, for a Kanwil or Ditjenpas,
        those of every unit below it."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.visible_unit_ids
        if unit_ids is None:
            return self
        return self.filter(unit_id__in=unit_ids)

    def editable_by(self, user):
        """Agreements the user may change (`User.editable_unit_ids`)."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.editable_unit_ids
        return self if unit_ids is None else self.filter(unit_id__in=unit_ids)

    def possible_parents_for(self, kind, unit):
        """The agreements that may hold an agreement of `kind` owned by `unit`: a PKS stands under an MoU of its
        own unit or of a unit above it (a national or regional MoU), or under a PKS of a unit above it (an
        implementing agreement); an addendum changes its own unit's MoU or PKS; an MoU stands under nothing.
        The one place this rule lives: `Agreement.clean()`, the forms, the admin and the pickers all ask it.
        Combine with `for_user()` for what a user is offered."""
        if unit is None:
            return self.none()
        if kind == Agreement.Kind.PKS:
            above = {unit.pk for unit in unit.ancestors()}
            # Under a PKS of a unit above: an implementing agreement of a national or regional PKS.
            under_mou = Q(kind=Agreement.Kind.MOU, unit_id__in={unit.pk, *above})
            return self.filter(under_mou | Q(kind=Agreement.Kind.PKS, unit_id__in=above))
        if kind == Agreement.Kind.ADENDUM:
            return self.filter(kind__in=[Agreement.Kind.MOU, Agreement.Kind.PKS], unit_id=unit.pk)
        return self.none()

    def possible_renewals_for(self, kind, unit):
        """The agreements an agreement of `kind` owned by `unit` may continue: the same kind, the same unit."""
        if unit is None or not kind:
            return self.none()
        return self.filter(kind=kind, unit_id=unit.pk)

    def under_unit(self, unit):
        """Agreements owned by `unit` or by any unit below it."""
        return self.filter(unit_id__in=Unit.objects.descendant_ids(unit))

    def own_side(self, user):
        """The agreements of the user's own side of the tree: its unit's and those of the units below it (a
        Kanwil's region). National and regional agreements above the unit are readable (`for_user`) but are not
        "ours" when counting what a unit has; Ditjenpas and administrators have every unit as their side."""
        agreements = self.for_user(user)
        if user.is_authenticated and user.unit is not None and not user.sees_everything:
            agreements = agreements.under_unit(user.unit)
        return agreements

    def spans_units_besides(self, unit_id):
        """Whether any of these agreements belongs to a unit other than `unit_id`: lists then say whose each
        row is. One indexed EXISTS, whatever the number of rows."""
        return unit_id is None or self.exclude(unit_id=unit_id).exists()

    def with_status(self, today=None):
        """Annotate `current_status` (a `Status` value), computed by the database from `status_condition`."""
        today = today or timezone.localdate()
        return self.annotate(
            current_status=Case(
                *[When(status_condition(status, today), then=Value(status.value)) for status in Status],
                output_field=models.CharField(),
            ),
        )

    def having_status(self, *statuses, today=None):
        """Agreements whose status is one of `statuses` today: the same rule as `with_status`, written as plain
        date comparisons so that the (unit, ends_on) and (unit, signed_on) indexes can serve it on large units."""
        today = today or timezone.localdate()
        condition = Q(pk__in=[])
        for status in statuses:
            condition |= status_condition(Status(status), today)
        return self.filter(condition)

    def status_counts(self, today=None):
        """{Status: number of these agreements with it today}, every status present, in one query: a
        `count(*) FILTER (WHERE …)` per status, with the same conditions as `having_status`, so a count and
        the list filtered to that status always agree."""
        today = today or timezone.localdate()
        counts = self.order_by().aggregate(
            **{status.value: models.Count("pk", filter=status_condition(status, today)) for status in Status}
        )
        return {status: counts[status.value] for status in Status}

    def figures_per_unit(self, today=None):
        """{unit id: {"in_force", "ending_soon", "dormant"}} for the units owning these agreements, in one grouped
        query (a `count(*) FILTER (WHERE …)` per figure, with the rules of `in_force`, `ending_soon` and
        `dormant`), whatever the number of units or agreements."""
        today = today or timezone.localdate()
        in_force = status_condition(Status.IN_FORCE, today) | status_condition(Status.ENDING_SOON, today)
        rows = (
            self.order_by()
            .values("unit_id")
            .annotate(
                in_force=models.Count("pk", filter=in_force),
                ending_soon=models.Count("pk", filter=status_condition(Status.ENDING_SOON, today)),
                dormant=models.Count("pk", filter=self._dormant_condition(today, None)),
            )
        )
        return {row.pop("unit_id"): row for row in rows}

    def in_force(self, today=None):
        return self.having_status(*IN_FORCE_STATUSES, today=today)

    def ending_soon(self, today=None):
        return self.having_status(Status.ENDING_SOON, today=today)

    def expiring_within(self, days, today=None):
        """In force today, with a last day in force at most `days` days from today."""
        today = today or timezone.localdate()
        return self.in_force(today).filter(last_day_in_force_by(today + timedelta(days=days)))

    def latest_with_partner(self, partner, today=None):
        """The latest of these agreements (by signing date, drafts last) with `partner` (a partner or an
        `OuterRef` to one), annotated with `current_status` and `running_until`: its last day in force while it
        runs, else None. For a `Subquery` per partner, e.g. on the partner status page."""
        today = today or timezone.localdate()
        running = status_condition(Status.IN_FORCE, today) | status_condition(Status.ENDING_SOON, today)
        return (
            self.with_status(today)
            .annotate(running_until=Case(When(running, then=last_day_in_force_expression())))
            .filter(parties__partner=partner)
            .order_by(F("signed_on").desc(nulls_last=True), "-pk")
        )

    def unverified(self):
        """Not yet vouched for by the unit's head: never submitted, waiting, or returned for correction."""
        return self.exclude(verification_state=VerificationState.VERIFIED)

    def awaiting_verification_by(self, user):
        """What waits for `user` to verify: submitted agreements of the unit `user` heads."""
        if not (user.is_authenticated and user.can_verify_unit_records(user.unit_id)):
            return self.none()
        return self.filter(unit_id=user.unit_id, verification_state=VerificationState.SUBMITTED)

    def with_last_activity(self):
        """Annotate `last_activity_on`: the last day of the latest activity carried out (cancelled ones not
        counted), or None when there is none."""
        latest = Activity.objects.carried_out().latest_of(agreement_program__agreement=models.OuterRef("pk"))
        return self.annotate(last_activity_on=latest)

    def _dormant_condition(self, today, days):
        today = today or timezone.localdate()
        days = settings.SINERGI_DORMANT_DAYS if days is None else days
        since = today - timedelta(days=days)
        recent = Activity.objects.carried_out().filter(
            Q(starts_on__gte=since) | Q(ends_on__gte=since), agreement_program__agreement=models.OuterRef("pk")
        )
        in_force = status_condition(Status.IN_FORCE, today) | status_condition(Status.ENDING_SOON, today)
        # An agreement in force for fewer than `days` days has not had the chance to be idle that long.
        in_force_long_enough = Q(starts_on__lte=since) | Q(starts_on__isnull=True, signed_on__lte=since)
        return in_force & in_force_long_enough & ~models.Exists(recent)

    def dormant(self, today=None, days=None):
        """In force (the rule of `having_status`) for at least `days` days (default SINERGI_DORMANT_DAYS) and
        with no activity carried out in the last `days` days: a partnership that exists only on paper."""
        return self.filter(self._dormant_condition(today, days))

    def with_dormancy(self, today=None, days=None):
        """Annotate `is_dormant`, the same rule as `dormant()`, computed by the database."""
        return self.annotate(
            is_dormant=models.ExpressionWrapper(
                self._dormant_condition(today, days), output_field=models.BooleanField()
            )
        )


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
            models.Index(fields=["ends_on", "id"], name="agreement_ends"),
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
        if self.kind == self.Kind.PKS:
            return _("Induk sebuah PKS harus berupa MoU milik unit ini atau unit di atasnya, atau PKS unit di atasnya.")
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


class AgreementParty(models.Model):
    """A partner institution that signed an agreement, with its own number and signatory."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("perjanjian"), on_delete=models.CASCADE, related_name="parties"
    )
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("mitra"), on_delete=models.PROTECT, related_name="agreement_parties"
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


def document_upload_to(instance, filename):
    # Random names: the stored path tells nothing and cannot be guessed.
    return f"agreements/{instance.agreement_id}/{uuid.uuid4().hex}.pdf"


class AgreementDocument(Withdrawable):
    """A file belonging to an agreement: the signed scan or an attachment."""

    class Kind(models.TextChoices):
        SIGNED_SCAN = "signed_scan", _("Naskah bertanda tangan (pindaian)")
        ATTACHMENT = "attachment", _("Lampiran")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("perjanjian"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("jenis dokumen"), max_length=20, choices=Kind, default=Kind.SIGNED_SCAN)
    title = models.CharField(_("judul"), max_length=200, blank=True)
    file = models.FileField(
        _("berkas"),
        upload_to=document_upload_to,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=format_lazy(_("PDF, paling besar {} MB."), settings.SINERGI_MAX_UPLOAD_MB),
    )
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    history = HistoricalRecords()
    objects = WithdrawableQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["kind", "uploaded_at"]
        constraints = [withdrawal_constraint("document_withdrawal_has_reason")]

    def __str__(self):
        return self.title or self.original_name or self.get_kind_display()

    def save(self, *args, **kwargs):
        if self.file and not self.original_name:
            self.original_name = self.file.name.rsplit("/", 1)[-1][:255]
        super().save(*args, **kwargs)
