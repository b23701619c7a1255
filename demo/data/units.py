"""Our own side as the demo builds it: Ditjenpas, seven Kanwil with their UPTs, and the demo accounts."""

from demo.common import kanwil_name, sample
from units.models import Unit, User

Kind = Unit.Kind
Grade = Unit.Grade

DITJENPAS = "Direktorat Jenderal Pemasyarakatan"
BLORA = "Rutan Kelas IIB Blora"
KUDUS = "Rutan Kelas IIB Kudus"

DITJENPAS_FIELDS = {
    "kind": Kind.DITJENPAS,
    "province": "DKI Jakarta",
    "regency": "Kota Administrasi Jakarta Pusat",
    "address": sample("Jl. Veteran No. 11, Jakarta Pusat"),
    "head_name": "Mashudi",
    "head_title": "Direktur Jenderal Pemasyarakatan",
}

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
# The heads of these two Rutan are named in the sources: (name, title).
NAMED_HEADS = {
    BLORA: ("Budi Hardiono", "Kepala Rutan"),
    KUDUS: ("Anda Tuning", "Kepala Rutan"),
}

# Sample addresses; {code} is the region's code, {index} the UPT's place in its region, {place} the town.
KANWIL_ADDRESS = "Jl. Contoh No. {code}, {place}"
UPT_ADDRESS = "Jl. Pemasyarakatan No. {index}, {place}"

PASSWORD = "sinergi-demo"  # nosec B105 # the demo accounts' published password (README), never a real account
# (username, unit name, role, first name, last name, position); the administrator belongs to no unit.
ACCOUNTS = [
    ("operator.blora", BLORA, User.Role.OPERATOR, "Operator", "Rutan Blora", ""),
    ("kepala.blora", BLORA, User.Role.KEPALA, "Budi", "Hardiono", "Kepala Rutan Kelas IIB Blora"),
    ("operator.kudus", KUDUS, User.Role.OPERATOR, "Operator", "Rutan Kudus", ""),
    ("kepala.kudus", KUDUS, User.Role.KEPALA, "Anda", "Tuning", "Kepala Rutan Kelas IIB Kudus"),
    ("kanwil.jateng", kanwil_name("Jawa Tengah"), User.Role.OPERATOR, "Operator", "Kanwil Jawa Tengah", ""),
    ("pusat", DITJENPAS, User.Role.OPERATOR, "Operator", "Ditjenpas", ""),
    ("admin", None, User.Role.ADMINISTRATOR, "Administrator", "Sinergi", ""),
]
