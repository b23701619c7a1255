"""The home page's time and queries for a unit and for Ditjenpas, with 100 and with 100,000 agreements.

    .venv/bin/python benchmarks/home.py [--repeat 7] [--keep]

Builds its own throwaway database (`sinergi_bench_home`, BENCH_DATABASE_URL to point elsewhere) with the data of
benchmarks/list_pages.py: under one Kanwil, a Rutan "small" with 100 agreements and a Rutan "big" with 100,000
(parties, programs, activities). Then, through Django's test client, it requests the home page as the operator
of each Rutan, as a Ditjenpas operator (who sees all 100,100 agreements and the table of regions) and as the
Kanwil's operator (the table of its two Rutan), and prints the median wall time of `--repeat` requests and the
queries per request. The query count must be the same for small and big: it does not grow with the data.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sinergi_bench_home")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import list_pages  # noqa: E402  (the same data as the list pages' benchmark, in this script's own database)


def measure(user, repeat):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    client.get(reverse("home"))  # warm caches (templates, translations)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(reverse("home"))
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per person (median printed)")
    parser.add_argument("--keep", action="store_true", help="leave the benchmark database in place")
    args = parser.parse_args()

    list_pages.database_command("dropdb", "--if-exists", "--force")
    list_pages.database_command("createdb")
    try:
        list_pages.setup_django()
        from units.models import Unit, User

        print("Menyiapkan data (2 Rutan: 100 dan 100.000 perjanjian)…", flush=True)
        started = time.perf_counter()
        users = list_pages.build_data()
        print(f"  selesai dalam {time.perf_counter() - started:.0f} s")
        list_pages.describe_data(users)
        ditjenpas = Unit.objects.get(kind=Unit.Kind.DITJENPAS)
        kanwil = Unit.objects.get(kind=Unit.Kind.KANWIL)
        people = {
            "UPT, 100 perjanjian": users["small"],
            "UPT, 100.000 perjanjian": users["big"],
            "Kanwil (100.100)": User.objects.create_user("kanwil.bench", unit=kanwil, role=User.Role.OPERATOR),
            "Ditjenpas (100.100)": User.objects.create_user("pusat.bench", unit=ditjenpas, role=User.Role.OPERATOR),
        }
        print(f"\n{'Beranda sebagai':26} {'median':>9} {'kueri':>6}")
        results = {}
        for label, user in people.items():
            seconds, queries = measure(user, args.repeat)
            results[label] = queries
            print(f"{label:26} {seconds * 1000:7.0f} ms {queries:6d}")
        same = results["UPT, 100 perjanjian"] == results["UPT, 100.000 perjanjian"]
        print(f"\nJumlah kueri UPT kecil = UPT besar: {'ya' if same else 'TIDAK'}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            list_pages.database_command("dropdb", "--if-exists", "--force")


if __name__ == "__main__":
    main()
