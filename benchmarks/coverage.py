"""The coverage matrix at national size: 700 UPT under 33 Kanwil × 50 national agreements (35,000 follow-ups),
next to the agreements list, as Ditjenpas and as a Kanwil.

    .venv/bin/python benchmarks/coverage.py [--units 700] [--agreements 50] [--repeat 7] [--keep]

Needs the PostgreSQL server on 127.0.0.1:5432 (user postgres; BENCH_DATABASE_URL to point elsewhere). Creates a
throwaway database `sinergi_bench_coverage`, migrates it, fills it with bulk_create (a few seconds) and drops it
at the end (`--keep` leaves it). Prints per page the median wall time of `--repeat` requests through Django's
test client and the queries per request; the cascade itself (one bulk write with its history rows) is timed too.
Times are medians on a shared machine; read them against each other.
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SERVER_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sinergi_bench_coverage")
KANWIL = 33


def database_command(program, *args):
    url = urlsplit(SERVER_URL)
    command = [
        program,
        "-h",
        url.hostname or "127.0.0.1",
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "postgres",
    ]
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


def build(units, agreements):
    """Ditjenpas, 33 Kanwil, `units` Rutan spread over them, `agreements` national MoU with one partner each;
    returns (pusat, kanwil operator, the agreements, the UPT ids)."""
    from agreements.models import Agreement, AgreementParty
    from partners.models import Partner
    from units.models import Unit, User

    ditjenpas = Unit.objects.create(name="Direktorat Jenderal Pemasyarakatan", kind=Unit.Kind.DITJENPAS)
    kanwil = Unit.objects.bulk_create(
        Unit(name=f"Kantor Wilayah Uji {n}", kind=Unit.Kind.KANWIL, parent=ditjenpas) for n in range(KANWIL)
    )
    upt = Unit.objects.bulk_create(
        Unit(name=f"Rutan Kelas IIB Uji {n}", kind=Unit.Kind.RUTAN, grade="IIB", parent=kanwil[n % KANWIL])
        for n in range(units)
    )
    sectors = list(Partner.Sector)
    partners = Partner.objects.bulk_create(
        Partner(name=f"Mitra Nasional {n}", name_key=f"mitra nasional {n}", sector=sectors[n % len(sectors)],
                level=Partner.Level.NASIONAL)
        for n in range(agreements)
    )  # fmt: skip
    national = Agreement.objects.bulk_create(
        Agreement(unit=ditjenpas, kind=Agreement.Kind.MOU, subject=f"MoU nasional {n}", our_signatory_name="Pejabat",
                  signed_on=datetime.date(2025, 7, 1), ends_on=datetime.date(2030, 6, 30))
        for n in range(agreements)
    )  # fmt: skip
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=agreement, partner=partner)
        for agreement, partner in zip(national, partners, strict=True)
    )
    pusat = User.objects.create_user("pusat", password="x", unit=ditjenpas)
    regional = User.objects.create_user("kanwil", password="x", unit=kanwil[0])
    return pusat, regional, national, [unit.pk for unit in upt]


def cascade(national, upt, user):
    from agreements.cascade import FollowUp, FollowUpState
    from agreements.services import cascade_follow_ups

    states = list(FollowUpState)
    started = time.perf_counter()
    for agreement in national:
        cascade_follow_ups(agreement=agreement, units=upt, user=user)
    seconds = time.perf_counter() - started
    # Spread the states so every cell has something to count.
    for index, state in enumerate(states[1:], start=1):
        FollowUp.objects.filter(unit_id__in=upt[index::7]).exclude(state=state).update(
            state=state, not_relevant_reason="Tidak relevan (uji)"
        )
    return seconds


def measure(client, path, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=700)
    parser.add_argument("--agreements", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    database_command("dropdb", "--if-exists")
    database_command("createdb")
    try:
        setup_django()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()
        call_command("migrate", verbosity=0)
        pusat, regional, national, upt = build(options.units, options.agreements)
        seconds = cascade(national, upt, pusat)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"{len(upt)} UPT × {len(national)} national agreements = {len(upt) * len(national):,} follow-ups")
        print(
            f"cascade: {seconds:.2f} s for {len(national)} bulk writes ({seconds / len(national) * 1000:.0f} ms each)"
        )
        kanwil_id = regional.unit_id
        pages = [
            ("coverage matrix (Ditjenpas)", pusat, "/perjanjian/cakupan/"),
            ("coverage, one Kanwil's UPT", pusat, f"/perjanjian/cakupan/?kanwil={kanwil_id}"),
            ("coverage matrix (Kanwil)", regional, "/perjanjian/cakupan/"),
            ("agreements list (Ditjenpas)", pusat, "/perjanjian/"),
            ("agreements list (Kanwil)", regional, "/perjanjian/"),
        ]
        print(f"{'page':32} {'median':>9} {'queries':>8}")
        for label, user, path in pages:
            client = Client()
            client.force_login(user)
            median, queries = measure(client, path, options.repeat)
            print(f"{label:32} {median * 1000:7.0f} ms {queries:8d}")
    finally:
        if not options.keep:
            from django.db import connections

            connections.close_all()
            database_command("dropdb", "--if-exists")


if __name__ == "__main__":
    main()
