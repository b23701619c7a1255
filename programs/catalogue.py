"""The national program catalogue Sinergi starts with. Ditjenpas maintains it afterwards in the admin."""

CATALOGUE = [
    (
        "Pembinaan kepribadian",
        [
            ("Bimbingan keagamaan", "Ceramah, kajian dan bimbingan ibadah bagi warga binaan."),
            ("Pelatihan rohani", "Pelatihan membaca kitab suci, pesantren kilat dan kegiatan rohani terjadwal."),
            ("Pendampingan moral", "Konseling dan pendampingan perilaku bagi warga binaan."),
            ("Kesadaran berbangsa dan bernegara", "Wawasan kebangsaan, bela negara dan kesadaran hukum."),
            ("Pendidikan dan literasi", "Pendidikan kesetaraan, pemberantasan buta aksara dan perpustakaan."),
        ],
    ),
    (
        "Pembinaan kemandirian",
        [
            ("Pelatihan keterampilan", "Pelatihan kerja bersertifikat: menjahit, las, tata boga, pertanian, dll."),
            ("Kegiatan produksi dan kewirausahaan", "Unit produksi, pemasaran hasil karya dan pelatihan usaha."),
        ],
    ),
    (
        "Layanan keuangan",
        [
            ("Tabungan dan rekening warga binaan", "Pembukaan rekening dan layanan tabungan."),
            ("Literasi keuangan", "Edukasi pengelolaan keuangan dan produk perbankan."),
            ("Transaksi nontunai", "Layanan pembayaran nontunai di lingkungan unit."),
        ],
    ),
    (
        "Peningkatan kapasitas SDM",
        [
            ("Pelatihan petugas", "Diklat, bimbingan teknis dan sertifikasi bagi petugas pemasyarakatan."),
            ("Pendidikan lanjut petugas", "Beasiswa dan tugas belajar bagi petugas."),
        ],
    ),
    (
        "Pemberdayaan sosial ekonomi",
        [
            ("Reintegrasi sosial", "Pendampingan warga binaan dan klien kembali ke masyarakat."),
            ("Akses permodalan dan penyaluran kerja", "Permodalan usaha dan penempatan kerja setelah bebas."),
        ],
    ),
    (
        "Layanan kesehatan dan rehabilitasi",
        [
            ("Layanan kesehatan", "Pemeriksaan, pengobatan dan penyuluhan kesehatan."),
            ("Rehabilitasi narkotika", "Rehabilitasi medis dan sosial bagi pengguna narkotika."),
        ],
    ),
    (
        "Digitalisasi layanan",
        [
            ("Teknologi dan sistem informasi", "Dukungan perangkat, aplikasi dan jaringan layanan pemasyarakatan."),
        ],
    ),
]


def load_catalogue(category_model, program_model):
    """Create the catalogue's categories and programs that do not exist yet.

    Takes the models as arguments so the data migration can pass its historical models.
    """
    for order, (category_name, programs) in enumerate(CATALOGUE, start=1):
        category, _ = category_model.objects.get_or_create(name=category_name, defaults={"order": order})
        for name, description in programs:
            program_model.objects.get_or_create(category=category, name=name, defaults={"description": description})
