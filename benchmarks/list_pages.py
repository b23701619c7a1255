"""Whether a unit with 100,000 agreements gets its list pages as fast as a unit with 100.

    .venv/bin/python benchmarks/list_pages.py [--repeat 15] [--keep]

Needs the PostgreSQL server on 127.0.0.1:5432 (user postgres; BENCH_DATABASE_URL to point elsewhere). Creates
a throwaway database `sinergi_bench` with `createdb`, migrates it and drops it at the end (`--keep` leaves it
for a closer look). Under one Kanwil it builds two Rutan: "small" with 100 agreements and "big" with 100,000,
every agreement with one party from a pool of 2,000 partners, one or two programs, and activities under about a
fifth of the programs (raw INSERT ... SELECT generate_series, then VACUUM ANALYZE: about ten seconds; the whole
run takes about a minute).

Then, signed in as an operator of each Rutan through Django's test client, it requests each list page in turn,
small and big alternately, and prints per page the median wall time of `--repeat` requests, the ratio big/small
(the target: at most about 1.5) and the queries per request. Last, the EXPLAIN ANALYZE of the agreement list's
two queries (the paginator's count and the page of rows) for the big unit, in the default order and filtered by
status, each followed by the indexes it used.

Times are medians of interleaved requests on a shared machine; read the ratios, not the absolute figures.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SERVER_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sinergi_bench")
SIZES = {"small": 100, "big": 100_000}
PARTNERS = 2000
RATIO_TARGET = 1.5


def database_command(program, *args):
    """Run createdb/dropdb against the server of SERVER_URL."""
    url = urlsplit(SERVER_URL)
    command = [program, "-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432)]
    command += ["-U", url.username or "postgres"]
    env = {**os.environ, **({"PGPASSWORD": url.password} if url.password else {})}
    subprocess.run([*command, *args, url.path.lstrip("/")], check=True, env=env)


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "sinergi.settings"
    os.environ["DATABASE_URL"] = SERVER_URL
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# Data ---------------------------------------------------------------------------------------------------------

PARTNER_KINDS = [
    ("Yayasan Bina Insani", "sosial_keagamaan"),
    ("Dinas Sosial", "pemerintah_daerah"),
    ("Kantor Kementerian Agama", "kementerian_lembaga"),
    ("Universitas Muhammadiyah", "pendidikan"),
    ("Balai Latihan Kerja", "pemerintah_daerah"),
    ("Pondok Pesantren Al Hidayah", "sosial_keagamaan"),
    ("PT Karya Mandiri Sejahtera", "bumn_swasta"),
    ("Bank Perkreditan Rakyat", "perbankan_keuangan"),
]
PLACES = ["Blora", "Kudus", "Pati", "Rembang", "Grobogan", "Demak", "Jepara", "Semarang", "Kendal", "Batang"]
LONG_TEXT = "Pembinaan kepribadian dan kemandirian warga binaan, termasuk pelatihan kerja bersertifikat. " * 5

AGREEMENTS_SQL = """
INSERT INTO agreements_agreement (
    kind, subject, number, our_signatory_name, our_signatory_position, signed_on, signed_place, signing_notes,
    starts_on, ends_on, scope, objectives, legal_basis, funding_note, terminated_on, termination_reason,
    created_at, updated_at, unit_id
)
SELECT
    CASE WHEN n %% 10 = 0 THEN 'mou' ELSE 'pks' END,
    'Pembinaan kemandirian dan pelatihan kerja bersertifikat bagi warga binaan, angkatan ' || n,
    'W.13.PAS.PAS.9-HM.05.02-' || lpad(n::text, 6, '0'),
    'Kepala Rutan Uji', 'Kepala Rutan', d.signed, 'Semarang', '',
    CASE WHEN n %% 60 = 1 THEN d.signed + 120 END,
    CASE WHEN d.signed IS NULL THEN %(today)s::date + 365 ELSE d.signed + 365 * (1 + n %% 5) END,
    %(text)s, %(text)s, %(text)s, '',
    CASE WHEN n %% 40 = 7 AND d.signed IS NOT NULL THEN d.signed + 100 END,
    CASE WHEN n %% 40 = 7 AND d.signed IS NOT NULL THEN 'Mitra tidak lagi menyelenggarakan pelatihan' ELSE '' END,
    now(), now(), %(unit)s
FROM generate_series(1, %(count)s) AS n
CROSS JOIN LATERAL (
    -- Signed over the last ten years, one in fifty still a draft; one in sixty starts 120 days after signing.
    SELECT CASE WHEN n %% 50 = 0 THEN NULL ELSE %(today)s::date - (n * 37) %% 3650 END AS signed
) AS d
"""

PARTIES_SQL = """
INSERT INTO agreements_agreementparty (
    number, signatory_name, signatory_position, "order", agreement_id, partner_id
)
SELECT 'B/' || a.id || '/MITRA', 'Penanda tangan mitra', 'Kepala', 0, a.id,
       p.ids[1 + (a.id * 7919) %% cardinality(p.ids)]
