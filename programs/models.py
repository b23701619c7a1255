import uuid
from functools import reduce
from operator import add

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergi.concurrency import version_field
from sinergi.withdrawal import Withdrawable, WithdrawableQuerySet, withdrawal_constraint
from units.models import Unit


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


class TargetGroup(models.TextChoices):
    NARAPIDANA = "narapidana", _("Narapidana")
    TAHANAN = "tahanan", _("Tahanan")
    ANAK_BINAAN = "anak_binaan", _("Anak binaan")
    KLIEN = "klien", _("Klien pemasyarakatan")
    PETUGAS = "petugas", _("Petugas")
    KELUARGA = "keluarga", _("Keluarga warga binaan")


# The people an activity reaches, one count each; the field names are the TargetGroup values.
PARTICIPANT_GROUPS = [
    TargetGroup.NARAPIDANA,
    TargetGroup.TAHANAN,
    TargetGroup.ANAK_BINAAN,
    TargetGroup.KLIEN,
    TargetGroup.PETUGAS,
    TargetGroup.KELUARGA,
]
# "Warga binaan": the people in our care, staff and families not included.
WARGA_BINAAN_GROUPS = [TargetGroup.NARAPIDANA, TargetGroup.TAHANAN, TargetGroup.ANAK_BINAAN, TargetGroup.KLIEN]


# What the database refuses whatever the setting says: SINERGI_MAX_PARTICIPANTS (default 10,000) is the bound
# people meet, and may be raised up to this.
PARTICIPANTS_CEILING = 1_000_000


def validate_participant_count(value):
    """At most SINERGI_MAX_PARTICIPANTS people of one group in one activity (or one program's target): the
    largest prison holds a few thousand; 2,147,483,648 is a typing slip that would swamp every total."""
    limit = min(settings.SINERGI_MAX_PARTICIPANTS, PARTICIPANTS_CEILING)
    if value is not None and value > limit:
        raise ValidationError(
            _("Jumlah ini tidak masuk akal: paling banyak %(limit)s orang.") % {"limit": number_format(limit)},
            code="too_many",
        )


def participants_sum(groups=PARTICIPANT_GROUPS, prefix=""):
    """The sum of the participant counts of `groups` as a database expression (`prefix` reaches them across
    a relation, e.g. "activities__")."""
    return reduce(add, [F(f"{prefix}{group}") for group in groups])


def achievement_groups(target_group):
    """The participant counts that measure a program's target: warga binaan together (a Rutan's "narapidana"
    program reaches tahanan too), or petugas, or keluarga on their own."""
    if target_group in (TargetGroup.PETUGAS, TargetGroup.KELUARGA):
        return [TargetGroup(target_group)]
    return WARGA_BINAAN_GROUPS


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


class EvidenceQuerySet(WithdrawableQuerySet):
    def for_user(self, user):
        """Evidence of the activities the user reads (`ActivityQuerySet.for_user`)."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.below_unit_ids
        if unit_ids is None:
            return self
        return self.filter(activity__unit_id__in=unit_ids)


def current_evidence(path="evidence"):
    """A prefetch of the evidence files not withdrawn, for lists of activities."""
    return models.Prefetch(path, queryset=ActivityEvidence.objects.current())


def evidence_upload_to(instance, filename):
    # Random names: the stored path tells nothing and cannot be guessed. The extension follows the content.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"activities/{instance.activity_id}/{uuid.uuid4().hex}.{extension}"


class ActivityEvidence(Withdrawable):
    """A photo or a PDF showing an activity took place, served only through an access-checked view."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Foto")
        PDF = "pdf", _("PDF")

    CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}

    activity = models.ForeignKey(
        Activity, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind)
    file = models.FileField(_("berkas"), upload_to=evidence_upload_to, max_length=255)
    thumbnail = models.FileField(_("gambar kecil"), upload_to=evidence_upload_to, max_length=255, blank=True)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
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
    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("bukti kegiatan")
        verbose_name_plural = _("bukti kegiatan")
        ordering = ["uploaded_at", "pk"]
        constraints = [withdrawal_constraint("evidence_withdrawal_has_reason")]

    def __str__(self):
        return self.original_name or self.get_kind_display()

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].lower()

    @property
    def content_type(self):
        return self.CONTENT_TYPES.get(self.extension, "application/octet-stream")

    @property
    def is_photo(self):
        return self.kind == self.Kind.PHOTO
