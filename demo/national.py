"""National-scale sample data for measuring: ~700 units under 33 Kanwil, tens of thousands of partners, any
number of agreements with parties, programs and activities. PostgreSQL only: rows are made by the database
(INSERT ... SELECT over generate_series), a million agreements in a few minutes.

Every column the generator does not set takes its model field's default, so a field added to a model later
does not break it. Everything is sample data; names say "(contoh)".
"""

import random
from contextlib import contextmanager

from django.contrib.auth.hashers import make_password
from django.db import connection, models
from django.utils import timezone

from agreements.models import Agreement, AgreementParty, UnitTally
from partners.models import Partner, name_key
from programs.models import Activity, AgreementProgram, Program
from units.models import Unit, User

KANWIL = 33
UPT_PER_KANWIL = 21  # 33 × 21 = 693 UPT
UPT_KINDS = [(Unit.Kind.LAPAS, Unit.Grade.IIA), (Unit.Kind.RUTAN, Unit.Grade.IIB), (Unit.Kind.BAPAS, Unit.Grade.II)]
# One UPT and its Kanwil carry far more than their share, as the largest ones do: a tenth of all agreements.
BIG_SHARE = 10
SECTORS = [choice for choice, _label in Partner.Sector.choices]
PARTNER_WORDS = ["Yayasan", "Universitas", "Bank", "Balai Latihan Kerja", "Pondok Pesantren", "PT", "Dinas Sosial"]
PLACES = ["Blora", "Kudus", "Pati", "Rembang", "Demak", "Jepara", "Kendal", "Batang", "Tegal", "Brebes", "Cilacap"]
SUBJECTS = [
    "Kerja sama pembinaan kepribadian warga binaan",
    "Kerja sama pembinaan kemandirian dan pelatihan kerja",
    "Kerja sama layanan perbankan bagi warga binaan",
    "Kerja sama pendidikan kesetaraan dan beasiswa",
    "Kerja sama pembinaan keagamaan dan rohani",
    "Kerja sama peningkatan kapasitas petugas",
]
PASSWORD = "sinergi-demo"  # nosec B105 # the sample accounts' password, for measuring only


def insert_select(model, select_from, columns, params):
    """INSERT INTO `model`'s table every concrete column: `columns` maps attnames to SQL expressions over
    `select_from`; any other column takes its field's default."""
    names, expressions = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        names.append(connection.ops.quote_name(field.column))
        if field.attname in columns:
            expressions.append(columns[field.attname])
        elif isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
            expressions.append("now()")
        else:
            key = f"default_{field.attname}"
            params[key] = field.get_db_prep_save(field.get_default(), connection)
            expressions.append(f"%({key})s")
    sql = f"INSERT INTO {model._meta.db_table} ({', '.join(names)}) SELECT {', '.join(expressions)} {select_from}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def build_units():
    """Ditjenpas, 33 Kanwil, 693 UPT; returns (ditjenpas, big Kanwil, big UPT)."""
    ditjenpas = Unit.objects.create(kind=Unit.Kind.DITJENPAS, name="Direktorat Jenderal Pemasyarakatan (contoh)")
    kanwils = Unit.objects.bulk_create(
        Unit(kind=Unit.Kind.KANWIL, name=f"Kantor Wilayah {n:02d} (contoh)", parent=ditjenpas)
        for n in range(1, KANWIL + 1)
    )
    upts = []
    for kanwil in kanwils:
        for n in range(UPT_PER_KANWIL):
            kind, grade = UPT_KINDS[n % len(UPT_KINDS)]
            name = f"{kind.label} Kelas {grade} {kanwil.name.split()[2]}-{n:02d} (contoh)"
            upts.append(Unit(kind=kind, grade=grade, name=name, parent=kanwil))
    upts = Unit.objects.bulk_create(upts)
    return ditjenpas, kanwils[0], upts[0]