FROM agreements_agreement a, (SELECT array_agg(id ORDER BY id) AS ids FROM partners_partner) p
WHERE a.unit_id = %(unit)s
"""

PROGRAMS_SQL = """
INSERT INTO programs_agreementprogram (
    target_group, target_participants, starts_on, ends_on, notes, agreement_id, program_id
)
SELECT 'narapidana', 50, NULL::date, NULL::date, '', a.id, p.ids[1 + a.id %% cardinality(p.ids)]
FROM agreements_agreement a, (SELECT array_agg(id ORDER BY id) AS ids FROM programs_program) p
WHERE a.unit_id = %(unit)s
UNION ALL
SELECT 'petugas', 20, NULL, NULL, '', a.id, p.ids[1 + (a.id + 5) %% cardinality(p.ids)]
FROM agreements_agreement a, (SELECT array_agg(id ORDER BY id) AS ids FROM programs_program) p
WHERE a.unit_id = %(unit)s AND a.id %% 3 = 0
"""

# Two activities under one program in five of the signed agreements; one in fifty of those cancelled.
ACTIVITIES_SQL = """
INSERT INTO programs_activity (
    starts_on, ends_on, title, place, facilitator_name, facilitator_position,
    narapidana, tahanan, anak_binaan, klien, petugas, keluarga, summary, cancelled_on, cancellation_reason,
    created_at, updated_at, agreement_program_id
)
SELECT LEAST(a.signed_on + k, %(today)s::date), NULL, 'Pelatihan menjahit sesi ' || k, 'Aula Rutan',
       'Narasumber mitra', 'Instruktur', 20, 5, 0, 0, 2, 0, '',
       CASE WHEN ap.id %% 50 = 0 THEN LEAST(a.signed_on + k, %(today)s::date) END,
       CASE WHEN ap.id %% 50 = 0 THEN 'Narasumber berhalangan' ELSE '' END,
       now(), now(), ap.id
FROM programs_agreementprogram ap
JOIN agreements_agreement a ON a.id = ap.agreement_id
CROSS JOIN (VALUES (30), (200)) AS s(k)
WHERE a.unit_id = %(unit)s AND a.signed_on IS NOT NULL AND ap.id %% 5 = 0
"""


def build_data():
    """Two Rutan under one Kanwil and an operator of each; returns {"small": user, "big": user}."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from partners.models import Partner, name_key
    from units.models import Unit, User

    call_command("migrate", verbosity=0)
    ditjenpas = Unit.objects.create(kind=Unit.Kind.DITJENPAS, name="Direktorat Jenderal Pemasyarakatan")
    kanwil = Unit.objects.create(
        kind=Unit.Kind.KANWIL, name="Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Tengah", parent=ditjenpas
    )
    names = [f"{PARTNER_KINDS[n % len(PARTNER_KINDS)][0]} {PLACES[n % len(PLACES)]} {n:04d}" for n in range(PARTNERS)]
    Partner.objects.bulk_create(
        Partner(
            name=name,
            name_key=name_key(name),
            sector=PARTNER_KINDS[n % len(PARTNER_KINDS)][1],
            level=Partner.Level.KABUPATEN_KOTA,
            province="Jawa Tengah",
            regency=f"Kabupaten {PLACES[n % len(PLACES)]}",
        )
        for n, name in enumerate(names)
    )
    today = timezone.localdate()
    users = {}
    for label, count in SIZES.items():
        unit = Unit.objects.create(
            kind=Unit.Kind.RUTAN, grade=Unit.Grade.IIB, name=f"Rutan Kelas IIB Uji {label}", parent=kanwil
        )
        params = {"unit": unit.pk, "count": count, "today": today, "text": LONG_TEXT}
        with connection.cursor() as cursor:
            for sql in (AGREEMENTS_SQL, PARTIES_SQL, PROGRAMS_SQL, ACTIVITIES_SQL):
                cursor.execute(sql, params)
        users[label] = User.objects.create_user(f"operator.{label}", unit=unit, role=User.Role.OPERATOR)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return users


def describe_data(users):
    from django.db.models import Count

    from agreements.models import Agreement, Status
    from programs.models import Activity

    for label, user in users.items():
        agreements = Agreement.objects.filter(unit=user.unit)
        by_status = agreements.with_status().order_by().values("current_status").annotate(n=Count("pk"))
        statuses = {row["current_status"]: row["n"] for row in by_status}
        shown = ", ".join(f"{status.label.lower()} {thousands(statuses.get(status.value, 0))}" for status in Status)
        activities = Activity.objects.filter(agreement_program__agreement__unit=user.unit).count()
        print(f"  {label:5} {thousands(agreements.count()):>7} perjanjian ({shown}); {thousands(activities)} kegiatan")


def thousands(number):
    return f"{number:,}".replace(",", ".")


# Measuring ----------------------------------------------------------------------------------------------------


