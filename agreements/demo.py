"""Demo data: the two real cases from the news, surrounded by sample data so the lists look like real use.

The real cases are the PKS between Rutan Kelas IIB Blora and Kantor Kementerian Agama Kabupaten Blora (signed
30 December 2024) and the virtual signing of Ditjenpas with nine strategic partners (1 July 2025). Only what the
sources state is written as fact; every invented name, number or date carries the marker "(contoh)" in the text
where it appears, so nobody mistakes sample data for a real record.

`load()` is idempotent: when the Blora PKS is already there it changes nothing.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from agreements.models import Agreement, AgreementParty, Status
from partners.models import Contact, Partner, name_key
from programs.demo import load_activities
from programs.models import Activity, AgreementProgram, Program, TargetGroup
from units.models import Unit, User

SAMPLE = "(contoh)"
PASSWORD = "sinergi-demo"
SEED = 2024

DITJENPAS = "Direktorat Jenderal Pemasyarakatan"
BLORA = "Rutan Kelas IIB Blora"
KUDUS = "Rutan Kelas IIB Kudus"
KEMENAG = "Kementerian Agama"
KEMENAG_BLORA = "Kantor Kementerian Agama Kabupaten Blora"
BLORA_SIGNED_ON = date(2024, 12, 30)
CEREMONY_ON = date(2025, 7, 1)

Kind = Unit.Kind
Grade = Unit.Grade
Sector = Partner.Sector
Level = Partner.Level
T = TargetGroup


def sample(text):
    return f"{text} {SAMPLE}"


def kanwil_name(province):
    return f"Kantor Wilayah Direktorat Jenderal Pemasyarakatan {province}"


def short_place(regency):
    return regency.removeprefix("Kota Administrasi ").removeprefix("Kabupaten ").removeprefix("Kota ")


# Our own unit tree. Province, Kanwil seat, the code used in sample letter numbers, and the UPTs under it as
# (kind, grade, name, regency); a fifth element names the Rutan a Cabang Rutan hangs under.
REGIONS = [
    (
        "Jawa Tengah",
        "Kota Semarang",
        13,
        [
            (Kind.RUTAN, Grade.IIB, BLORA, "Kabupaten Blora"),
            (Kind.RUTAN, Grade.IIB, KUDUS, "Kabupaten Kudus"),
            (Kind.LAPAS, Grade.I, "Lapas Kelas I Semarang", "Kota Semarang"),
            (Kind.LAPAS, Grade.IIA, "Lapas Kelas IIA Ambarawa", "Kabupaten Semarang"),
            (Kind.LAPAS, Grade.IIB, "Lapas Kelas IIB Cilacap", "Kabupaten Cilacap"),
            (Kind.RUTAN, Grade.I, "Rutan Kelas I Semarang", "Kota Semarang"),
            (Kind.LPKA, Grade.I, "LPKA Kelas I Kutoarjo", "Kabupaten Purworejo"),
            (Kind.BAPAS, Grade.I, "Bapas Kelas I Semarang", "Kota Semarang"),
            (Kind.RUPBASAN, Grade.I, "Rupbasan Kelas I Semarang", "Kota Semarang"),
        ],
    ),
    (
        "Jawa Timur",
        "Kota Surabaya",
        15,
        [
            (Kind.LAPAS, Grade.I, "Lapas Kelas I Surabaya", "Kabupaten Sidoarjo"),
            (Kind.LAPAS, Grade.I, "Lapas Kelas I Malang", "Kota Malang"),
            (Kind.RUTAN, Grade.I, "Rutan Kelas I Surabaya", "Kabupaten Sidoarjo"),
            (Kind.LAPAS, Grade.IIB, "Lapas Kelas IIB Jombang", "Kabupaten Jombang"),
            (Kind.LPKA, Grade.I, "LPKA Kelas I Blitar", "Kota Blitar"),
            (Kind.BAPAS, Grade.I, "Bapas Kelas I Surabaya", "Kota Surabaya"),
        ],
    ),
    (
        "Jawa Barat",
        "Kota Bandung",
        11,
        [
            (Kind.LAPAS, Grade.I, "Lapas Kelas I Sukamiskin", "Kota Bandung"),
            (Kind.LAPAS, Grade.IIA, "Lapas Kelas IIA Bogor", "Kota Bogor"),
            (Kind.LAPAS, Grade.III, "Lapas Kelas III Gunung Sindur", "Kabupaten Bogor"),
            (Kind.RUTAN, Grade.I, "Rutan Kelas I Bandung", "Kota Bandung"),
            (Kind.LPKA, Grade.II, "LPKA Kelas II Bandung", "Kota Bandung"),
            (Kind.BAPAS, Grade.I, "Bapas Kelas I Bandung", "Kota Bandung"),
        ],
    ),
    (
        "DKI Jakarta",
        "Kota Administrasi Jakarta Timur",
        10,
        [
            (Kind.LAPAS, Grade.I, "Lapas Kelas I Cipinang", "Kota Administrasi Jakarta Timur"),
            (Kind.RUTAN, Grade.I, "Rutan Kelas I Jakarta Pusat", "Kota Administrasi Jakarta Pusat"),
            (
                Kind.CABANG_RUTAN,
                "",
                "Cabang Rutan Salemba Kejaksaan Agung",
                "Kota Administrasi Jakarta Selatan",
                "Rutan Kelas I Jakarta Pusat",
            ),
            (Kind.BAPAS, Grade.I, "Bapas Kelas I Jakarta Pusat", "Kota Administrasi Jakarta Pusat"),
            (Kind.RUPBASAN, Grade.I, "Rupbasan Kelas I Jakarta Pusat", "Kota Administrasi Jakarta Pusat"),
        ],
    ),
    (
        "Banten",
        "Kota Serang",
        29,
        [
            (Kind.LAPAS, Grade.I, "Lapas Kelas I Tangerang", "Kota Tangerang"),
            (Kind.LAPAS, Grade.IIA, "Lapas Kelas IIA Serang", "Kota Serang"),
        ],
    ),
    (
        "Sumatera Utara",
        "Kota Medan",
        2,
        [
            (Kind.LAPAS, Grade.I, "Lapas Kelas I Medan", "Kota Medan"),
        ],
    ),
    (
        "Sulawesi Selatan",
        "Kota Makassar",
        23,
        [
            (Kind.LAPAS, Grade.I, "Lapas Kelas I Makassar", "Kota Makassar"),
            (Kind.RUPBASAN, Grade.II, "Rupbasan Kelas II Parepare", "Kota Parepare"),
        ],
    ),
]

HEAD_TITLES = {
    Kind.KANWIL: "Kepala Kantor Wilayah",
    Kind.LAPAS: "Kepala Lapas",
    Kind.RUTAN: "Kepala Rutan",
    Kind.LPKA: "Kepala LPKA",
    Kind.BAPAS: "Kepala Bapas",
    Kind.RUPBASAN: "Kepala Rupbasan",
    Kind.CABANG_RUTAN: "Kepala Cabang Rutan",
}

# Invented people: every name built from these carries "(contoh)".
FIRST_NAMES = [
    "Agus", "Dwi", "Sri", "Bambang", "Rina", "Yusuf", "Nur", "Eko", "Dedi", "Siti",
    "Wahyu", "Fitri", "Hadi", "Lina", "Arif", "Maya", "Teguh", "Ratna", "Imam", "Yuni",
]  # fmt: skip
LAST_NAMES = [
    "Prasetyo", "Wulandari", "Wahyuni", "Setiawan", "Kusumawati", "Hidayat", "Aini", "Susanto", "Kurniawan",
    "Rahmawati", "Nugroho", "Handayani", "Saputra", "Permatasari", "Santoso", "Wibowo", "Utami", "Firmansyah",
]  # fmt: skip

# The regencies where regional sample partners sit, per province (kab/kota-level partners go to each of them).
PARTNER_REGENCIES = {
    "Jawa Tengah": ["Kabupaten Blora", "Kabupaten Kudus", "Kota Semarang"],
    "Jawa Timur": ["Kabupaten Sidoarjo", "Kota Malang"],
    "Jawa Barat": ["Kota Bandung", "Kabupaten Bogor"],
    "DKI Jakarta": ["Kota Administrasi Jakarta Timur", "Kota Administrasi Jakarta Pusat"],
    "Banten": ["Kota Tangerang", "Kota Serang"],
    "Sumatera Utara": ["Kota Medan"],
    "Sulawesi Selatan": ["Kota Makassar"],
}

# What a sample agreement with each kind of partner is about: (subject, [(program, target group)]).
# A target group of None means "the unit's own warga binaan" (narapidana, tahanan, anak binaan or klien).
INMATES = None
TOPICS = {
    "bank": [
        ("Layanan tabungan dan transaksi nontunai bagi warga binaan",
         [("Tabungan dan rekening warga binaan", INMATES), ("Transaksi nontunai", INMATES)]),
        ("Edukasi literasi keuangan bagi warga binaan dan keluarganya",
         [("Literasi keuangan", INMATES), ("Literasi keuangan", T.KELUARGA)]),
        ("Layanan perbankan dan pembayaran nontunai bagi petugas", [("Transaksi nontunai", T.PETUGAS)]),
    ],
    "university": [
        ("Pendidikan kesetaraan dan literasi bagi warga binaan", [("Pendidikan dan literasi", INMATES)]),
        ("Penelitian dan pengabdian kepada masyarakat di lingkungan pemasyarakatan", []),
        ("Pendampingan psikologis bagi warga binaan", [("Pendampingan moral", INMATES)]),
        ("Beasiswa pendidikan lanjut bagi petugas pemasyarakatan", [("Pendidikan lanjut petugas", T.PETUGAS)]),
    ],
    "pesantren": [
        ("Pembinaan keagamaan dan pesantren kilat bagi warga binaan",
         [("Bimbingan keagamaan", INMATES), ("Pelatihan rohani", INMATES)]),
        ("Bimbingan baca tulis Al-Qur'an bagi warga binaan", [("Pelatihan rohani", INMATES)]),
    ],
    "blk": [
        ("Pelatihan kerja bersertifikat bagi warga binaan", [("Pelatihan keterampilan", INMATES)]),
        ("Pelatihan menjahit dan tata boga bagi warga binaan",
         [("Pelatihan keterampilan", INMATES), ("Kegiatan produksi dan kewirausahaan", INMATES)]),
    ],
    "health": [
        ("Layanan kesehatan dan pemeriksaan berkala bagi warga binaan", [("Layanan kesehatan", INMATES)]),
        ("Penanggulangan tuberkulosis dan HIV di lingkungan pemasyarakatan",
         [("Layanan kesehatan", INMATES), ("Layanan kesehatan", T.PETUGAS)]),
    ],
    "civil_registry": [
        ("Perekaman KTP elektronik dan layanan administrasi kependudukan bagi warga binaan", []),
    ],
    "legal_aid": [
        ("Bantuan hukum dan penyuluhan hukum bagi tahanan", [("Kesadaran berbangsa dan bernegara", T.TAHANAN)]),
        ("Pendampingan reintegrasi sosial klien pemasyarakatan", [("Reintegrasi sosial", T.KLIEN)]),
    ],
    "narcotics": [
        ("Rehabilitasi narkotika bagi warga binaan pengguna narkotika", [("Rehabilitasi narkotika", INMATES)]),
        ("Pencegahan peredaran gelap narkotika di lingkungan pemasyarakatan", [("Pelatihan petugas", T.PETUGAS)]),
    ],
    "company": [
        ("Penyaluran kerja bagi klien pemasyarakatan", [("Akses permodalan dan penyaluran kerja", T.KLIEN)]),
        ("Tanggung jawab sosial perusahaan untuk unit produksi warga binaan",
         [("Kegiatan produksi dan kewirausahaan", INMATES)]),
        ("Pelatihan las dan perbengkelan bagi warga binaan", [("Pelatihan keterampilan", INMATES)]),
    ],
    "technology": [
        ("Dukungan jaringan dan aplikasi layanan kunjungan daring", [("Teknologi dan sistem informasi", T.PETUGAS)]),
        ("Pelatihan keterampilan digital bagi warga binaan", [("Pelatihan keterampilan", INMATES)]),
    ],
    "social": [
        ("Pemberdayaan ekonomi keluarga warga binaan", [("Kegiatan produksi dan kewirausahaan", T.KELUARGA)]),
        ("Pendampingan reintegrasi sosial klien pemasyarakatan", [("Reintegrasi sosial", T.KLIEN)]),
    ],
}  # fmt: skip
# A Rupbasan holds seized goods, not people: its agreements are about the goods and its staff.
RUPBASAN_TOPICS = [
    ("Penilaian dan pemeliharaan benda sitaan negara", []),
    ("Peningkatan kompetensi petugas pengelola benda sitaan", [("Pelatihan petugas", T.PETUGAS)]),
]
SIGNATORY_POSITIONS = {
    "bank": "Direktur Utama",
    "university": "Rektor",
    "pesantren": "Pengasuh",
    "blk": "Kepala Balai",
    "health": "Kepala Dinas",
    "civil_registry": "Kepala Dinas",
    "legal_aid": "Direktur",
    "narcotics": "Kepala",
    "company": "Direktur Utama",
    "technology": "Direktur Utama",
    "social": "Ketua",
}
TERMINATION_REASONS = [
    "Mitra mengalami restrukturisasi organisasi sehingga program tidak dapat dilanjutkan.",
    "Para pihak sepakat mengakhiri lebih awal karena program dialihkan ke perjanjian tingkat Kantor Wilayah.",
    "Anggaran mitra untuk program ini dihentikan.",
    "Mitra tidak lagi memenuhi persyaratan sebagai penyelenggara pelatihan.",
]

# The nine strategic partners of the 1 July 2025 signing. The source names only their sectors (perbankan,
# pendidikan, teknologi, lembaga sosial); names, kinds, subjects and programs are invented.
CEREMONY = [
    ("Bank Contoh Nusantara", Sector.PERBANKAN_KEUANGAN, "bank", Agreement.Kind.MOU,
     "Penguatan layanan keuangan bagi warga binaan dan petugas pemasyarakatan",
     [("Tabungan dan rekening warga binaan", T.NARAPIDANA), ("Literasi keuangan", T.NARAPIDANA),
      ("Transaksi nontunai", T.PETUGAS)]),
    ("Bank Rakyat Contoh", Sector.PERBANKAN_KEUANGAN, "bank", Agreement.Kind.PKS,
     "Literasi keuangan dan akses permodalan bagi warga binaan menjelang bebas",
     [("Literasi keuangan", T.NARAPIDANA), ("Akses permodalan dan penyaluran kerja", T.KLIEN)]),
    ("Bank Syariah Contoh Indonesia", Sector.PERBANKAN_KEUANGAN, "bank", Agreement.Kind.MOU,
     "Layanan perbankan syariah dan transaksi nontunai di lingkungan pemasyarakatan",
     [("Transaksi nontunai", T.NARAPIDANA), ("Tabungan dan rekening warga binaan", T.TAHANAN)]),
    ("Universitas Contoh Nasional", Sector.PENDIDIKAN, "university", Agreement.Kind.MOU,
     "Peningkatan kapasitas SDM pemasyarakatan melalui pendidikan lanjut dan pelatihan petugas",
     [("Pendidikan lanjut petugas", T.PETUGAS), ("Pelatihan petugas", T.PETUGAS)]),
    ("Politeknik Contoh Indonesia", Sector.PENDIDIKAN, "university", Agreement.Kind.PKS,
     "Pembinaan keterampilan kerja bersertifikat bagi warga binaan",
     [("Pelatihan keterampilan", T.NARAPIDANA), ("Kegiatan produksi dan kewirausahaan", T.NARAPIDANA)]),
    ("PT Teknologi Contoh Digital", Sector.TEKNOLOGI, "technology", Agreement.Kind.MOU,
     "Digitalisasi layanan pemasyarakatan",
     [("Teknologi dan sistem informasi", T.PETUGAS)]),
    ("PT Data Contoh Nusantara", Sector.TEKNOLOGI, "technology", Agreement.Kind.PKS,
     "Pelatihan keterampilan digital bagi warga binaan dan petugas",
     [("Pelatihan keterampilan", T.NARAPIDANA), ("Pelatihan petugas", T.PETUGAS)]),
    ("Yayasan Contoh Peduli Warga Binaan", Sector.SOSIAL_KEAGAMAAN, "social", Agreement.Kind.MOU,
     "Pemberdayaan sosial-ekonomi dan reintegrasi sosial warga binaan",
     [("Reintegrasi sosial", T.KLIEN), ("Akses permodalan dan penyaluran kerja", T.KLIEN)]),
    ("Lembaga Amil Zakat Contoh", Sector.SOSIAL_KEAGAMAAN, "social", Agreement.Kind.PKS,
     "Pemberdayaan ekonomi keluarga warga binaan",
     [("Kegiatan produksi dan kewirausahaan", T.KELUARGA), ("Reintegrasi sosial", T.KLIEN)]),
]  # fmt: skip
CEREMONY_NOTES = (
    "Penandatanganan nota kesepahaman dan perjanjian kerja sama antara Direktorat Jenderal Pemasyarakatan "
    "dan sembilan mitra strategis dari sektor perbankan, pendidikan, teknologi, dan lembaga sosial, "
    "dilaksanakan secara virtual dengan sambutan Direktur Jenderal Pemasyarakatan Mashudi. Diikuti secara "
    "daring oleh seluruh jajaran Unit Pelaksana Teknis Pemasyarakatan se-Indonesia, termasuk Rutan Kelas IIB "
    "Kudus (Kepala Rutan Anda Tuning beserta jajaran, dari aula Rutan Kudus). "
    "Nomor, penanda tangan, jenis naskah, dan tanggal berakhir: data contoh; sumber tidak menyebutkannya."
)
# Sample partners: national ones, then per province and per regency ({province}, {place}, {regency} filled in).
NATIONAL_PARTNERS = [
    ("Badan Narkotika Nasional", Sector.KEMENTERIAN_LEMBAGA, "narcotics"),
    ("PT Karya Contoh (Persero)", Sector.BUMN_SWASTA, "company"),
    ("PT Energi Contoh (Persero)", Sector.BUMN_SWASTA, "company"),
    ("PT Pangan Contoh Sejahtera", Sector.BUMN_SWASTA, "company"),
]
PROVINCE_PARTNERS = [
    ("Bank Daerah Contoh {province}", Sector.PERBANKAN_KEUANGAN, "bank"),
    ("Universitas Contoh {place}", Sector.PENDIDIKAN, "university"),
    ("Lembaga Bantuan Hukum Contoh {province}", Sector.LAINNYA, "legal_aid"),
]
REGENCY_PARTNERS = [
    ("Pondok Pesantren Contoh Al-Hikmah {place}", Sector.SOSIAL_KEAGAMAAN, "pesantren"),
    ("Balai Latihan Kerja {regency}", Sector.PEMERINTAH_DAERAH, "blk"),
    ("Dinas Kesehatan {regency}", Sector.PEMERINTAH_DAERAH, "health"),
    ("Dinas Kependudukan dan Pencatatan Sipil {regency}", Sector.PEMERINTAH_DAERAH, "civil_registry"),
]
# Each ceremony bank also has a few branches, so UPT follow-ups can be signed with the branch near them.
CEREMONY_BRANCH_REGENCIES = [("Jawa Tengah", "Kabupaten Kudus"), ("Jawa Timur", "Kota Malang")]

STATUS_WEIGHTS = {
    Status.DRAFT: 8,
    Status.NOT_YET_IN_FORCE: 5,
    Status.IN_FORCE: 42,
    Status.ENDING_SOON: 10,
    Status.ENDED: 28,
    Status.TERMINATED: 7,
}
PROGRAM_NOTE = sample("Target peserta dan periode program")
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def term_end(start, years):
    """The last day of a term of `years` years starting on `start`."""
    return add_years(start, years) - timedelta(days=1)


@dataclass
class Plan:
    """One agreement to insert, with its parties and programs, before it has a primary key."""

    agreement: Agreement
    topic: str
    partners: list = field(default_factory=list)
    party_signatories: list = field(default_factory=list)
    party_numbers: list = field(default_factory=list)
    programs: list = field(default_factory=list)  # (Program, target group, participants, notes)


class Builder:
    def __init__(self, today):
        self.today = today
        self.soon_days = settings.SINERGI_ENDING_SOON_DAYS
        self.rng = random.Random(SEED)
        self.number_seq = 0
        self.party_seq = 0
        self.codes = {}
        self.units = {}
        self.users = {}
        self.partners = {}
        self.partner_kind = {}
        self.programs = {}
        self.operators = {}

    # Units and accounts

    def unit(self, name, **fields):
        """The existing unit of this name, or a new one; the demo never overwrites what someone typed in."""
        existing = Unit.objects.filter(name=name).first()
        if existing is not None:
            self.units[name] = existing
            return existing
        unit = Unit(name=name, **fields)
        unit.full_clean()
        unit.save()
        self.units[name] = unit
        return unit

    def person(self):
        return sample(f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}")

    def build_units(self):
        ditjenpas = self.unit(
            DITJENPAS,
            kind=Kind.DITJENPAS,
            province="DKI Jakarta",
            regency="Kota Administrasi Jakarta Pusat",
            address=sample("Jl. Veteran No. 11, Jakarta Pusat"),
            head_name="Mashudi",
            head_title="Direktur Jenderal Pemasyarakatan",
        )
        self.codes[ditjenpas.pk] = "PAS"
        for province, seat, code, upts in REGIONS:
            kanwil = self.unit(
                kanwil_name(province),
                kind=Kind.KANWIL,
                parent=ditjenpas,
                province=province,
                regency=seat,
                address=sample(f"Jl. Contoh No. {code}, {short_place(seat)}"),
                head_name=self.person(),
                head_title=HEAD_TITLES[Kind.KANWIL],
            )
            self.codes[kanwil.pk] = f"W.{code}.PAS"
            for index, (kind, grade, name, regency, *parent_name) in enumerate(upts, start=1):
                fields = {
                    "kind": kind,
                    "grade": grade,
                    "parent": self.units[parent_name[0]] if parent_name else kanwil,
                    "province": province,
                    "regency": regency,
                    "address": sample(f"Jl. Pemasyarakatan No. {index}, {short_place(regency)}"),
                    "head_name": self.person(),
                    "head_title": HEAD_TITLES[kind],
                }
                # The heads of these two Rutan are named in the sources.
                if name == BLORA:
                    fields.update(head_name="Budi Hardiono", head_title="Kepala Rutan")
                elif name == KUDUS:
                    fields.update(head_name="Anda Tuning", head_title="Kepala Rutan")
                unit = self.unit(name, **fields)
                self.codes[unit.pk] = f"W.{code}.PAS.PAS.{index}"

    def build_users(self):
        # One hash for every demo account: hashing is deliberately slow and the password is the same anyway.
        password = make_password(PASSWORD)
        accounts = [
            ("operator.blora", BLORA, User.Role.OPERATOR, "Operator", "Rutan Blora", ""),
            ("kepala.blora", BLORA, User.Role.KEPALA, "Budi", "Hardiono", "Kepala Rutan Kelas IIB Blora"),
            ("operator.kudus", KUDUS, User.Role.OPERATOR, "Operator", "Rutan Kudus", ""),
            ("kepala.kudus", KUDUS, User.Role.KEPALA, "Anda", "Tuning", "Kepala Rutan Kelas IIB Kudus"),
            ("kanwil.jateng", kanwil_name("Jawa Tengah"), User.Role.OPERATOR, "Operator", "Kanwil Jawa Tengah", ""),
            ("pusat", DITJENPAS, User.Role.OPERATOR, "Operator", "Ditjenpas", ""),
            ("admin", None, User.Role.ADMINISTRATOR, "Administrator", "Sinergi", ""),
        ]
        for username, unit_name, role, first_name, last_name, position in accounts:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create(
                    username=username,
                    password=password,
                    unit=self.units[unit_name] if unit_name else None,
                    role=role,
                    first_name=first_name,
                    last_name=last_name,
                    position=position,
                    email=f"{username}@contoh.invalid",
                    is_superuser=role == User.Role.ADMINISTRATOR,
                )
                # The admin is for administrators, and for Ditjenpas's operators the program catalogue in it.
                user.is_staff = user.is_administrator or user.can_manage_catalogue
                user.save(update_fields=["is_staff"])
            self.users[username] = user
        self.operators = {u.unit_id: u for u in self.users.values() if u.role == User.Role.OPERATOR and u.unit_id}

    # Partners

    def build_partners(self):
        kemenag = self.real_partner(
            KEMENAG, short_name="Kemenag", sector=Sector.KEMENTERIAN_LEMBAGA, level=Level.NASIONAL
        )
        kemenag_blora = self.real_partner(
            KEMENAG_BLORA,
            short_name="Kemenag Blora",
            sector=Sector.KEMENTERIAN_LEMBAGA,
            level=Level.KABUPATEN_KOTA,
            regency="Kabupaten Blora",
            province="Jawa Tengah",
            parent=kemenag,
        )
        if not kemenag_blora.contacts.filter(name="Roziqun").exists():
            Contact.objects.create(
                partner=kemenag_blora, name="Roziqun", position="Kepala Kantor Kementerian Agama Kabupaten Blora"
            )

        # Built in waves: a branch needs its head office's primary key.
        heads, branches = [], []
        for name, sector, kind, *_ in CEREMONY:
            heads.append(self.sample_partner(name, sector, Level.NASIONAL, kind))
        for name, sector, kind in NATIONAL_PARTNERS:
            heads.append(self.sample_partner(name, sector, Level.NASIONAL, kind))
        for province, regencies in PARTNER_REGENCIES.items():
            seat = next(region[1] for region in REGIONS if region[0] == province)
            for template, sector, kind in PROVINCE_PARTNERS:
                name = template.format(province=province, place=short_place(seat))
                heads.append(self.sample_partner(name, sector, Level.PROVINSI, kind, province, seat))
            for regency in regencies:
                for template, sector, kind in REGENCY_PARTNERS:
                    if kind == "civil_registry" and province != "Jawa Tengah":
                        continue
                    name = template.format(regency=regency, place=short_place(regency))
                    heads.append(self.sample_partner(name, sector, Level.KABUPATEN_KOTA, kind, province, regency))
        self.insert_partners(heads)

        bnn = self.partners[sample("Badan Narkotika Nasional")]
        for province, regencies in PARTNER_REGENCIES.items():
            bank = self.partners[sample(f"Bank Daerah Contoh {province}")]
            for regency in regencies:
                name = f"{bank.name.removesuffix(' ' + SAMPLE)} Cabang {short_place(regency)}"
                branches.append(
                    self.sample_partner(name, bank.sector, Level.KABUPATEN_KOTA, "bank", province, regency, bank)
                )
            name = f"Badan Narkotika Nasional Provinsi {province}"
            branches.append(self.sample_partner(name, bnn.sector, Level.PROVINSI, "narcotics", province, "", bnn))
        for name, _sector, kind, *_ in CEREMONY[:3]:
            bank = self.partners[sample(name)]
            for province, regency in CEREMONY_BRANCH_REGENCIES:
                branch = f"{name} Cabang {short_place(regency)}"
                branches.append(
                    self.sample_partner(branch, bank.sector, Level.KABUPATEN_KOTA, kind, province, regency, bank)
                )
        self.insert_partners(branches)

        contacts = []
        for partner in heads + branches:
            if partner.pk and self.rng.random() < 0.5:
                position = self.signatory_position(partner)
                contacts.append(Contact(partner=partner, name=self.person(), position=sample(f"Staf {position}")))
        bulk_create_with_history(contacts, Contact, default_user=self.users["admin"])

    def real_partner(self, name, **fields):
        partner = Partner.objects.similar_to(name).first()
        if partner is None:
            partner = Partner.objects.create(name=name, **fields)
        self.partners[name] = partner
        return partner

    def sample_partner(self, name, sector, level, kind, province="", regency="", parent=None):
        partner = Partner(
            name=sample(name),
            sector=sector,
            level=level,
            province=province,
            regency=regency,
            parent=parent,
            address=sample(f"Jl. Kemitraan No. {self.rng.randint(1, 200)}, {short_place(regency)}") if regency else "",
        )
        partner.name_key = name_key(partner.name)  # bulk_create skips Partner.save(), which sets it
        partner._demo_kind = kind
        return partner

    def insert_partners(self, partners):
        existing = dict(
            Partner.objects.filter(name_key__in=[p.name_key for p in partners]).values_list("name_key", "pk")
        )
        new = [p for p in partners if p.name_key not in existing]
        bulk_create_with_history(new, Partner, default_user=self.users["admin"])
        for partner in partners:
            kind = partner._demo_kind
            if partner.pk is None:
                partner = Partner.objects.get(pk=existing[partner.name_key])
            self.partners[partner.name] = partner
            self.partner_kind[partner.pk] = kind

    # Agreements

    def load_programs(self):
        self.programs = {p.name: p for p in Program.objects.all()}
        needed = {name for *_, programs in CEREMONY for name, _ in programs}
        needed |= {"Bimbingan keagamaan", "Pelatihan rohani", "Pendampingan moral"}
        needed |= {name for topics in TOPICS.values() for _, programs in topics for name, _ in programs}
        missing = needed - self.programs.keys()
        if missing:
            raise LookupError(
                "Katalog program tidak lengkap (jalankan migrate terlebih dahulu); tidak ditemukan: "
                + ", ".join(sorted(missing))
            )

    def our_number(self, unit, signed_on):
        self.number_seq += 1
        return sample(f"{self.codes.get(unit.pk, 'PAS')}-HM.05.02-{self.number_seq:03d} Tahun {signed_on.year}")

    def party_number(self, signed_on):
        self.party_seq += 1
        return sample(f"B-{self.party_seq:04d}/{ROMAN_MONTHS[signed_on.month - 1]}/{signed_on.year}")

    def creator(self, unit):
        """The demo operator of the unit records its agreements; the administrator those of the other units."""
        return self.operators.get(unit.pk, self.users["admin"])

    def real_cases(self):
        """The Blora PKS (and the 2022 agreement it continues), the nine ceremony agreements and Kudus's draft."""
        blora, kudus, ditjenpas = self.units[BLORA], self.units[KUDUS], self.units[DITJENPAS]
        kemenag_blora = self.partners[KEMENAG_BLORA]
        kemenag_position = "Kepala Kantor Kementerian Agama Kabupaten Blora"

        first = Plan(
            Agreement(
                kind=Agreement.Kind.PKS,
                unit=blora,
                subject=sample("Pembinaan keagamaan bagi warga binaan"),
                number=sample(f"{self.codes[blora.pk]}-UM.01.01-017 Tahun 2022"),
                signed_on=date(2022, 1, 17),
                signed_place="Blora",
                our_signatory_name=self.person(),
                our_signatory_position="Kepala Rutan Kelas IIB Blora",
                ends_on=date(2024, 12, 31),
                scope=sample("Bimbingan keagamaan bagi warga binaan."),
                signing_notes=(
                    "Data contoh. Sumber hanya menyebut bahwa kerja sama Rutan Blora dan Kementerian Agama "
                    "Kabupaten Blora telah terjalin sejak tahun 2022; nomor, tanggal, dan penanda tangan "
                    "perjanjian ini tidak disebutkan."
                ),
            ),
            topic="",
            partners=[kemenag_blora],
            party_signatories=[(self.person(), kemenag_position)],
            party_numbers=[sample("B-017/Kk.11.16/HM.01/01/2022")],
            programs=[
                (self.programs["Bimbingan keagamaan"], T.NARAPIDANA, 40, PROGRAM_NOTE),
            ],
        )
        self.insert([first])

        blora_pks = Plan(
            Agreement(
                kind=Agreement.Kind.PKS,
                unit=blora,
                subject="Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora",
                number=sample(f"{self.codes[blora.pk]}-UM.01.01-101 Tahun 2024"),
                signed_on=BLORA_SIGNED_ON,
                signed_place="Blora",
                our_signatory_name="Budi Hardiono",
                our_signatory_position="Kepala Rutan Kelas IIB Blora",
                starts_on=date(2025, 1, 2),
                ends_on=date(2027, 12, 31),
                renews=first.agreement,
                objectives=(
                    "Memperkuat sinergi antara Rutan Kelas IIB Blora dan Kementerian Agama Kabupaten Blora dalam "
                    "memberikan layanan terbaik, khususnya pembinaan keagamaan bagi warga binaan, serta "
                    "meningkatkan kualitas layanan keagamaan di Rutan Blora."
                ),
                scope=(
                    "Penyediaan layanan bimbingan keagamaan, pelatihan rohani, dan pendampingan moral bagi "
                    "warga binaan Rutan Kelas IIB Blora."
                ),
                signing_notes=(
                    "Ditandatangani oleh Kepala Rutan Kelas IIB Blora, Budi Hardiono, dan Kepala Kantor "
                    "Kementerian Agama Kabupaten Blora, Roziqun; dihadiri jajaran Rutan termasuk Kasubsi "
                    "Pelayanan Tahanan. Melanjutkan kerja sama yang terjalin sejak tahun 2022. Usai "
                    "penandatanganan dibahas implementasi kerja sama yang diharapkan mulai berjalan pada awal "
                    "tahun 2025.\n"
                    "Tanggal mulai dan berakhir: data contoh; sumber hanya menyebut pelaksanaan mulai awal 2025. "
                    "Nomor naskah kedua pihak: data contoh."
                ),
            ),
            topic="",
            partners=[kemenag_blora],
            party_signatories=[("Roziqun", kemenag_position)],
            party_numbers=[sample("B-101/Kk.11.16/HM.01/12/2024")],
            programs=[
                (self.programs["Bimbingan keagamaan"], T.NARAPIDANA, 60, PROGRAM_NOTE),
                (self.programs["Pelatihan rohani"], T.NARAPIDANA, 30, PROGRAM_NOTE),
                (self.programs["Pendampingan moral"], T.TAHANAN, 40, PROGRAM_NOTE),
            ],
        )

        ceremony = []
        for index, (name, _sector, kind, agreement_kind, subject, programs) in enumerate(CEREMONY, start=1):
            years = 5 if agreement_kind == Agreement.Kind.MOU else 3
            ceremony.append(
                Plan(
                    Agreement(
                        kind=agreement_kind,
                        unit=ditjenpas,
                        subject=sample(subject),
                        number=sample(f"PAS-HM.05.01-{index:03d} Tahun 2025"),
                        signed_on=CEREMONY_ON,
                        signed_place="Daring (virtual)",
                        signing_notes=CEREMONY_NOTES,
                        our_signatory_name=self.person(),
                        our_signatory_position=sample("Pejabat penanda tangan Direktorat Jenderal Pemasyarakatan"),
                        ends_on=term_end(CEREMONY_ON, years),
                        scope=sample(subject + " di seluruh Unit Pelaksana Teknis Pemasyarakatan."),
                    ),
                    topic=kind,
                    partners=[self.partners[sample(name)]],
                    party_signatories=[(self.person(), sample(SIGNATORY_POSITIONS[kind]))],
                    party_numbers=[sample(f"NK-{index:03d}/VII/2025")],
                    programs=[
                        (self.programs[program], group, self.rng.randrange(100, 2001, 50), PROGRAM_NOTE)
                        for program, group in programs
                    ],
                )
            )
        self.insert([blora_pks, *ceremony])

        mou = ceremony[0].agreement
        kudus_draft = Plan(
            Agreement(
                kind=Agreement.Kind.PKS,
                unit=kudus,
                parent=mou,
                subject=sample(
                    "Tindak lanjut nota kesepahaman: layanan tabungan dan literasi keuangan bagi warga binaan "
                    "Rutan Kelas IIB Kudus"
                ),
                our_signatory_name="Anda Tuning",
                our_signatory_position="Kepala Rutan Kelas IIB Kudus",
                ends_on=date(2028, 6, 30),
                scope=sample("Pembukaan rekening tabungan dan edukasi literasi keuangan bagi warga binaan."),
                signing_notes=(
                    "Rancangan. Rutan Kelas IIB Kudus menyatakan siap menindaklanjuti kerja sama Ditjenpas dengan "
                    "sembilan mitra strategis (1 Juli 2025) dalam bentuk program nyata. Isi rancangan: data contoh."
                ),
            ),
            topic="bank",
            partners=[self.partners[sample("Bank Contoh Nusantara Cabang Kudus")]],
            party_signatories=[("", "")],
            party_numbers=[""],
            programs=[
                (self.programs["Tabungan dan rekening warga binaan"], T.TAHANAN, 100, PROGRAM_NOTE),
                (self.programs["Literasi keuangan"], T.NARAPIDANA, 80, PROGRAM_NOTE),
            ],
        )
        self.insert([kudus_draft])

    def sample_dates(self, status):
        rng, today = self.rng, self.today
        years = rng.choice((1, 2, 3, 3, 5))
        signed = starts = terminated = None
        if status == Status.DRAFT:
            return {"ends_on": term_end(today + timedelta(days=rng.randint(30, 120)), years)}
        if status == Status.NOT_YET_IN_FORCE:
            signed = today - timedelta(days=rng.randint(0, 45))
            starts = today + timedelta(days=rng.randint(1, 60))
            ends = term_end(starts, years)
        elif status == Status.IN_FORCE:
            ends = today + timedelta(days=self.soon_days + rng.randint(1, 365 * years))
            signed = min(add_years(ends, -years), today - timedelta(days=rng.randint(1, 60)))
        elif status == Status.ENDING_SOON:
            ends = today + timedelta(days=rng.randint(0, self.soon_days))
            signed = min(add_years(ends, -years), today - timedelta(days=1))
        elif status == Status.ENDED:
            ends = today - timedelta(days=rng.randint(1, 4 * 365))
            signed = add_years(ends, -years)
        else:
            signed = today - timedelta(days=rng.randint(200, 4 * 365))
            ends = term_end(signed, years)
            last = min(today, ends) - timedelta(days=1)
            terminated = signed + timedelta(days=rng.randint(30, (last - signed).days))
        # Some agreements name a start a few days after signing; never one that would change the status.
        if status != Status.NOT_YET_IN_FORCE and rng.random() < 0.25:
            candidate = signed + timedelta(days=rng.randint(1, 14))
            if candidate <= min(today, ends):
                starts = candidate
        return {"signed_on": signed, "starts_on": starts, "ends_on": ends, "terminated_on": terminated}

    def partner_pool(self, unit):
        """Partners a sample agreement of `unit` may be signed with: national ones and those of its province."""
        real = {KEMENAG, KEMENAG_BLORA}
        national = [p for n, p in self.partners.items() if p.level == Level.NASIONAL and n not in real]
        if unit.kind == Kind.DITJENPAS:
            return national, national
        regional = [p for n, p in self.partners.items() if p.province == unit.province and n not in real]
        if unit.kind == Kind.KANWIL:
            regional = [p for p in regional if p.level == Level.PROVINSI] or regional
        else:
            nearby = [p for p in regional if p.regency in ("", unit.regency) or p.level == Level.PROVINSI]
            regional = nearby or regional
        return regional or national, national

    def sample_plan(self, unit, status, kind):
        rng = self.rng
        regional, national = self.partner_pool(unit)
        primary = rng.choice(national if rng.random() < 0.25 else regional)
        if unit.kind == Kind.RUPBASAN:
            # Valuing and keeping seized goods is work for universities and companies, not a pesantren.
            fitting = [p for p in regional + national if self.partner_kind[p.pk] in ("university", "company")]
            primary = rng.choice(fitting)
        topic = self.partner_kind[primary.pk]
        subject, programs = rng.choice(RUPBASAN_TOPICS if unit.kind == Kind.RUPBASAN else TOPICS[topic])
        partners = [primary]
        for _ in range(rng.choices((0, 1, 2), weights=(75, 20, 5))[0]):
            extra = rng.choice(regional + national)
            if extra not in partners:
                partners.append(extra)
        dates = self.sample_dates(status)
        agreement = Agreement(
            kind=kind,
            unit=unit,
            subject=sample(self.where(subject, unit)),
            scope=sample(subject + "."),
            termination_reason=sample(rng.choice(TERMINATION_REASONS)) if dates.get("terminated_on") else "",
            **dates,
        )
        return self.fill(Plan(agreement, topic, partners, programs=self.sample_programs(unit, programs)))

    def fill(self, plan):
        """Numbers and signatories, which every signed agreement has and a draft may still lack."""
        agreement, unit = plan.agreement, plan.agreement.unit
        signed = agreement.signed_on is not None
        if signed and agreement.signed_on in (BLORA_SIGNED_ON, CEREMONY_ON):
            # Those two days belong to the real cases; a sample signed then would blur them in searches.
            agreement.signed_on -= timedelta(days=1)
        if signed:
            agreement.number = self.our_number(unit, agreement.signed_on)
            agreement.signed_place = short_place(unit.regency) if unit.regency else "Jakarta"
            sample_head = SAMPLE in unit.head_name and unit.kind != Kind.DITJENPAS
            agreement.our_signatory_name = unit.head_name if sample_head else self.person()
            agreement.our_signatory_position = (
                f"Kepala {unit.name}" if unit.kind != Kind.DITJENPAS else sample("Pejabat Ditjenpas")
            )
        for partner in plan.partners:
            position = self.signatory_position(partner)
            plan.party_signatories.append((self.person(), sample(position)) if signed else ("", ""))
            plan.party_numbers.append(self.party_number(agreement.signed_on) if signed else "")
        return plan

    def signatory_position(self, partner):
        kind = self.partner_kind[partner.pk]
        if kind == "bank" and partner.parent_id:
            return "Pemimpin Cabang"
        return SIGNATORY_POSITIONS[kind]

    @staticmethod
    def where(subject, unit):
        """Where a sample agreement applies: a UPT by name, a Kanwil by its region, Ditjenpas everywhere."""
        if unit.kind == Kind.DITJENPAS:
            return subject
        if unit.kind == Kind.KANWIL:
            return f"{subject} di wilayah {unit.province}"
        return f"{subject} di {unit.name}"

    def sample_programs(self, unit, programs):
        inmates = {
            Kind.LPKA: T.ANAK_BINAAN,
            Kind.BAPAS: T.KLIEN,
            Kind.RUTAN: T.TAHANAN,
            Kind.CABANG_RUTAN: T.TAHANAN,
        }.get(unit.kind, T.NARAPIDANA)
        rows, seen = [], set()
        for name, group in programs:
            group = group or inmates
            if (name, group) not in seen:
                seen.add((name, group))
                rows.append((self.programs[name], group, self.rng.randrange(10, 201, 5), PROGRAM_NOTE))
        return rows

    def sample_agreements(self):
        rng = self.rng
        ditjenpas = self.units[DITJENPAS]
        slots = []
        for unit in self.units.values():
            if unit.kind == Kind.DITJENPAS:
                count, mou_share = 10, 0.6
            elif unit.kind == Kind.KANWIL:
                count, mou_share = rng.randint(4, 7), 0.6
            else:
                count, mou_share = rng.randint(6, 12), 0.15
            for _ in range(count):
                kind = Agreement.Kind.MOU if rng.random() < mou_share else Agreement.Kind.PKS
                slots.append((unit, kind))
        statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=len(slots))
        # Every status must show up whatever the dice say: the lists and filters are demonstrated with them.
        for position, status in zip(rng.sample(range(len(slots)), len(Status)), Status, strict=True):
            statuses[position] = status
        primary = [self.sample_plan(unit, status, kind) for (unit, kind), status in zip(slots, statuses, strict=True)]
        self.insert(primary)

        def current(plan):
            return plan.agreement.status_on(self.today)

        derived = []
        # PKS signed by a UPT under an MoU of its Kanwil or of Ditjenpas.
        umbrellas = [
            p
            for p in primary
            if p.agreement.kind == Agreement.Kind.MOU
            and p.agreement.unit.kind in (Kind.KANWIL, Kind.DITJENPAS)
            and current(p) in (Status.IN_FORCE, Status.ENDING_SOON, Status.ENDED)
        ]
        upts = [u for u in self.units.values() if u.kind not in (Kind.DITJENPAS, Kind.KANWIL, Kind.RUPBASAN)]
        for mou in rng.sample(umbrellas, min(12, len(umbrellas))):
            parent = mou.agreement
            below = [u for u in upts if parent.unit == ditjenpas or u.parent_id == parent.unit_id]
            lo = parent.effective_start + timedelta(days=14)
            hi = min(self.today, parent.ends_on - timedelta(days=30))
            if not below or hi < lo:
                continue
            unit = rng.choice(below)
            signed = lo + timedelta(days=rng.randint(0, min((hi - lo).days, 365)))
            partner = mou.partners[0]
            local = [b for b in self.partners.values() if b.parent_id == partner.pk and b.province == unit.province]
            subject, programs = rng.choice(TOPICS[mou.topic])
            agreement = Agreement(
                kind=Agreement.Kind.PKS,
                unit=unit,
                parent=parent,
                subject=sample("Tindak lanjut nota kesepahaman: " + self.where(subject[0].lower() + subject[1:], unit)),
                scope=sample(subject + "."),
                signed_on=signed,
                ends_on=min(parent.ends_on, term_end(signed, 2)),
            )
            plan = Plan(agreement, mou.topic, [local[0] if local else partner])
            plan.programs = self.sample_programs(unit, programs)
            derived.append(self.fill(plan))

        # Addenda extending a PKS still in force by a year.
        extendable = [
            p
            for p in primary
            if p.agreement.kind == Agreement.Kind.PKS
            and current(p) in (Status.IN_FORCE, Status.ENDING_SOON)
            and p.agreement.signed_on <= self.today - timedelta(days=90)
        ]
        for original in rng.sample(extendable, min(8, len(extendable))):
            parent = original.agreement
            span = (self.today - parent.signed_on).days - 1
            signed = parent.signed_on + timedelta(days=rng.randint(60, span))
            agreement = Agreement(
                kind=Agreement.Kind.ADENDUM,
                unit=parent.unit,
                parent=parent,
                subject=sample(f"Adendum perpanjangan jangka waktu: {parent.subject.removesuffix(' ' + SAMPLE)}"),
                scope=sample("Perpanjangan jangka waktu perjanjian selama satu tahun; ketentuan lain tetap berlaku."),
                signed_on=signed,
                ends_on=add_years(parent.ends_on, 1),
            )
            derived.append(self.fill(Plan(agreement, original.topic, original.partners[:1])))

        # Renewals of agreements that ended in the last two years, starting the day after the old one ended.
        renewable = [
            p for p in primary if current(p) == Status.ENDED and p.agreement.ends_on >= self.today - timedelta(days=700)
        ]
        for old in rng.sample(renewable, min(10, len(renewable))):
            previous = old.agreement
            starts = previous.ends_on + timedelta(days=1)
            signed = max(previous.signed_on, previous.ends_on - timedelta(days=rng.randint(0, 30)))
            agreement = Agreement(
                kind=previous.kind,
                unit=previous.unit,
                renews=previous,
                subject=sample(f"Perpanjangan: {previous.subject.removesuffix(' ' + SAMPLE)}"),
                scope=previous.scope,
                signed_on=signed,
                starts_on=starts,
                ends_on=term_end(starts, 3),
            )
            plan = Plan(agreement, old.topic, list(old.partners))
            plan.programs = [(program, group, count, notes) for program, group, count, notes in old.programs]
            derived.append(self.fill(plan))
        self.insert(derived)

    def insert(self, plans):
        agreements = []
        for plan in plans:
            agreement = plan.agreement
            agreement.clean()
            agreement.created_by = self.creator(agreement.unit)
            agreement._history_user = agreement.created_by
            agreements.append(agreement)
        bulk_create_with_history(agreements, Agreement, default_user=self.users["admin"])
        parties, programs = [], []
        for plan in plans:
            for order, (partner, (name, position), number) in enumerate(
                zip(plan.partners, plan.party_signatories, plan.party_numbers, strict=True)
            ):
                parties.append(
                    AgreementParty(
                        agreement=plan.agreement,
                        partner=partner,
                        number=number,
                        signatory_name=name,
                        signatory_position=position,
                        order=order,
                    )
                )
            for program, group, participants, notes in plan.programs:
                row = AgreementProgram(
                    agreement=plan.agreement,
                    program=program,
                    target_group=group,
                    target_participants=participants,
                    starts_on=plan.agreement.effective_start,
                    ends_on=plan.agreement.ends_on,
                    notes=notes,
                )
                row.clean()
                programs.append(row)
        bulk_create_with_history(parties, AgreementParty, default_user=self.users["admin"])
        bulk_create_with_history(programs, AgreementProgram, default_user=self.users["admin"])


