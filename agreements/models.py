import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from agreements.validators import validate_pdf
from units.models import Unit


class Status(models.TextChoices):
    """Where an agreement stands on a given day. Derived from its dates, never typed in."""

    DRAFT = "draft", _("Draf")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Ditandatangani, belum berlaku")
    IN_FORCE = "in_force", _("Berlaku")
    ENDING_SOON = "ending_soon", _("Segera berakhir")
    ENDED = "ended", pgettext_lazy("status perjanjian", "Berakhir")
    TERMINATED = "terminated", _("Diakhiri")


# An agreement ending soon is still in force.
IN_FORCE_STATUSES = (Status.IN_FORCE, Status.ENDING_SOON)


def ending_soon_days():
    return settings.SINERGI_ENDING_SOON_DAYS


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
    return {
        Status.TERMINATED: Q(terminated_on__lte=today),
        Status.DRAFT: not_terminated & Q(signed_on__isnull=True),
        Status.NOT_YET_IN_FORCE: signed & (Q(starts_on__gt=today) | Q(starts_on__isnull=True, signed_on__gt=today)),
        Status.ENDED: started & Q(ends_on__lt=today),
        Status.ENDING_SOON: running & (Q(ends_on__lte=soon) | Q(terminated_on__lte=soon)),
        Status.IN_FORCE: running & Q(ends_on__gt=soon) & (Q(terminated_on__isnull=True) | Q(terminated_on__gt=soon)),
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
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        if user.role != user.Role.OPERATOR or user.unit_id is None:
            return self.none()
        return self.filter(unit_id=user.unit_id)

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

    def in_force(self, today=None):
        return self.having_status(*IN_FORCE_STATUSES, today=today)

    def ending_soon(self, today=None):
        return self.having_status(Status.ENDING_SOON, today=today)

    def expiring_within(self, days, today=None):
        """In force and ending (or terminated) within `days` days from today."""
        today = today or timezone.localdate()
        limit = today + timedelta(days=days)
        return self.in_force(today).filter(Q(ends_on__lte=limit) | Q(terminated_on__lte=limit))

    # Activities carried out (programs.Activity). programs.models imports nothing from here, so the import
    # inside the methods is one-way; at the top of this module it would be circular.

    def with_last_activity(self):
        """Annotate `last_activity_on`: the last day of the latest activity carried out (cancelled ones not
        counted), or None when there is none."""
        from programs.models import Activity

        latest = (
            Activity.objects.carried_out()
            .filter(agreement_program__agreement=models.OuterRef("pk"))
            .annotate(last_day=Coalesce("ends_on", "starts_on"))
            .order_by("-last_day")
            .values("last_day")[:1]
        )
        return self.annotate(last_activity_on=models.Subquery(latest, output_field=models.DateField()))

    def _dormant_condition(self, today, days):
        from programs.models import Activity

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
    signed_on = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    signed_place = models.CharField(_("tempat penandatanganan"), max_length=150, blank=True)
    signing_notes = models.TextField(
        _("keterangan penandatanganan"), blank=True, help_text=_("mis. seremoni virtual, siapa yang hadir")
    )
    starts_on = models.DateField(
        _("tanggal mulai berlaku"), null=True, blank=True, help_text=_("Kosongkan bila berlaku sejak ditandatangani.")
    )
    ends_on = models.DateField(_("tanggal berakhir"))
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
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
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

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku.")
        elif self.signed_on and self.ends_on and self.ends_on < self.signed_on:
            errors["ends_on"] = _("Tanggal berakhir tidak boleh sebelum tanggal penandatanganan.")
        if self.kind == self.Kind.ADENDUM and not self.parent_id:
            errors["parent"] = _("Adendum harus menyebutkan perjanjian yang diubahnya.")
        if self.pk and self.parent_id == self.pk:
            errors["parent"] = _("Perjanjian tidak dapat menjadi induk dirinya sendiri.")
        elif self.parent_id and self.kind == self.Kind.PKS and self.parent.kind != self.Kind.MOU:
            errors["parent"] = _("Induk sebuah PKS harus berupa nota kesepahaman (MoU).")
        elif self.parent_id and self.kind == self.Kind.MOU:
            errors["parent"] = _("Nota kesepahaman tidak bernaung di bawah perjanjian lain; gunakan adendum.")
        elif self.parent_id and self.kind == self.Kind.ADENDUM and self.unit_id and self.parent.unit_id != self.unit_id:
            errors["parent"] = _("Adendum harus dicatat oleh unit pemilik perjanjian yang diubahnya.")
        if self.pk and self.renews_id == self.pk:
            errors["renews"] = _("Perjanjian tidak dapat melanjutkan dirinya sendiri.")
        if self.terminated_on and not self.termination_reason.strip():
            errors["termination_reason"] = _("Sebutkan alasan perjanjian diakhiri.")
        if self.terminated_on and self.signed_on and self.terminated_on < self.signed_on:
            errors["terminated_on"] = _("Tanggal diakhiri tidak boleh sebelum tanggal penandatanganan.")
        if self.signed_on and not self.our_signatory_name.strip():
            errors["our_signatory_name"] = _("Perjanjian yang sudah ditandatangani harus mencantumkan penanda tangan.")
        if errors:
            raise ValidationError(errors)

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
        if self.ends_on < today:
            return Status.ENDED
        if self.ends_on <= soon or (self.terminated_on and self.terminated_on <= soon):
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
    def days_left(self):
        """Days until the last day in force (0 on that day); None once it no longer runs."""
        if self.status not in IN_FORCE_STATUSES:
            return None
        last_day = self.ends_on
        if self.terminated_on:
            last_day = min(last_day, self.terminated_on - timedelta(days=1))
        return (last_day - timezone.localdate()).days


class AgreementParty(models.Model):
    """A partner institution that signed an agreement, with its own number and signatory."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("perjanjian"), on_delete=models.CASCADE, related_name="parties"
    )
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("mitra"), on_delete=models.PROTECT, related_name="agreement_parties"
    )
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
        return str(self.partner)


def document_upload_to(instance, filename):
    # Random names: the stored path tells nothing and cannot be guessed.
    return f"agreements/{instance.agreement_id}/{uuid.uuid4().hex}.pdf"


class AgreementDocument(models.Model):
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

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["kind", "uploaded_at"]

    def __str__(self):
        return self.title or self.original_name or self.get_kind_display()

    def save(self, *args, **kwargs):
        if self.file and not self.original_name:
            self.original_name = self.file.name.rsplit("/", 1)[-1][:255]
        super().save(*args, **kwargs)


def export_upload_to(instance, filename):
    # Random names, as for scans: exports are served only through a view that checks who asks.
    return f"exports/{uuid.uuid4().hex}.pdf"


class RegisterExportQuerySet(models.QuerySet):
    def for_user(self, user):
        """An export is the requester's own: it prints what the requester may read. Administrators see all."""
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(requested_by=user)


class RegisterExport(models.Model):
    """A printed register too long to render while the user waits: a background task makes the PDF, the user
    fetches it when it is done."""

    class State(models.TextChoices):
        PENDING = "pending", _("Menunggu giliran")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diminta oleh"), on_delete=models.CASCADE, related_name="+"
    )
    query_string = models.TextField(_("saringan"), blank=True, help_text=_("Saringan daftar, seperti pada alamat."))
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=State, default=State.PENDING)
    file = models.FileField(_("berkas"), upload_to=export_upload_to, blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai dibuat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    error = models.TextField(_("galat"), blank=True)

    objects = RegisterExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("cetakan daftar perjanjian")
        verbose_name_plural = _("cetakan daftar perjanjian")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_absolute_url(self):
        return reverse("agreements:register_export", args=[self.pk])

    @property
    def is_waiting(self):
        return self.status in (self.State.PENDING, self.State.RUNNING)