def search_term(users):
    """The name of a partner that is a party to agreements of both units."""
    from partners.models import Partner

    small, big = (users[label].unit for label in ("small", "big"))
    partner = (
        Partner.objects.filter(agreement_parties__agreement__unit=small)
        .filter(agreement_parties__agreement__unit=big)
        .order_by("pk")
        .first()
    )
    return partner.name


def pages(term):
    from urllib.parse import urlencode

    return [
        ("Perjanjian, halaman 1", "/perjanjian/"),
        ("Perjanjian, halaman 2", "/perjanjian/?page=2"),
        ("Perjanjian, status=ending_soon", "/perjanjian/?status=ending_soon"),
        ("Perjanjian, q=<nama mitra>", "/perjanjian/?" + urlencode({"q": term})),
        ("Perjanjian, o=ends_on", "/perjanjian/?o=ends_on"),
        ("Perjanjian, o=-signed_on", "/perjanjian/?o=-signed_on"),
        ("Beranda", "/"),
        ("Status mitra", "/mitra/status/"),
        ("Direktori mitra", "/mitra/"),
        ("Kegiatan", "/program/kegiatan/"),
    ]


def measure(users, urls, repeat):
    """{url: {label: {"ms": median, "queries": count}}}, small and big taking turns on every page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for label, user in users.items():
        clients[label] = Client()
        clients[label].force_login(user)
    results = {url: {} for _, url in urls}
    for _, url in urls:
        for label, client in clients.items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)  # also the warm-up
            assert response.status_code == 200, (url, label, response.status_code)
            results[url][label] = {"queries": len(queries), "times": []}
    for _ in range(repeat):
        for _, url in urls:
            for label, client in clients.items():
                started = time.perf_counter()
                client.get(url)
                results[url][label]["times"].append(time.perf_counter() - started)
    for row in results.values():
        for figures in row.values():
            figures["ms"] = statistics.median(figures["times"]) * 1000
    return results


def print_table(urls, results, repeat):
    print()
    print(f"Waktu per permintaan (median dari {repeat}, kecil dan besar bergantian), kueri per permintaan:")
    header = f"  {'halaman':32} {'kecil ms':>9} {'besar ms':>9} {'besar/kecil':>12} {'kueri kecil/besar':>18}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    met, missed = [], []
    for name, url in urls:
        small, big = results[url]["small"], results[url]["big"]
        ratio = big["ms"] / small["ms"]
        (met if ratio <= RATIO_TARGET else missed).append(name)
        queries = f"{small['queries']} / {big['queries']}"
        print(f"  {name:32} {small['ms']:9.1f} {big['ms']:9.1f} {ratio:11.2f}× {queries:>18}")
    print()
    print(f"  Memenuhi target (rasio ≤ {RATIO_TARGET}): {', '.join(met) or '—'}")
    print(f"  Belum memenuhi:                 {', '.join(missed) or '—'}")


def print_explains(user):
    """EXPLAIN ANALYZE of the agreement list's own queries for `user`: the page of rows and the paginator's count,
    taken as the view sent them."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    for title, url in (
        ("urutan bawaan (-signed_on, -pk)", "/perjanjian/"),
        ("status=ending_soon", "/perjanjian/?status=ending_soon"),
    ):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        sent = [query["sql"] for query in queries]
        count = next(sql for sql in sent if sql.startswith('SELECT COUNT(*) AS "__count" FROM "agreements_agreement"'))
        rows = next(sql for sql in sent if sql.startswith('SELECT "agreements_agreement"."id"') and " LIMIT " in sql)
        for what, sql in (("jumlah baris (Paginator.count)", count), ("halaman 1", rows)):
            print()
            print(f"EXPLAIN ANALYZE, daftar perjanjian unit besar, {title}, {what}:")
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")
                plan = [line for (line,) in cursor.fetchall()]
            for line in plan:
                print(f"  {line[:150]}…" if len(line) > 151 else f"  {line}")
            run = [line for line in plan if "never executed" not in line]
            used = sorted({match for line in run for match in re.findall(r" using (\w+)", line)})
            scanned = sorted({match for line in run for match in re.findall(r"Seq Scan on (\w+)", line)})
            print(f"  → indeks dipakai: {', '.join(used) or '—'}; dibaca utuh (Seq Scan): {', '.join(scanned) or '—'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per page and unit (median printed)")
    parser.add_argument("--keep", action="store_true", help="leave the sinergi_bench database in place")
    args = parser.parse_args()

    database_command("dropdb", "--if-exists", "--force")
    database_command("createdb")
    try:
        setup_django()
        print("Menyiapkan data (migrasi, 2 Rutan: 100 dan 100.000 perjanjian, 2.000 mitra)…", flush=True)
        started = time.perf_counter()
        users = build_data()
        print(f"  selesai dalam {time.perf_counter() - started:.0f} s")
        describe_data(users)
        urls = pages(search_term(users))
        results = measure(users, urls, args.repeat)
        print_table(urls, results, args.repeat)
        print_explains(users["big"])
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            database_command("dropdb", "--if-exists", "--force")


if __name__ == "__main__":
    main()
