import uuid
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

MINISTRY = "Kementerian Imigrasi dan Pemasyarakatan"
DIRECTORATE_GENERAL = "Direktorat Jenderal Pemasyarakatan"


def logo_upload_to(instance, filename):
    # Random names: a replaced logo never lingers in a cache under the same name.
    return f"units/logos/{uuid.uuid4().hex}.png"


class UnitQuerySet(models.QuerySet):
    def descendant_ids(self, unit):
        """The ids of `unit` and every unit below it, one query per level of the tree."""
        ids, frontier = {unit.pk}, {unit.pk}
        while frontier:
            frontier = set(self.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
            ids |= frontier
        return ids

    def for_user(self, user):
        """The units whose records the user may read."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.visible_unit_ids
        return self if unit_ids is None else self.filter(pk__in=unit_ids)

    def with_units_below(self):
        """Ditjenpas and the Kanwil: the units a "with its units below" choice can name."""
        return self.filter(pk__in=self.model.objects.filter(parent__isnull=False).values("parent_id"))

    def letterhead_for(self, unit):
        """The kop surat `unit` prints on; without a unit (an administrator prints) it is Ditjenpas's own."""
        unit = unit or self.filter(kind=Unit.Kind.DITJENPAS).first()
        if unit is None:
            return {"lines": [MINISTRY.upper(), DIRECTORATE_GENERAL.upper()], "contacts": []}
        return unit.letterhead()


class Unit(models.Model):
    """One of our own units: Ditjenpas, a Kantor Wilayah or a UPT under it."""

    class Kind(models.TextChoices):
        DITJENPAS = "ditjenpas", _("Direktorat Jenderal Pemasyarakatan")
        KANWIL = "kanwil", _("Kantor Wilayah")
        LAPAS = "lapas", _("Lembaga Pemasyarakatan")
        RUTAN = "rutan", _("Rumah Tahanan Negara")
        LPKA = "lpka", _("Lembaga Pembinaan Khusus Anak")
        BAPAS = "bapas", _("Balai Pemasyarakatan")
        RUPBASAN = "rupbasan", _("Rumah Penyimpanan Benda Sitaan Negara")
        CABANG_RUTAN = "cabang_rutan", _("Cabang Rumah Tahanan Negara")

    class Grade(models.TextChoices):
        I = "I", "I"  # noqa: E741 - the class is called "Kelas I"
        IIA = "IIA", "IIA"
        IIB = "IIB", "IIB"
        II = "II", "II"
        III = "III", "III"

    # Which classes each kind of unit can have; kinds not listed have none.
    GRADES_BY_KIND = {
        Kind.LAPAS: {Grade.I, Grade.IIA, Grade.IIB, Grade.III},
        Kind.RUTAN: {Grade.I, Grade.IIA, Grade.IIB},
        Kind.BAPAS: {Grade.I, Grade.II},
        Kind.LPKA: {Grade.I, Grade.II},
        Kind.RUPBASAN: {Grade.I, Grade.II},
    }
    # Which kind of unit each kind hangs under.
    PARENT_KINDS = {
        Kind.DITJENPAS: set(),
        Kind.KANWIL: {Kind.DITJENPAS},
        Kind.LAPAS: {Kind.KANWIL},
        Kind.RUTAN: {Kind.KANWIL},
        Kind.LPKA: {Kind.KANWIL},
        Kind.BAPAS: {Kind.KANWIL},
        Kind.RUPBASAN: {Kind.KANWIL},
        Kind.CABANG_RUTAN: {Kind.RUTAN, Kind.LAPAS},
    }

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind)
    grade = models.CharField(_("kelas"), max_length=3, choices=Grade, blank=True)
    name = models.CharField(
        _("nama"), max_length=200, unique=True, help_text=_("Seperti lazim ditulis, mis. “Rutan Kelas IIB Blora”.")
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("induk"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    province = models.CharField(_("provinsi"), max_length=100, blank=True)
    regency = models.CharField(_("kabupaten/kota"), max_length=100, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    head_name = models.CharField(_("nama kepala"), max_length=150, blank=True)
    head_nip = models.CharField(_("NIP kepala"), max_length=30, blank=True)
    head_title = models.CharField(_("jabatan kepala"), max_length=150, blank=True, help_text=_("mis. Kepala Rutan"))
    logo = models.ImageField(
        _("logo kop surat"),
        upload_to=logo_upload_to,
        blank=True,
        help_text=_(
            "PNG atau JPEG, paling besar 2 MB. Dicetak di kiri kop surat; tanpa logo kop surat hanya berisi teks."
        ),
    )

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("unit")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["lapas"], grade__in=["I", "IIA", "IIB", "III"])
                    | Q(kind__in=["rutan"], grade__in=["I", "IIA", "IIB"])
                    | Q(kind__in=["bapas", "lpka", "rupbasan"], grade__in=["I", "II"])
                    | Q(kind__in=["ditjenpas", "kanwil", "cabang_rutan"], grade="")
                ),
                name="unit_grade_fits_kind",
                violation_error_message=_("Kelas ini tidak berlaku untuk jenis unit tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(kind="ditjenpas", parent__isnull=True) | (~Q(kind="ditjenpas") & Q(parent__isnull=False)),
                name="unit_parent_unless_ditjenpas",
                violation_error_message=_("Setiap unit selain Ditjenpas harus memiliki unit induk."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        allowed = self.GRADES_BY_KIND.get(self.kind, set())
        if allowed and self.grade not in allowed:
            raise ValidationError(
                {
                    "grade": _("%(kind)s harus berkelas %(grades)s.")
                    % {"kind": self.get_kind_display(), "grades": ", ".join(sorted(allowed))}
                }
            )
        if not allowed and self.grade:
            raise ValidationError({"grade": _("%(kind)s tidak memiliki kelas.") % {"kind": self.get_kind_display()}})
        parent_kinds = self.PARENT_KINDS.get(self.kind, set())
        if not parent_kinds and self.parent_id:
            raise ValidationError({"parent": _("Ditjenpas tidak memiliki unit induk.")})
        if parent_kinds and (self.parent is None or self.parent.kind not in parent_kinds):
            raise ValidationError(
                {
                    "parent": _("Unit induk harus berjenis %(kinds)s.")
                    % {"kinds": ", ".join(str(self.Kind(k).label) for k in parent_kinds)}
                }
            )

    # How units abbreviate their kind in everyday names, longest first, and the full words for letterheads.
    NAME_ABBREVIATIONS = [
        ("Cabang Rutan", "Cabang Rumah Tahanan Negara"),
        ("Rupbasan", "Rumah Penyimpanan Benda Sitaan Negara"),
        ("Rutan", "Rumah Tahanan Negara"),
        ("Lapas", "Lembaga Pemasyarakatan"),
        ("LPKA", "Lembaga Pembinaan Khusus Anak"),
        ("Bapas", "Balai Pemasyarakatan"),
    ]

    @property
    def official_name(self):
        """The unit's name as printed on letterheads: "Rutan Kelas IIB Blora" -> "Rumah Tahanan Negara Kelas IIB
        Blora". Derived from the everyday name, which already says where the unit is."""
        for short, full in self.NAME_ABBREVIATIONS:
            if self.name.startswith(short + " "):
                return full + self.name.removeprefix(short)
        return self.name

    def ancestors(self):
        """Units above this one, nearest first (the tree is at most four levels deep)."""
        chain, unit = [], self.parent
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return chain

    @property
    def kanwil(self):
        if self.kind == self.Kind.KANWIL:
            return self
        return next((u for u in self.ancestors() if u.kind == self.Kind.KANWIL), None)

    def letterhead_lines(self):
        """Kementerian, Ditjenpas, Kanwil and the unit itself, upper-cased as on official paper."""
        lines = [MINISTRY, DIRECTORATE_GENERAL]
        if self.kanwil is not None:
            lines.append(self.kanwil.name)
        if self.kind not in (self.Kind.DITJENPAS, self.Kind.KANWIL):
            lines.append(self.official_name)
        return [line.upper() for line in lines]

    def letterhead(self):
        """The kop surat: the upper-cased lines of the unit's hierarchy and a line of address and contacts."""
        contacts = [" ".join(self.address.split())] if self.address else []
        if self.phone:
            contacts.append(f"Telepon {self.phone}")
        if self.email:
            contacts.append(f"Surel {self.email}")
        # The logo is fetched by the PDF renderer from MEDIA_ROOT (sinergi.printing.LocalFilesFetcher), never
        # over the network.
        return {"lines": self.letterhead_lines(), "contacts": contacts, "logo": self.logo.url if self.logo else ""}


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # A superuser belongs to no unit, which the database allows only for administrators.
        extra_fields.setdefault("role", User.Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A staff account, always attached to one of our units.

    What a user sees follows from the unit tree: its own unit, the units above it (read-only, e.g. national
    and regional agreements) and the units below it (a Kanwil's region, Ditjenpas's everything). What a user
    changes follows from the role: operators change their own unit's records, heads of unit only read.
    """

    class Role(models.TextChoices):
        OPERATOR = "operator", _("Operator")
        KEPALA = "kepala", _("Kepala unit")
        ADMINISTRATOR = "administrator", _("Administrator")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role, default=Role.OPERATOR)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    # Set by the language switcher: e-mails sent outside a request speak the language the user chose.
    language = models.CharField(_("bahasa"), max_length=10, choices=settings.LANGUAGES, default="id")
    email_notifications = models.BooleanField(
        _("kirim pemberitahuan lewat surel"),
        default=True,
        help_text=_("Pengingat dan permintaan verifikasi tetap tampil di Sinergi."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="administrator") | Q(unit__isnull=False),
                name="user_unit_unless_administrator",
                violation_error_message=_("Akun operator dan kepala harus terikat pada satu unit."),
            ),
        ]

    @property
    def is_administrator(self):
        return self.is_superuser or self.role == self.Role.ADMINISTRATOR

    @property
    def sees_everything(self):
        return self.is_administrator or (self.unit is not None and self.unit.kind == Unit.Kind.DITJENPAS)

    @property
    def has_units_above(self):
        """Whether the user reads agreements of units above its own side (national, regional) besides its own:
        lists can then leave those out."""
        return self.unit is not None and not self.sees_everything

    @property
    def role_label(self):
        """The role as people say it: operator of a UPT, Kanwil, pusat, head of unit, administrator."""
        if self.is_administrator:
            return _("Administrator")
        if self.role == self.Role.KEPALA:
            return _("Kepala unit")
        if self.unit and self.unit.kind == Unit.Kind.DITJENPAS:
            return _("Operator pusat (Ditjenpas)")
        if self.unit and self.unit.kind == Unit.Kind.KANWIL:
            return _("Operator Kanwil")
        return _("Operator UPT")

    @cached_property
    def visible_unit_ids(self):
        """Ids of the units whose records this user may read; None means every unit."""
        if self.sees_everything:
            return None
        if self.unit is None:
            return set()
        ancestors = {u.pk for u in self.unit.ancestors()}
        return ancestors | Unit.objects.descendant_ids(self.unit)

    @cached_property
    def below_unit_ids(self):
        """Ids of the user's own unit and every unit below it; None means every unit. Records that belong to a
        unit's own work (its activities, its follow-ups) are read from here, never from the units beside it."""
        if self.sees_everything:
            return None
        if self.unit is None:
            return set()
        return Unit.objects.descendant_ids(self.unit)

    def is_below_or_at(self, unit_id):
        """Whether the unit with this id is the user's own or one below it."""
        ids = self.below_unit_ids
        return ids is None or unit_id in ids

    @property
    def can_edit_own_unit(self):
        return self.is_active and (self.is_administrator or (self.role == self.Role.OPERATOR and self.unit_id))

    @property
    def editable_unit_ids(self):
        """Ids of the units whose records this user may change; None means every unit. Operators change
        their own unit's records; heads of unit only read."""
        if not self.is_active:
            return set()
        if self.is_administrator:
            return None
        if self.role == self.Role.OPERATOR and self.unit_id is not None:
            return {self.unit_id}
        return set()

    def can_edit_unit_records(self, unit_id):
        """Whether this user may change records owned by the unit with this id."""
        editable = self.editable_unit_ids
        return editable is None or unit_id in editable

    def can_verify_unit_records(self, unit_id):
        """Whether this user vouches for the records of the unit with this id: the head (kepala) of that unit.
        Kanwil and Ditjenpas give the kepala role to the official who verifies (a Kepala Bidang, a Direktur)."""
        return self.is_active and self.role == self.Role.KEPALA and unit_id is not None and self.unit_id == unit_id

    @property
    def can_manage_catalogue(self):
        """The program catalogue belongs to Ditjenpas: its operators and administrators maintain it."""
        return self.is_administrator or (
            self.role == self.Role.OPERATOR and self.unit is not None and self.unit.kind == Unit.Kind.DITJENPAS
        )

    @property
    def can_edit_partners(self):
        """The partner directory is shared; any operator may add to it so a unit is never blocked."""
        return self.is_active and (self.is_administrator or self.role == self.Role.OPERATOR)


class UserSession(AbstractBaseSession):
    """A signed-in session that knows its account, so that logging out can end every session of that account
    with one indexed delete instead of decoding every session in the table."""

    user = models.ForeignKey(User, verbose_name=_("akun"), on_delete=models.CASCADE, null=True, related_name="+")

    class Meta:
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")

    @classmethod
    def get_session_store_class(cls):
        from units.sessions import SessionStore

        return SessionStore
