import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergi.concurrency import version_field


def name_key(name):
    """The form of a name used to spot duplicates: case, spacing and punctuation do not count."""
    return re.sub(r"[\W_]+", "", (name or "").casefold())


# Words that say nothing about which institution is meant: legal forms, "kantor", conjunctions.
NAME_STOPWORDS = frozenset(
    {"pt", "tbk", "persero", "perseroan", "terbatas", "cv", "ud", "kantor", "dan", "di", "the", "of"}
)
# Abbreviations staff write interchangeably with the full words; both sides are expanded before comparing.
NAME_ABBREVIATIONS = {
    "kemenag": "kementerian agama",
    "kemenkes": "kementerian kesehatan",
    "kemnaker": "kementerian ketenagakerjaan",
    "kemensos": "kementerian sosial",
    "kemenkumham": "kementerian hukum dan hak asasi manusia",
    "kab": "kabupaten",
    "kabupatén": "kabupaten",
    "prov": "provinsi",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
    "pemprov": "pemerintah provinsi",
    "pemda": "pemerintah daerah",
    "kanwil": "kantor wilayah",
    "univ": "universitas",
    "dinsos": "dinas sosial",
    "disnaker": "dinas tenaga kerja",
    "dinkes": "dinas kesehatan",
    "rsud": "rumah sakit umum daerah",
    "blk": "balai latihan kerja",
    "bnn": "badan narkotika nasional",
    "bnnk": "badan narkotika nasional kabupaten",
    "baznas": "badan amil zakat nasional",
    "mui": "majelis ulama indonesia",
    "bri": "bank rakyat indonesia",
    "bni": "bank negara indonesia",
    "btn": "bank tabungan negara",
    "jateng": "jawa tengah",
    "jatim": "jawa timur",
    "jabar": "jawa barat",
    "diy": "daerah istimewa yogyakarta",
    "ponpes": "pondok pesantren",
}
# Words shared by many unrelated partners: still compared, but never used alone to find candidates.
GENERIC_NAME_TOKENS = frozenset(
    {
        "kabupaten", "kota", "provinsi", "kementerian", "dinas", "badan", "pemerintah", "daerah", "bank", "universitas",
        "cabang", "negeri", "indonesia", "republik", "balai", "lembaga", "wilayah", "pusat", "nasional", "sekolah",
        "rumah", "sakit", "umum", "jawa", "tengah", "timur", "barat", "utara", "selatan", "yayasan", "unit",
    }
)  # fmt: skip
SIMILARITY_THRESHOLD = 0.75


def name_tokens(name):
    """The words that identify an institution: case-folded, punctuation gone, abbreviations expanded,
    legal forms and filler words dropped. "PT Bank Jateng Cabang Blora" -> {bank, jawa, tengah, cabang, blora}."""
    words = re.sub(r"[\W_]+", " ", (name or "").casefold()).split()
    tokens = set()
    for word in words:
        tokens.update(NAME_ABBREVIATIONS.get(word, word).split())
    return tokens - NAME_STOPWORDS


def _edit_distance(a, b):
    """Damerau-Levenshtein distance (optimal string alignment): typos, missing letters, swapped letters."""
    previous, current = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]


def _tokens_match(a, b):
    if a == b:
        return True
    # A typo ("kementrian", "blorra") still counts, but only a slip of one or two letters: place names that
    # differ by more ("Serang" and "Semarang") are other places. Short words must match exactly.
    shortest = min(len(a), len(b))
    if shortest < 5:
        return False
    return _edit_distance(a, b) <= (2 if shortest >= 9 else 1)


def _compare_names(first, second):
    """(matched words, words only in first, words only in second), near-identical words counting as the same."""
    a, b = name_tokens(first), name_tokens(second)
    unmatched = set(b)
    matched = 0
    for token in sorted(a, key=lambda t: (-len(t), t)):
        hit = next((other for other in sorted(unmatched) if _tokens_match(token, other)), None)
        if hit is not None:
            unmatched.discard(hit)
            matched += 1
    return matched, len(a) - matched, len(unmatched)


def name_similarity(first, second):
    """How alike two partner names are, from 0 to 1: the share of their words they have in common.

    When each name has a word the other lacks ("... Kabupaten Blora" against "... Kabupaten Kudus") they name
    different institutions however long the shared part, so the score is 0. One name adding words to the other
    ("Bank Jateng Cabang Blora" and "... Blora Utara", "Kantor Kemenag Blora" and "... Kabupaten Blora") scores
    by the share of words in common.
    """
    matched, only_first, only_second = _compare_names(first, second)
    if not matched or (only_first and only_second):
        return 0.0
    return matched / (matched + only_first + only_second)


def _candidate_needles(tokens):
    """Substrings a similar name must contain at least one of, to narrow the search in the database."""
    distinctive = {t for t in tokens if t not in GENERIC_NAME_TOKENS and len(t) >= 3}
    needles = set(distinctive or {t for t in tokens if len(t) >= 3} or tokens)
    # A stored name may use the abbreviation of words typed in full ("Kemenag" for "Kementerian Agama").
    for abbreviation, full in NAME_ABBREVIATIONS.items():
        words = set(full.split())
        if words <= tokens and words - GENERIC_NAME_TOKENS - NAME_STOPWORDS:
            needles.add(abbreviation)
    return needles


class PartnerQuerySet(models.QuerySet):
    def for_user(self, user):
        """The directory is shared nationally: every signed-in user reads all of it."""
        if not user.is_authenticated:
            return self.none()
        return self

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

    history = HistoricalRecords()
    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        ordering = ["name"]
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


class Contact(models.Model):
    """A person to call at a partner institution."""

    partner = models.ForeignKey(Partner, verbose_name=_("mitra"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("surel"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontak")
        verbose_name_plural = _("kontak")
        ordering = ["name"]

    def __str__(self):
        return self.name
