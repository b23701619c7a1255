from django.contrib.postgres.lookups import TrigramWordSimilar
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.names import (  # noqa: F401 - NAME_ABBREVIATIONS and name_similarity are used from here too
    NAME_ABBREVIATIONS,
    SIMILARITY_THRESHOLD,
    _candidate_needles,
    candidate_needles,
    name_key,
    name_similarity,
    name_tokens,
    search_tokens,
    texts_match,
)
from sinergi.concurrency import version_field
from units.models import Unit

# A search narrows the directory in the database, then checks at most this many candidates word by word.
MATCH_CANDIDATES = 3000
SEARCHED_FIELDS = ("name", "short_name", "regency", "province")
NATIONWIDE = "*"


def curated_province(user):
    """What `user` curates in the directory: NATIONWIDE (Ditjenpas operators and administrators), the province
    of its Kanwil (a Kanwil operator; the province is the Kanwil unit's own `province`), or None."""
    if not user.is_authenticated or not user.can_edit_partners:
        return None
    if user.is_administrator:
        return NATIONWIDE
    if user.unit is None:
        return None
    if user.unit.kind == Unit.Kind.DITJENPAS:
        return NATIONWIDE
    if user.unit.kind == Unit.Kind.KANWIL and user.unit.province.strip():
        return user.unit.province.strip()
    return None


