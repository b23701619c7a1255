"""Agreements as the demo builds them: the real cases as reported, and what sample agreements are made of.

Only what the sources state is written as fact; what they leave out is sample data and says so.
"""

from datetime import date

from agreements.models import Agreement, Status
from demo.common import sample
from partners.models import Partner
from programs.models import TargetGroup

Sector = Partner.Sector
T = TargetGroup
MOU, PKS = Agreement.Kind.MOU, Agreement.Kind.PKS

BLORA_SIGNED_ON = date(2024, 12, 30)
CEREMONY_ON = date(2025, 7, 1)
PROGRAM_NOTE = sample("Target peserta dan periode program")

# ----- The Blora PKS of 30 Desember 2024 and the 2022 agreement it continues -------------------------------------
# Numbers are written with {code}, the unit's code in letter numbers; programs as (program, target group, target).

# The source says only that the cooperation goes back to 2022: everything about this agreement is sample data,
# and an invented person signs for each side.
BLORA_2022 = {
    "kind": PKS,
    "subject": sample("Pembinaan keagamaan bagi warga binaan"),
    "signed_on": date(2022, 1, 17),
    "signed_place": "Blora",
    "our_signatory_position": "Kepala Rutan Kelas IIB Blora",
    "ends_on": date(2024, 12, 31),
    "scope": sample("Bimbingan keagamaan bagi warga binaan."),
    "signing_notes": (
        "Data contoh. Sumber hanya menyebut bahwa kerja sama Rutan Blora dan Kementerian Agama "
        "Kabupaten Blora telah terjalin sejak tahun 2022; nomor, tanggal, dan penanda tangan "
        "perjanjian ini tidak disebutkan."
    ),
}
BLORA_2022_NUMBER = sample("{code}-UM.01.01-017 Tahun 2022")
BLORA_2022_PARTY_NUMBER = sample("B-017/Kk.11.16/HM.01/01/2022")
BLORA_2022_PROGRAMS = [("Bimbingan keagamaan", T.NARAPIDANA, 40)]

BLORA_PKS = {
    "kind": PKS,
    "subject": "Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora",
    "signed_on": BLORA_SIGNED_ON,
    "signed_place": "Blora",
    "our_signatory_name": "Budi Hardiono",
    "our_signatory_position": "Kepala Rutan Kelas IIB Blora",
    "starts_on": date(2025, 1, 2),
    "ends_on": date(2027, 12, 31),
    "objectives": (
        "Memperkuat sinergi antara Rutan Kelas IIB Blora dan Kementerian Agama Kabupaten Blora dalam "
        "memberikan layanan terbaik, khususnya pembinaan keagamaan bagi warga binaan, serta "
        "meningkatkan kualitas layanan keagamaan di Rutan Blora."
    ),
    "scope": (
        "Penyediaan layanan bimbingan keagamaan, pelatihan rohani, dan pendampingan moral bagi "
        "warga binaan Rutan Kelas IIB Blora."
    ),
    "signing_notes": (
        "Ditandatangani oleh Kepala Rutan Kelas IIB Blora, Budi Hardiono, dan Kepala Kantor "
        "Kementerian Agama Kabupaten Blora, Roziqun; dihadiri jajaran Rutan termasuk Kasubsi "
        "Pelayanan Tahanan. Melanjutkan kerja sama yang terjalin sejak tahun 2022. Usai "
        "penandatanganan dibahas implementasi kerja sama yang diharapkan mulai berjalan pada awal "
        "tahun 2025.\n"
        "Tanggal mulai dan berakhir: data contoh; sumber hanya menyebut pelaksanaan mulai awal 2025. "
        "Nomor naskah kedua pihak: data contoh."
    ),
}
BLORA_PKS_NUMBER = sample("{code}-UM.01.01-101 Tahun 2024")
BLORA_PKS_PARTY_NUMBER = sample("B-101/Kk.11.16/HM.01/12/2024")
BLORA_PKS_PROGRAMS = [
    ("Bimbingan keagamaan", T.NARAPIDANA, 60),
    ("Pelatihan rohani", T.NARAPIDANA, 30),
    ("Pendampingan moral", T.TAHANAN, 40),
]

# ----- The signing of 1 Juli 2025 and Kudus's follow-up -----------------------------------------------------------