def already_loaded():
    return Agreement.objects.filter(unit__name=BLORA, kind=Agreement.Kind.PKS, signed_on=BLORA_SIGNED_ON).exists()


def load(today=None, stdout=None):
    """Load the demo data unless it is already there. Returns a summary dict, or None when nothing was done.

    `today` anchors the sample agreements' dates so every status shows up on that day; the two real cases keep
    their own dates. `stdout`, when given, receives a short report in Indonesian.
    """
    started = time.monotonic()
    today = today or timezone.localdate()
    if already_loaded():
        # Demo data loaded before activities could be recorded gets its activities once.
        added = 0 if Activity.objects.exists() else load_activities(today)
        if stdout is not None:
            stdout.write(
                "Data demo sudah ada (PKS Rutan Kelas IIB Blora tanggal 30 Desember 2024 ditemukan); "
                + (f"hanya {added} kegiatan contoh yang ditambahkan." if added else "tidak ada yang diubah.")
            )
        return None
    with transaction.atomic():
        builder = Builder(today)
        builder.load_programs()
        builder.build_units()
        builder.build_users()
        builder.build_partners()
        builder.real_cases()
        builder.sample_agreements()
        load_activities(today)
    summary = summarize(today)
    summary["seconds"] = time.monotonic() - started
    if stdout is not None:
        report(summary, stdout)
    return summary


def summarize(today):
    by_status = dict(
        Agreement.objects.with_status(today).values_list("current_status").annotate(n=Count("pk")).order_by()
    )
    return {
        "units": Unit.objects.count(),
        "users": User.objects.count(),
        "partners": Partner.objects.count(),
        "agreements": Agreement.objects.count(),
        "activities": Activity.objects.count(),
        "dormant": Agreement.objects.dormant(today).count(),
        "by_status": {status: by_status.get(status.value, 0) for status in Status},
    }


def report(summary, stdout):
    seconds = f"{summary['seconds']:.1f}".replace(".", ",")
    stdout.write(
        f"Data demo dimuat dalam {seconds} detik: {summary['units']} unit, {summary['users']} akun, "
        f"{summary['partners']} mitra, {summary['agreements']} perjanjian, {summary['activities']} kegiatan "
        f"({summary['dormant']} perjanjian berlaku tanpa kegiatan baru-baru ini)."
    )
    stdout.write(
        "Status perjanjian: " + ", ".join(f"{status.label} {n}" for status, n in summary["by_status"].items()) + "."
    )
    stdout.write(f"Semua akun demo memakai kata sandi “{PASSWORD}”.")
