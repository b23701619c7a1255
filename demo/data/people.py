"""Invented people. Every name built from these carries "(contoh)"."""

FIRST_NAMES = [
    "Agus", "Dwi", "Sri", "Bambang", "Rina", "Yusuf", "Nur", "Eko", "Dedi", "Siti",
    "Wahyu", "Fitri", "Hadi", "Lina", "Arif", "Maya", "Teguh", "Ratna", "Imam", "Yuni",
]  # fmt: skip
LAST_NAMES = [
    "Prasetyo", "Wulandari", "Wahyuni", "Setiawan", "Kusumawati", "Hidayat", "Aini", "Susanto", "Kurniawan",
    "Rahmawati", "Nugroho", "Handayani", "Saputra", "Permatasari", "Santoso", "Wibowo", "Utami", "Firmansyah",
]  # fmt: skip

# Facilitators of sample activities.
FACILITATOR_FIRST_NAMES = ["Ahmad", "Dewi", "Hendra", "Indah", "Joko", "Kartika", "Lukman", "Mega", "Rudi", "Tuti"]
FACILITATOR_LAST_NAMES = ["Pratama", "Lestari", "Gunawan", "Puspita", "Syahputra", "Anggraini", "Hakim", "Rahayu"]
