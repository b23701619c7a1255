"""Activities carried out under an agreement's programs, and what they add up to."""

from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models.agreement_programs import AgreementProgram
from programs.models.participants import (
    PARTICIPANT_GROUPS,
    PARTICIPANTS_CEILING,
    WARGA_BINAAN_GROUPS,
    TargetGroup,
    participants_sum,
    validate_participant_count,
)
from sinergi.concurrency import version_field
from units.models import Unit


def activity_totals():
    """The totals shown wherever activities are summed: how many, everyone who attended, and warga binaan,
    petugas and keluarga apart (head counts, so a person at two activities counts twice)."""
    return {
        "activities": Count("pk"),
        "participants": Coalesce(Sum(participants_sum()), 0),
        "warga_binaan": Coalesce(Sum(participants_sum(WARGA_BINAAN_GROUPS)), 0),
        "petugas": Coalesce(Sum(TargetGroup.PETUGAS.value), 0),
        "keluarga": Coalesce(Sum(TargetGroup.KELUARGA.value), 0),
    }


class ActivityQuerySet(models.QuerySet):
    def for_user(self, user):
        """Activities of the user's own unit and the units below it. An activity belongs to the unit that carried
        it out, not to the agreement's: under a national PKS, Kudus's activity is read by Kudus, its Kanwil and
        Ditjenpas, never by Blora beside it."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.below_unit_ids
        if unit_ids is None:
            return self
        return self.filter(unit_id__in=unit_ids)

    def own_side(self, user):
        """Activities under the agreements of the user's own side of the tree (its unit and those below it), as
        `AgreementQuerySet.own_side`: a UPT reads Kanwil's and Ditjenpas's activities too, but they are not its
        own work."""
        activities = self.for_user(user)
        if user.is_authenticated and user.has_units_above:
            own_units = Unit.objects.descendant_ids(user.unit)
            activities = activities.filter(agreement_program__agreement__unit_id__in=own_units)
        return activities

    def carried_out(self):
        """Not cancelled: what counts in totals, progress and dormancy."""
        return self.filter(cancelled_on__isnull=True)

    def latest_of(self, **condition):
        """The last day of the latest of these activities matching `condition` (e.g. an `OuterRef` to an
        agreement), as a subquery; None when there is none."""
        latest = (
            self.filter(**condition)
            .annotate(last_day=Coalesce("ends_on", "starts_on"))
            .order_by("-last_day")
            .values("last_day")[:1]
        )
        return models.Subquery(latest, output_field=models.DateField())

    def spans_units_besides(self, unit_id):
        """Whether any of these activities belongs to another unit than `unit_id`: lists then say whose each
        row is."""
        return unit_id is None or self.exclude(unit_id=unit_id).exists()

    def totals(self):
        """What the activities carried out add up to (`activity_totals()`), in one query."""
        return self.carried_out().aggregate(**activity_totals())

    def totals_per(self, *fields):
        """`totals()` per value of `fields` (e.g. the agreement, the year), one row each, in one query."""
        return self.carried_out().values(*fields).annotate(**activity_totals()).order_by(*fields)


def participant_field(group):
    return models.PositiveIntegerField(TargetGroup(group).label, default=0, validators=[validate_participant_count])


class Activity(models.Model):
    """Something carried out under one of an agreement's programs: when, where, with whom and for how many."""

    agreement_program = models.ForeignKey(
        AgreementProgram, verbose_name=_("program perjanjian"), on_delete=models.PROTECT, related_name="activities"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit pelaksana"), on_delete=models.PROTECT, related_name="activities"
    )
    starts_on = models.DateField(_("tanggal"))
    ends_on = models.DateField(
        _("sampai tanggal"),
        null=True,
        blank=True,
        help_text=_("Isi hanya bila kegiatan berlangsung lebih dari sehari."),
    )
    title = models.CharField(_("nama kegiatan"), max_length=200)
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    facilitator_name = models.CharField(_("narasumber/fasilitator mitra"), max_length=150, blank=True)
    facilitator_position = models.CharField(_("jabatan narasumber"), max_length=200, blank=True)
    narapidana = participant_field(TargetGroup.NARAPIDANA)
    tahanan = participant_field(TargetGroup.TAHANAN)
    anak_binaan = participant_field(TargetGroup.ANAK_BINAAN)
    klien = participant_field(TargetGroup.KLIEN)
    petugas = participant_field(TargetGroup.PETUGAS)
    keluarga = participant_field(TargetGroup.KELUARGA)
    summary = models.TextField(_("ringkasan"), blank=True)
    cancelled_on = models.DateField(_("dibatalkan"), null=True, blank=True)
    cancellation_reason = models.TextField(_("alasan pembatalan"), blank=True)
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
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["agreement_program", "starts_on"], name="activity_program_date"),
            # The activities list's order: a page of 25 without sorting every activity of a large unit.
            models.Index(fields=["starts_on", "id"], name="activity_date"),
            models.Index(fields=["unit", "starts_on"], name="activity_unit_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="activity_ends_after_start",
                violation_error_message=_("Tanggal selesai kegiatan tidak boleh sebelum tanggal mulainya."),
            ),
            models.CheckConstraint(
                condition=Q(cancelled_on__isnull=True) | ~Q(cancellation_reason=""),
                name="activity_cancellation_has_reason",
                violation_error_message=_("Sebutkan alasan kegiatan dibatalkan."),
            ),
            models.CheckConstraint(
                condition=reduce(lambda a, b: a | b, [Q(**{f"{group}__gt": 0}) for group in PARTICIPANT_GROUPS]),
                name="activity_has_participants",
                violation_error_message=_("Isi jumlah peserta, sekurang-kurangnya satu kelompok."),
            ),
            models.CheckConstraint(
                condition=reduce(
                    lambda a, b: a & b, [Q(**{f"{group}__lte": PARTICIPANTS_CEILING}) for group in PARTICIPANT_GROUPS]
                ),
                name="activity_participants_plausible",
                violation_error_message=_("Jumlah peserta tidak masuk akal."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Scripts and demo data that name no unit log for the agreement's own unit, as before units owned activities.
        if self.unit_id is None and self.agreement_program_id:
            self.unit_id = self.agreement_program.agreement.unit_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("programs:activity_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Tanggal selesai kegiatan tidak boleh sebelum tanggal mulainya.")
        if self.cancelled_on and not self.cancellation_reason.strip():
            errors["cancellation_reason"] = _("Sebutkan alasan kegiatan dibatalkan.")
        if errors:
            raise ValidationError(errors)

    @property
    def agreement(self):
        return self.agreement_program.agreement

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    @property
    def is_cancelled(self):
        return self.cancelled_on is not None

    @property
    def participants_total(self):
        return sum(getattr(self, group) for group in PARTICIPANT_GROUPS)

    @property
    def warga_binaan_total(self):
        return sum(getattr(self, group) for group in WARGA_BINAAN_GROUPS)

    def participant_counts(self):
        """[(group label, count)] for the groups that took part."""
        return [(group.label, getattr(self, group)) for group in PARTICIPANT_GROUPS if getattr(self, group)]
