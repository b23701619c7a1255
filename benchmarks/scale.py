"""Sinergi at national scale: every list, search, dashboard and detail page at 10,000 / 100,000 / 1,000,000
agreements, for a UPT, a Kanwil and Ditjenpas, against a bare django-filter FilterView (the ceiling).

    .venv/bin/python benchmarks/scale.py [--sizes 10000,100000,1000000] [--repeat 15] [--keep] [--throughput]

Needs the PostgreSQL server on 127.0.0.1:5432 (BENCH_SERVER_URL to point elsewhere). For each size it creates a
database `sinergi_scale_<size>` (kept with --keep and reused by the next run), migrates it and fills it with
`manage.py generate_data` (a tenth of the agreements in one big UPT, the rest over 727 units). Then, in a fresh
process per size, it requests each page `--repeat` times, pages taking turns, and prints the median and p95 in
ms, the number of queries, and for the lists the ratio to the bare FilterView measured in the same loop: same
table, same page size, same order, a plain template, the same search index and the same bounded count.
With --throughput it also runs gunicorn on loopback and loads the agreements list for 20 s with 8 clients.

The machine is shared: read the ratios, not the absolute times.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SERVER_URL = os.environ.get("BENCH_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
USERS = {"UPT": "bench.upt", "Kanwil": "bench.kanwil", "Ditjenpas": "bench.pusat"}


def database_url(size):
    return f"{SERVER_URL}/sinergi_scale_{size}"


def run(command, size, **kwargs):
    env = {**os.environ, "DATABASE_URL": database_url(size), "DJANGO_SETTINGS_MODULE": "sinergi.settings"}
    return subprocess.run(command, check=True, env=env, cwd=ROOT, **kwargs)


def prepare(size):
    """A database holding `size` agreements, made once and reused while it is kept."""
    url = urlsplit(SERVER_URL)
    server = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    name = f"sinergi_scale_{size}"
    exists = subprocess.run(["psql", *server, "-lqt"], capture_output=True, text=True, check=True).stdout
    if any(line.split("|")[0].strip() == name for line in exists.splitlines()):
        return
    subprocess.run(["createdb", *server, name], check=True)
    run([PYTHON, "manage.py", "migrate", "-v", "0"], size)
    run([PYTHON, "manage.py", "generate_data", "--agreements", str(size)], size)


def drop(size):
    url = urlsplit(SERVER_URL)
    server = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    subprocess.run(["dropdb", *server, f"sinergi_scale_{size}"], check=True)


# Measuring, inside the process of one size -------------------------------------------------------------------


def pages(rare_number):
    search = "/perjanjian/?"
    return {
        "Daftar perjanjian": ("/perjanjian/", "/bare/"),
        "Daftar, segera berakhir": ("/perjanjian/?status=ending_soon", None),
        "Daftar, halaman 200": ("/perjanjian/?page=200", "/bare/?page=200"),
        "Cari kata umum (kerja)": (search + urlencode({"q": "kerja"}), "/bare/?q=kerja"),
        "Cari kata langka (nomor)": (search + urlencode({"q": rare_number}), "/bare/?" + urlencode({"q": rare_number})),
        "Cari nama mitra (universitas)": (search + urlencode({"q": "universitas"}), "/bare/?q=universitas"),
        # A slip of a letter: no word matches, so the list asks the partner directory (the bare view finds none).
        "Cari salah ketik (pesantrn demak)": (search + urlencode({"q": "pesantrn demak"}), "/bare/?q=pesantrn+demak"),
        "Beranda": ("/", None),
        "Status mitra": ("/mitra/status/", None),
        "Kegiatan": ("/program/kegiatan/", None),
        "Cakupan tindak lanjut": ("/perjanjian/cakupan/", None),
        "Rincian perjanjian": (None, None),  # filled in with an agreement of the user
    }


def measure_size(repeat):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from agreements.models import Agreement
    from units.models import User

    results = {}
    with override_settings(ROOT_URLCONF="benchmarks.bare_urls", ALLOWED_HOSTS=["testserver"], DEBUG=False):
        # A number every role may read: one of the big UPT's own, halfway through them.
        upt_agreements = Agreement.objects.filter(unit__staff__username=USERS["UPT"])
        rare = upt_agreements.order_by("pk").values_list("number", flat=True)[upt_agreements.count() // 2]
        for role, username in USERS.items():
            user = User.objects.get(username=username)
            client = Client()
            client.force_login(user)
            own = Agreement.objects.filter(unit=user.unit).order_by("pk").first()
            urls = pages(rare)
            urls["Rincian perjanjian"] = (own.get_absolute_url(), None)
            figures = {}
            for label, (url, bare) in urls.items():
                for kind, address in (("sinergi", url), ("bare", bare)):
                    if address is None:
                        continue
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(address)
                    if response.status_code == 403:
                        continue  # a page this role does not have (the coverage matrix for a UPT)
                    assert response.status_code == 200, (address, response.status_code)
                    if kind == "sinergi" and bare:
                        # A list that came back empty would be fast for the wrong reason.
                        assert b'class="cell-title"' in response.content, (role, address, "no rows")
                    figures[(label, kind)] = {"queries": len(queries), "times": []}
            for _ in range(repeat):
                for (label, kind), row in figures.items():
                    url, bare = urls[label]
                    started = time.perf_counter()
                    client.get(url if kind == "sinergi" else bare)
                    row["times"].append((time.perf_counter() - started) * 1000)
            results[role] = {
                f"{label}|{kind}": {
                    "median": statistics.median(row["times"]),
                    "p95": statistics.quantiles(row["times"], n=20)[-1] if len(row["times"]) > 1 else row["times"][0],
                    "queries": row["queries"],
                }
                for (label, kind), row in figures.items()
            }
    print(json.dumps(results))


# Throughput under a bounded load --------------------------------------------------------------------------------


def throughput(size, seconds=20, clients=8):
    """Requests per second of gunicorn (4 workers, deploy/gunicorn.conf.py) on loopback for the agreements list
    as the UPT operator."""
    port = "8765"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(size),
        "DJANGO_SETTINGS_MODULE": "sinergi.settings",
        # collectstatic writes here, not into the checkout that a test run beside the benchmark reads.
        "STATIC_ROOT": tempfile.mkdtemp(prefix="sinergi-static-"),
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "0",
        "SECURE_SSL_REDIRECT": "0",
    }
    # As in production (docs/deploy.md): the hashed static files gathered first, served by WhiteNoise.
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    cookie = subprocess.run(
        [PYTHON, "-c", SESSION_SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            "deploy/gunicorn.conf.py",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "sinergi.wsgi",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(4)
        return load(port, cookie, seconds, clients)
    finally:
        server.terminate()
        server.wait()


SESSION_SCRIPT = """
import django; django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from importlib import import_module
from units.models import User
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
user = User.objects.get(username="bench.upt")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
# The backend that signs people in; axes's lockout backend only refuses, it loads no user.
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(settings.SESSION_COOKIE_NAME + "=" + session.session_key)
"""


def load(port, cookie, seconds, clients):
    import http.client

    counts = {"ok": 0, "errors": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
        while time.monotonic() < deadline:
            try:
                connection.request("GET", "/perjanjian/", headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
            with lock:
                counts["ok" if ok else "errors"] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"rps": counts["ok"] / seconds, **counts}


# Printing -------------------------------------------------------------------------------------------------------


def print_table(size, results):
    print(f"\n### {size:,} perjanjian".replace(",", "."))
    print("\n| halaman | peran | median ms | p95 ms | kueri | bare median ms | Sinergi ÷ bare | ÷ daftar |")
    print("|---|---|---|---|---|---|---|---|")
    for role, rows in results.items():
        labels = dict.fromkeys(key.split("|")[0] for key in rows)
        listed = rows["Daftar perjanjian|sinergi"]["median"]
        for label in labels:
            ours, bare = rows.get(f"{label}|sinergi"), rows.get(f"{label}|bare")
            ratio = f"{ours['median'] / bare['median']:.2f}" if bare else ""
            bare_ms = f"{bare['median']:.0f}" if bare else ""
            # The dashboards' target is "within 3x the agreements list's time in the same run".
            to_list = "" if bare else f"{ours['median'] / listed:.2f}"
            print(
                f"| {label} | {role} | {ours['median']:.0f} | {ours['p95']:.0f} | {ours['queries']} | {bare_ms} | "
                f"{ratio} | {to_list} |"
            )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--throughput", action="store_true")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        sys.path.insert(0, str(ROOT))
        measure_size(args.repeat)
        return
    for size in [int(size) for size in args.sizes.split(",")]:
        started = time.perf_counter()
        prepare(size)
        print(f"\n(data {size}: {time.perf_counter() - started:.0f} s)", file=sys.stderr)
        output = run(
            [PYTHON, str(Path(__file__)), "--measure", "--repeat", str(args.repeat)],
            size,
            capture_output=True,
            text=True,
        ).stdout
        print_table(size, json.loads(output.strip().splitlines()[-1]))
        if args.throughput:
            figures = throughput(size)
            print(
                "\ngunicorn, 4 workers, 8 clients, 20 s, daftar perjanjian (UPT): "
                f"{figures['rps']:.1f} permintaan/detik, "
                f"{figures['errors']} galat"
            )
        if not args.keep:
            drop(size)


if __name__ == "__main__":
    main()