def build_partners(count, seed=7):
    rng = random.Random(seed)  # nosec B311 # seeded sample data, the same on every run
    partners = []
    for n in range(count):
        name = f"{rng.choice(PARTNER_WORDS)} Contoh {rng.choice(PLACES)} {n:05d} (contoh)"
        partners.append(Partner(name=name, name_key=name_key(name), sector=SECTORS[n % len(SECTORS)]))
    Partner.objects.bulk_create(partners, batch_size=5000)


def build_accounts(ditjenpas, kanwil, upt):
    """Operators of the big UPT, its Kanwil and Ditjenpas, and the UPT's head."""
    accounts = {
        "bench.upt": (upt, User.Role.OPERATOR),
        "bench.kepala": (upt, User.Role.KEPALA),
        "bench.kanwil": (kanwil, User.Role.OPERATOR),
        "bench.pusat": (ditjenpas, User.Role.OPERATOR),
    }
    password = make_password(PASSWORD)  # hashed once: a deliberately slow hash, four times, is seconds
    User.objects.bulk_create(
        User(username=username, password=password, unit=unit, role=role, is_staff=True)
        for username, (unit, role) in accounts.items()
    )


def build_agreements(count, big_unit):
    today = timezone.localdate()
    subjects = "ARRAY[" + ", ".join(f"'{subject}'" for subject in SUBJECTS) + "]"
    insert_select(
        Agreement,
        """FROM generate_series(1::bigint, %(count)s) AS n
        CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM units_unit) AS u
        CROSS JOIN LATERAL (
            SELECT CASE WHEN n %% 50 = 0 THEN NULL ELSE %(today)s::date - ((n * 37) %% 3650)::int END AS signed
        ) AS d""",
        {
            "kind": "CASE WHEN n %% 10 = 0 THEN 'mou' ELSE 'pks' END",
            "subject": f"({subjects})[1 + n %% {len(SUBJECTS)}] || ' (contoh) ' || n",
            "unit_id": (
                f"CASE WHEN n %% {BIG_SHARE} = 0 THEN %(big)s ELSE u.ids[1 + (n * 7919) %% cardinality(u.ids)] END"
            ),
            "number": "'W.PAS-HM.05.02-' || lpad(n::text, 7, '0')",
            "our_signatory_name": "'Kepala Unit (contoh)'",
            "our_signatory_position": "'Kepala'",
            "signed_on": "d.signed",
            "signed_place": "'Semarang'",
            "ends_on": (
                "CASE WHEN d.signed IS NULL THEN %(today)s::date + 365 ELSE d.signed + (365 * (1 + n %% 5))::int END"
            ),
            "terminated_on": "CASE WHEN n %% 40 = 7 AND d.signed IS NOT NULL THEN d.signed + 100 END",
            "termination_reason": (
                "CASE WHEN n %% 40 = 7 AND d.signed IS NOT NULL THEN 'Mitra berhenti (contoh)' ELSE '' END"
            ),
            # As in a register in use: drafts are not yet submitted, one in 25 waits for its head.
            "verification_state": (
                "CASE WHEN d.signed IS NULL THEN 'draft' WHEN n %% 25 = 3 THEN 'submitted' ELSE 'verified' END"
            ),
        },
        {"count": count, "today": today, "big": big_unit.pk},
    )