class PartnerQuerySet(models.QuerySet):
    def for_user(self, user):
        """The directory is shared nationally: every signed-in user reads all of it."""
        if not user.is_authenticated:
            return self.none()
        return self

    def curated_by(self, user):
        """The partners `user` curates: may change outright and decides corrections and merges for."""
        province = curated_province(user)
        if province is None:
            return self.none()
        return self if province == NATIONWIDE else self.filter(province__iexact=province)

    def matching(self, text):
        """Partners found by a search for `text`: every word typed is in the name, short name, region or an
        alias, as the duplicate warning reads them: abbreviations expanded ("kemenag", "kab"), a slip of a
        letter or two forgiven ("kementrian"), a word still being typed found ("kemen").

        The database narrows the candidates to names holding each word's first four letters (or an abbreviation
        of it), then each candidate is checked word by word in Python, as the warning does. Only when that finds
        nothing (a slip within the first letters: "kmentrian") does PostgreSQL compare words by trigrams, which
        costs several times more (about 25 µs a partner); SQLite has no such fallback."""
        found = self.matching_ids(text)
        return self if found is None else self.filter(pk__in=found)

    def matching_ids(self, text):
        """The ids of `matching(text)` as a list, or None when `text` holds no word to look for."""
        tokens = search_tokens(text)
        if not tokens:
            return None
        found = self._matching_ids(tokens, trigram=False)
        if not found and connections[self.db].vendor == "postgresql":
            found = self._matching_ids(tokens, trigram=True)
        return found

    def _matching_ids(self, tokens, trigram):
        candidates = self.order_by()
        for token in tokens:
            condition = Q()
            for needle in candidate_needles(token):
                for field in SEARCHED_FIELDS:
                    condition |= Q(**{f"{field}__icontains": needle})
                condition |= Q(pk__in=PartnerAlias.objects.filter(name__icontains=needle).values("partner_id"))
            if trigram:
                condition |= Q(TrigramWordSimilar(F("name"), Value(token)))
            candidates = candidates.filter(condition)
        rows = list(candidates.values_list("pk", *SEARCHED_FIELDS)[:MATCH_CANDIDATES])
        aliases = {}
        for partner_id, alias in PartnerAlias.objects.filter(partner__in=[row[0] for row in rows]).values_list(
            "partner_id", "name"
        ):
            aliases.setdefault(partner_id, []).append(alias)
        return [pk for pk, *texts in rows if texts_match(tokens, [*texts, *aliases.get(pk, [])])]

    def similar_to(self, name):
        """Partners whose name is the same as `name` once case, spacing and punctuation are ignored."""
        return self.filter(name_key=name_key(name))

    def likely_duplicates_of(self, name, limit=10):
        """Partners whose name is similar to `name` but not the same (the same name is refused outright).

        Candidates are narrowed in the database (they must contain one of the name's distinctive words), then
        scored in Python with `name_similarity`. Returns a list, most similar first; each partner carries
        `similarity` (0-1).
        """
        tokens = name_tokens(name)
        if not tokens:
            return []
        condition = Q()
        for needle in _candidate_needles(tokens):
            condition |= Q(name__icontains=needle)
        candidates = self.filter(condition).exclude(name_key=name_key(name)).order_by("name")[:2000]
        scored = []
        for partner in candidates:
            partner.similarity = name_similarity(name, partner.name)
            if partner.similarity >= SIMILARITY_THRESHOLD:
                scored.append(partner)
        scored.sort(key=lambda partner: (-partner.similarity, partner.name))
        return scored[:limit]

    def party_to(self, agreements):
        """Partners that are a party to at least one of `agreements` (an Agreement queryset, which the caller
        builds: the directory sits below the agreements and does not import them)."""
        return self.filter(Exists(agreements.order_by().filter(parties__partner=OuterRef("pk"))))

    def with_agreement_count(self, agreements, name="agreement_count"):
        """Annotate `name` with how many of `agreements` each partner is a party to, in one subquery."""
        counts = (
            agreements.order_by()
            .filter(parties__partner=OuterRef("pk"))
            .values("parties__partner")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(**{name: Coalesce(Subquery(counts[:1]), 0)})


class Partner(models.Model):
    """A partner institution in the national directory shared by every unit."""

    class Sector(models.TextChoices):
        KEMENTERIAN_LEMBAGA = "kementerian_lembaga", _("Kementerian/lembaga")
        PEMERINTAH_DAERAH = "pemerintah_daerah", _("Pemerintah daerah")
        PERBANKAN_KEUANGAN = "perbankan_keuangan", _("Perbankan & keuangan")
        PENDIDIKAN = "pendidikan", _("Pendidikan")
        TEKNOLOGI = "teknologi", _("Teknologi")
        SOSIAL_KEAGAMAAN = "sosial_keagamaan", _("Sosial & keagamaan")
        BUMN_SWASTA = "bumn_swasta", _("BUMN/swasta")
        LAINNYA = "lainnya", _("Lainnya")

    class Level(models.TextChoices):
        NASIONAL = "nasional", _("Nasional")
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN_KOTA = "kabupaten_kota", _("Kabupaten/kota")

    name = models.CharField(_("nama"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, unique=True)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    sector = models.CharField(_("sektor"), max_length=30, choices=Sector)
    level = models.CharField(_("tingkat"), max_length=20, choices=Level)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
        help_text=_("mis. Kementerian Agama untuk Kantor Kementerian Agama Kabupaten Blora"),
    )
    province = models.CharField(_("provinsi"), max_length=100, blank=True)
    regency = models.CharField(_("kabupaten/kota"), max_length=100, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    version = version_field()

    # What identifies the partner: changed outright only by a curator or the one unit using it (see
    # `identity_editable_by`); other units propose a correction. Address and telephones stay open to operators.
    IDENTITY_FIELDS = ("name", "short_name", "sector", "level", "parent", "province", "regency")

    history = HistoricalRecords()
    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        ordering = ["name"]
        # Lists of partners read in name order: a page of 25 is read off this index, not sorted from 30,000.
        indexes = [models.Index(fields=["name", "id"], name="partner_name_order")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_key=""),
                name="partner_name_not_blank",
                violation_error_message=_("Nama mitra wajib diisi."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join((self.name or "").split())
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)
        # Parties of agreements not yet signed follow the directory; signed ones keep the name as signed.
        self.agreement_parties.filter(agreement__signed_on__isnull=True).exclude(partner_name=self.name).update(
            partner_name=self.name
        )

    def get_absolute_url(self):
        return reverse("partners:detail", args=[self.pk])

    @property
    def region(self):
        return ", ".join(part for part in (self.regency, self.province) if part)

    def clean(self):
        self.name = " ".join((self.name or "").split())
        self.name_key = name_key(self.name)
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Mitra tidak dapat menjadi induk dirinya sendiri.")})

    def is_curated_by(self, user):
        province = curated_province(user)
        return province == NATIONWIDE or (
            province is not None and self.province.strip().casefold() == province.casefold()
        )

    def used_by_units_other_than(self, unit_id):
        """Whether agreements of units other than `unit_id` have this partner as a party."""
        return self.agreement_parties.exclude(agreement__unit_id=unit_id).exists()

    def identity_editable_by(self, user):
        """Whether `user` may change what identifies this partner (IDENTITY_FIELDS) outright: a curator always;
        any operator while only its own unit's agreements use the partner. Others propose a correction."""
        if not user.can_edit_partners:
            return False
        if self.pk is None or self.is_curated_by(user):
            return True
        return not self.used_by_units_other_than(user.unit_id)

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        clash = Partner.objects.similar_to(self.name).exclude(pk=self.pk).first()
        if clash is not None:
            raise ValidationError(
                {
                    "name": _("Mitra “%(name)s” sudah terdaftar (nama sama, beda huruf besar/kecil atau spasi).")
                    % {"name": clash.name}
                }
            )


class PartnerAlias(models.Model):
    """Another name of a partner, still found by searches: the name of an entry merged into it."""

    partner = models.ForeignKey(Partner, verbose_name=_("mitra"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("nama lain"), max_length=255)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nama lain mitra")
        verbose_name_plural = _("nama lain mitra")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ContactQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Contacts `user` may change or remove: those its own unit recorded (administrators: all)."""
        if not user.is_authenticated or not user.can_edit_partners:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(unit_id=user.unit_id)


class Contact(models.Model):
    """A person to call at a partner institution, recorded by one of our units: everyone reads it, only that
    unit changes or removes it."""

    partner = models.ForeignKey(Partner, verbose_name=_("mitra"), on_delete=models.CASCADE, related_name="contacts")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_contacts",
    )
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("surel"), blank=True)

    history = HistoricalRecords()
    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontak")
        verbose_name_plural = _("kontak")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def editable_by(self, user):
        return user.can_edit_partners and (user.is_administrator or self.unit_id == user.unit_id)


from partners.corrections import PartnerCorrection  # noqa: E402, F401 - a model of this app, kept in its own module
