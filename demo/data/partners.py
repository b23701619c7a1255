"""Partners as the demo builds them: the two real Kemenag offices and the sample directory around them.

Each sample partner carries a "kind" (bank, university, pesantren...) that decides what its agreements are about
(`demo.data.agreements.TOPICS`) and who signs for it.
"""

from partners.models import Partner

Sector = Partner.Sector
Level = Partner.Level

KEMENAG = "Kementerian Agama"
KEMENAG_BLORA = "Kantor Kementerian Agama Kabupaten Blora"
REAL_PARTNERS = {KEMENAG, KEMENAG_BLORA}
KEMENAG_FIELDS = {"short_name": "Kemenag", "sector": Sector.KEMENTERIAN_LEMBAGA, "level": Level.NASIONAL}
# Its head office is KEMENAG.
KEMENAG_BLORA_FIELDS = {
    "short_name": "Kemenag Blora",
    "sector": Sector.KEMENTERIAN_LEMBAGA,
    "level": Level.KABUPATEN_KOTA,
    "regency": "Kabupaten Blora",
    "province": "Jawa Tengah",
}
# Named in the source as the one who signed the Blora PKS: (name, position).
KEMENAG_BLORA_HEAD = ("Roziqun", "Kepala Kantor Kementerian Agama Kabupaten Blora")

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
BRANCH_SIGNATORY_POSITION = "Pemimpin Cabang"  # who signs for a bank's branch office

BNN = "Badan Narkotika Nasional"
REGIONAL_BANK = "Bank Daerah Contoh {province}"
# Sample partners: national ones, then per province and per regency ({province}, {place}, {regency} filled in).
NATIONAL_PARTNERS = [
    (BNN, Sector.KEMENTERIAN_LEMBAGA, "narcotics"),
    ("PT Karya Contoh (Persero)", Sector.BUMN_SWASTA, "company"),
    ("PT Energi Contoh (Persero)", Sector.BUMN_SWASTA, "company"),
    ("PT Pangan Contoh Sejahtera", Sector.BUMN_SWASTA, "company"),
]
PROVINCE_PARTNERS = [
    (REGIONAL_BANK, Sector.PERBANKAN_KEUANGAN, "bank"),
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
# Branch offices: of every regional bank in each of its province's regencies, and of BNN in each province.
BRANCH = "{head} Cabang {place}"
BNN_PROVINCE = "Badan Narkotika Nasional Provinsi {province}"
PARTNER_ADDRESS = "Jl. Kemitraan No. {number}, {place}"