def build_rows_under_agreements():
    """One party per agreement (MoU two), one program (a third two), two activities under a third of them."""
    today = timezone.localdate()
    partners = "(SELECT array_agg(id ORDER BY id) AS ids FROM partners_partner) AS p"
    insert_select(
        AgreementParty,
        f"FROM agreements_agreement a CROSS JOIN {partners} CROSS JOIN generate_series(0, 1) AS k "
        "WHERE k = 0 OR a.kind = 'mou'",
        {
            "agreement_id": "a.id",
            "partner_id": "p.ids[1 + (a.id * 7919 + k * 104729) %% cardinality(p.ids)]",
            "number": "'B/' || a.id || '/' || k || '/MITRA'",
            "signatory_name": "'Penanda tangan mitra (contoh)'",
            "signatory_position": "'Pimpinan'",
            "order": "k",
        },
        {},
    )
    programs = "(SELECT array_agg(id ORDER BY id) AS ids FROM programs_program) AS p"
    insert_select(
        AgreementProgram,
        f"FROM agreements_agreement a CROSS JOIN {programs} CROSS JOIN generate_series(0, 1) AS k "
        "WHERE k = 0 OR a.id %% 3 = 0",
        {
            "agreement_id": "a.id",
            "program_id": "p.ids[1 + (a.id + k * 5) %% cardinality(p.ids)]",
            "target_group": "CASE WHEN k = 0 THEN 'narapidana' ELSE 'petugas' END",
            "target_participants": "50",
        },
        {},
    )
    insert_select(
        Activity,
        "FROM programs_agreementprogram ap JOIN agreements_agreement a ON a.id = ap.agreement_id "
        "CROSS JOIN (VALUES (30), (200)) AS s(k) WHERE a.signed_on IS NOT NULL AND ap.id %% 3 = 0",
        {
            "agreement_program_id": "ap.id",
            "unit_id": "a.unit_id",
            "starts_on": "LEAST(a.signed_on + s.k, %(today)s::date)",
            "title": "'Kegiatan contoh ' || ap.id || '-' || s.k",
            "place": "'Aula (contoh)'",
            "narapidana": "20",
            "petugas": "2",
        },
        {"today": today},
    )


@contextmanager
def secondary_indexes_rebuilt(*models_):
    """Drop the indexes of `models_`' tables that no constraint needs, and build them again afterwards: building
    a (trigram) index over a million rows at once is many times faster than keeping it current row by row."""
    tables = [model._meta.db_table for model in models_]
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = ANY(%s) AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname
            )""",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)


@contextmanager
def triggers_off(*models_):
    """The tables' own triggers (the search document's) wait: `build_search_documents` does their work once."""
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ALTER TABLE {model._meta.db_table} DISABLE TRIGGER USER")
        cursor.execute("ALTER TABLE agreements_agreementparty DISABLE TRIGGER USER")
    yield
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ALTER TABLE {model._meta.db_table} ENABLE TRIGGER USER")
        cursor.execute("ALTER TABLE agreements_agreementparty ENABLE TRIGGER USER")


def build_search_documents():
    """What agreements migration 0008's triggers keep current, for every agreement at once (one join)."""
    with connection.cursor() as cursor:
        # Signed by the name the directory gives them (a sample has no renamed partners).
        cursor.execute(
            """UPDATE agreements_agreementparty party SET partner_name = partner.name
            FROM partners_partner partner WHERE partner.id = party.partner_id"""
        )
        cursor.execute(
            """UPDATE agreements_agreement a SET search_document = to_tsvector('simple',
                sinergi_search_text(a.subject) || ' ' || sinergi_search_text(a.number) || ' ' || coalesce(d.text, ''))
            FROM (
                SELECT party.agreement_id, string_agg(sinergi_search_text(party.number) || ' '
                    || sinergi_search_text(partner.name) || ' ' || sinergi_search_text(partner.short_name), ' ') AS text
                FROM agreements_agreementparty party JOIN partners_partner partner ON partner.id = party.partner_id
                GROUP BY party.agreement_id
            ) AS d
            WHERE d.agreement_id = a.id"""
        )


def generate(*, agreements, partners):
    """Build the whole national sample into an empty database; returns the counts made."""
    if not Program.objects.exists():
        raise LookupError("Katalog program belum ada: jalankan `manage.py migrate` dulu.")
    ditjenpas, kanwil, upt = build_units()
    build_partners(partners)
    build_accounts(ditjenpas, kanwil, upt)
    with secondary_indexes_rebuilt(Agreement, AgreementParty, AgreementProgram, Activity), triggers_off(Agreement):
        build_agreements(agreements, big_unit=upt)
        build_rows_under_agreements()
        build_search_documents()
    # The other trigger on the agreements, the units' tally behind the list's total, was off too.
    UnitTally.objects.recount()
    if not connection.in_atomic_block:  # VACUUM cannot run inside a transaction (a test's, for one)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {
        "units": Unit.objects.count(),
        "partners": Partner.objects.count(),
        "agreements": Agreement.objects.count(),
        "activities": Activity.objects.count(),
    }
