"""What each agreement covers: a program of the catalogue, for whom, how many and when."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models.catalogue import Program
from programs.models.participants import (
    PARTICIPANT_GROUPS,
    WARGA_BINAAN_GROUPS,
    TargetGroup,
    achievement_groups,
    participants_sum,
    validate_participant_count,
)


class AgreementProgramQuerySet(models.QuerySet):
    def for_user(self, user):
        """Rows of the agreements the user may read: the units of `User.visible_unit_ids`, as for agreements."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.visible_unit_ids
        return self if unit_ids is None else self.filter(agreement__unit_id__in=unit_ids)

    def editable_by(self, user):
        """Rows of the agreements the user may change (`User.editable_unit_ids`)."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.editable_unit_ids
        return self if unit_ids is None else self.filter(agreement__unit_id__in=unit_ids)

    def with_agreement_last_activity(self):
        """Annotate `agreement_last_activity_on`: the last day of the latest activity carried out under any of
        the agreement's programs (`Agreement.is_dormant_on` reads it)."""
        # Within the app: activities.py points at AgreementProgram, so it is imported when asked for.
        from programs.models.activities import Activity

        latest = Activity.objects.carried_out().latest_of(agreement_program__agreement=models.OuterRef("agreement_id"))
        return self.annotate(agreement_last_activity_on=latest)

    def with_progress(self):
        """Annotate what the activities carried out so far (cancelled ones not counted) add up to:
        `activity_count` and `participant_count` (attendance: everyone at every activity), and per measure
        `done_warga_binaan`, `done_petugas`, `done_keluarga`: the most people of that measure reached in one
        activity. Activities record head counts, not names, so the same person at twelve monthly sessions
        would count twelve times in a sum; the largest single turnout is what can honestly be set against a
        target of "50 narapidana"."""
        carried_out = Q(activities__cancelled_on__isnull=True, activities__isnull=False)

        def attendance(groups):
            return Coalesce(Sum(participants_sum(groups, "activities__"), filter=carried_out), 0)

        def peak(groups):
            return Coalesce(Max(participants_sum(groups, "activities__"), filter=carried_out), 0)

        return self.annotate(
            activity_count=Count("activities", filter=carried_out),
            participant_count=attendance(PARTICIPANT_GROUPS),
            done_warga_binaan=peak(WARGA_BINAAN_GROUPS),
            done_petugas=peak([TargetGroup.PETUGAS]),
            done_keluarga=peak([TargetGroup.KELUARGA]),
        )


class AgreementProgram(models.Model):
    """A program an agreement covers, for whom, how many and when."""

    agreement = models.ForeignKey(
        "agreements.Agreement", verbose_name=_("perjanjian"), on_delete=models.CASCADE, related_name="programs"
    )
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="agreement_programs"
    )
    target_group = models.CharField(_("sasaran"), max_length=20, choices=TargetGroup)
    target_participants = models.PositiveIntegerField(
        _("target peserta"), null=True, blank=True, validators=[validate_participant_count]
    )
    starts_on = models.DateField(_("mulai"), null=True, blank=True)
    ends_on = models.DateField(_("selesai"), null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords()
    objects = AgreementProgramQuerySet.as_manager()

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

    @property
    def achieved(self):
        """The most participants reached in one activity, counted the way the target is set (needs
        `with_progress()`)."""
        groups = achievement_groups(self.target_group)
        if groups == WARGA_BINAAN_GROUPS:
            return self.done_warga_binaan
        return self.done_petugas if self.target_group == TargetGroup.PETUGAS else self.done_keluarga

    @property
    def achievement_label(self):
        """Who the achieved number counts: "warga binaan", "petugas" or "keluarga warga binaan"."""
        if self.target_group == TargetGroup.PETUGAS:
            return _("petugas")
        if self.target_group == TargetGroup.KELUARGA:
            return _("keluarga warga binaan")
        return _("warga binaan")