# The nine strategic partners of the 1 July 2025 signing. The source names only their sectors (perbankan,
# pendidikan, teknologi, lembaga sosial); names, kinds, subjects and programs are invented.
CEREMONY = [
    ("Bank Contoh Nusantara", Sector.PERBANKAN_KEUANGAN, "bank", MOU,
     "Penguatan layanan keuangan bagi warga binaan dan petugas pemasyarakatan",
     [("Tabungan dan rekening warga binaan", T.NARAPIDANA), ("Literasi keuangan", T.NARAPIDANA),
      ("Transaksi nontunai", T.PETUGAS)]),
    ("Bank Rakyat Contoh", Sector.PERBANKAN_KEUANGAN, "bank", PKS,
     "Literasi keuangan dan akses permodalan bagi warga binaan menjelang bebas",
     [("Literasi keuangan", T.NARAPIDANA), ("Akses permodalan dan penyaluran kerja", T.KLIEN)]),
    ("Bank Syariah Contoh Indonesia", Sector.PERBANKAN_KEUANGAN, "bank", MOU,
     "Layanan perbankan syariah dan transaksi nontunai di lingkungan pemasyarakatan",
     [("Transaksi nontunai", T.NARAPIDANA), ("Tabungan dan rekening warga binaan", T.TAHANAN)]),
    ("Universitas Contoh Nasional", Sector.PENDIDIKAN, "university", MOU,
     "Peningkatan kapasitas SDM pemasyarakatan melalui pendidikan lanjut dan pelatihan petugas",
     [("Pendidikan lanjut petugas", T.PETUGAS), ("Pelatihan petugas", T.PETUGAS)]),
    ("Politeknik Contoh Indonesia", Sector.PENDIDIKAN, "university", PKS,
     "Pembinaan keterampilan kerja bersertifikat bagi warga binaan",
     [("Pelatihan keterampilan", T.NARAPIDANA), ("Kegiatan produksi dan kewirausahaan", T.NARAPIDANA)]),
    ("PT Teknologi Contoh Digital", Sector.TEKNOLOGI, "technology", MOU,
     "Digitalisasi layanan pemasyarakatan",
     [("Teknologi dan sistem informasi", T.PETUGAS)]),
    ("PT Data Contoh Nusantara", Sector.TEKNOLOGI, "technology", PKS,
     "Pelatihan keterampilan digital bagi warga binaan dan petugas",
     [("Pelatihan keterampilan", T.NARAPIDANA), ("Pelatihan petugas", T.PETUGAS)]),
    ("Yayasan Contoh Peduli Warga Binaan", Sector.SOSIAL_KEAGAMAAN, "social", MOU,
     "Pemberdayaan sosial-ekonomi dan reintegrasi sosial warga binaan",
     [("Reintegrasi sosial", T.KLIEN), ("Akses permodalan dan penyaluran kerja", T.KLIEN)]),
    ("Lembaga Amil Zakat Contoh", Sector.SOSIAL_KEAGAMAAN, "social", PKS,
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
CEREMONY_YEARS = {MOU: 5, PKS: 3}  # term of each ceremony agreement, by kind
CEREMONY_NUMBER = sample("PAS-HM.05.01-{index:03d} Tahun 2025")
CEREMONY_PARTY_NUMBER = sample("NK-{index:03d}/VII/2025")
CEREMONY_PLACE = "Daring (virtual)"
CEREMONY_SIGNATORY_POSITION = sample("Pejabat penanda tangan Direktorat Jenderal Pemasyarakatan")
CEREMONY_SCOPE = "{subject} di seluruh Unit Pelaksana Teknis Pemasyarakatan."

# Kudus said it was ready to follow the signing up; the draft under the first ceremony MoU is sample data.
KUDUS_DRAFT = {
    "kind": PKS,
    "subject": sample(
        "Tindak lanjut nota kesepahaman: layanan tabungan dan literasi keuangan bagi warga binaan Rutan Kelas IIB Kudus"
    ),
    "our_signatory_name": "Anda Tuning",
    "our_signatory_position": "Kepala Rutan Kelas IIB Kudus",
    "ends_on": date(2028, 6, 30),
    "scope": sample("Pembukaan rekening tabungan dan edukasi literasi keuangan bagi warga binaan."),
    "signing_notes": (
        "Rancangan. Rutan Kelas IIB Kudus menyatakan siap menindaklanjuti kerja sama Ditjenpas dengan "
        "sembilan mitra strategis (1 Juli 2025) dalam bentuk program nyata. Isi rancangan: data contoh."
    ),
}
KUDUS_DRAFT_TOPIC = "bank"
KUDUS_DRAFT_PARTNER = "Bank Contoh Nusantara Cabang Kudus"  # a branch of the first ceremony bank
KUDUS_DRAFT_PROGRAMS = [
    ("Tabungan dan rekening warga binaan", T.TAHANAN, 100),
    ("Literasi keuangan", T.NARAPIDANA, 80),
]

# ----- Sample agreements ------------------------------------------------------------------------------------------

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
TERMINATION_REASONS = [
    "Mitra mengalami restrukturisasi organisasi sehingga program tidak dapat dilanjutkan.",
    "Para pihak sepakat mengakhiri lebih awal karena program dialihkan ke perjanjian tingkat Kantor Wilayah.",
    "Anggaran mitra untuk program ini dihentikan.",
    "Mitra tidak lagi memenuhi persyaratan sebagai penyelenggara pelatihan.",
]

# How often each status comes up among the sample agreements (weights).
STATUS_WEIGHTS = {
    Status.DRAFT: 8,
    Status.NOT_YET_IN_FORCE: 5,
    Status.IN_FORCE: 42,
    Status.ENDING_SOON: 10,
    Status.ENDED: 28,
    Status.TERMINATED: 7,
}
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
