"""Activities as the demo builds them: what was done under the demo agreements' programs.

The sources say only that the Blora PKS was to be carried out from early 2025 through bimbingan keagamaan,
pelatihan rohani and pendampingan moral; every date, count and facilitator here is invented and marked "(contoh)".
"""

from datetime import date

from demo.common import SAMPLE

SAMPLE_NOTE = f"Tanggal, jumlah peserta dan narasumber {SAMPLE}: tidak berasal dari sumber berita."
# The latest Blora activities get a generated "photo", to show thumbnails.
SAMPLE_PHOTOS = 4

# Blora PKS: (program, title, how often in months, first month offset, days, narapidana, tahanan)
BLORA_PLAN = {
    "Bimbingan keagamaan": ("Bimbingan keagamaan: kajian rutin dan bimbingan ibadah", 1, 0, 1, (18, 32), (4, 12)),
    "Pelatihan rohani": ("Pelatihan rohani: baca tulis Al-Qur'an", 3, 1, 3, (10, 20), (0, 6)),
    "Pendampingan moral": ("Pendampingan moral dan konseling", 2, 0, 1, (0, 4), (8, 18)),
}
BLORA_FACILITATORS = [
    ("Ahmad Sholeh " + SAMPLE, "Penyuluh Agama Islam, Kantor Kementerian Agama Kabupaten Blora " + SAMPLE),
    ("Siti Maemunah " + SAMPLE, "Penyuluh Agama Islam, Kantor Kementerian Agama Kabupaten Blora " + SAMPLE),
]
BLORA_PLACE = "Masjid dan aula Rutan Kelas IIB Blora"
BLORA_SUMMARY = "Pelaksanaan PKS dengan Kantor Kementerian Agama Kabupaten Blora, mulai awal tahun 2025. "
BLORA_STARTS_ON = date(2025, 1, 1)  # the month the first sessions fall in; "mulai awal tahun 2025"

# Sample agreements: how a partnership fares, with weights. "stopped" and "never" feed the dormant flag.
FATES = {"active": 76, "stopped": 12, "never": 12}
SAMPLE_FACILITATOR_POSITION = f"Narasumber dari mitra {SAMPLE}"
TITLES = {
    "Bimbingan keagamaan": ["Kajian keagamaan rutin", "Bimbingan ibadah", "Ceramah keagamaan"],
    "Pelatihan rohani": ["Pesantren kilat", "Pelatihan baca tulis kitab suci", "Pembinaan rohani terjadwal"],
    "Pendampingan moral": ["Konseling kelompok", "Pendampingan perilaku"],
    "Kesadaran berbangsa dan bernegara": ["Penyuluhan hukum", "Wawasan kebangsaan"],
    "Pendidikan dan literasi": ["Kelas pendidikan kesetaraan", "Kelas literasi", "Pojok baca bersama"],
    "Pelatihan keterampilan": ["Pelatihan menjahit", "Pelatihan las dasar", "Pelatihan tata boga"],
    "Kegiatan produksi dan kewirausahaan": ["Pelatihan kewirausahaan", "Pameran hasil karya"],
    "Tabungan dan rekening warga binaan": ["Pembukaan rekening tabungan", "Layanan tabungan keliling"],
    "Literasi keuangan": ["Edukasi literasi keuangan", "Kelas pengelolaan keuangan keluarga"],
    "Transaksi nontunai": ["Sosialisasi pembayaran nontunai", "Pendampingan transaksi nontunai"],
    "Pelatihan petugas": ["Bimbingan teknis petugas", "Diklat petugas"],
    "Pendidikan lanjut petugas": ["Sosialisasi beasiswa petugas", "Seleksi tugas belajar"],
    "Reintegrasi sosial": ["Pendampingan reintegrasi klien", "Temu keluarga dan klien"],
    "Akses permodalan dan penyaluran kerja": ["Bursa kerja bagi klien", "Sosialisasi akses permodalan"],
    "Layanan kesehatan": ["Pemeriksaan kesehatan berkala", "Penyuluhan kesehatan", "Skrining tuberkulosis"],
    "Rehabilitasi narkotika": ["Sesi rehabilitasi sosial", "Konseling adiksi"],
    "Teknologi dan sistem informasi": ["Pelatihan aplikasi layanan", "Pemeliharaan jaringan layanan"],
}
CANCEL_REASON = f"Salah catat: kegiatan yang sama sudah tercatat sebelumnya {SAMPLE}."
MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
