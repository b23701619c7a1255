"""How fast registers go in and out as spreadsheets, and how much memory that takes, at 10,000 rows.

    .venv/bin/python benchmarks/exchange.py [--rows 10000]

Builds its own throwaway SQLite database (migrations, one unit, one operator, one partner), writes a CSV register
of N agreements (each with a party and a program), then runs each step in a fresh subprocess so that its peak
memory (VmHWM) is its own:

- check (the preview: every row validated, nothing saved) of the CSV, and import of it (one transaction);
- export of the N agreements to .xlsx (openpyxl write-only, to a temporary file) and to .csv (streamed);
- check of the exported .xlsx (openpyxl read-only), i.e. the way back in: every row names an agreement already
  there, so each is compared with it field by field (the preview of an update).

Rates are rows per second of wall time; the absolute figures depend on the machine.
"""

import argparse
import contextlib
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = ["check-csv", "import", "export-xlsx", "export-csv", "check-xlsx"]


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "sinergi.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def memory_kib(field):
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reset_peak_memory():
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def register_csv(rows):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(
        ["Nomor", "Jenis", "Perihal", "Mitra", "Penanda tangan mitra", "Penanda tangan pihak kami"]
        + ["Tanggal penandatanganan", "Tanggal berakhir", "Program", "Sasaran program", "Target peserta"]
    )
    for number in range(rows):
        writer.writerow(
            [f"PKS-{number:05}", "PKS", f"Kerja sama ke-{number}", "Kantor Kementerian Agama Kabupaten Blora"]
            + ["Roziqun", "Budi Hardiono", "30/12/2024", "30 Desember 2027", "Bimbingan keagamaan", "Narapidana", "50"]
        )
    return output.getvalue().encode()


def build(workdir, rows):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from exchange.models import ImportJob
    from partners.models import Partner
    from units.models import Unit, User

    pusat = Unit.objects.create(name="Direktorat Jenderal Pemasyarakatan", kind=Unit.Kind.DITJENPAS)
    unit = Unit.objects.create(name="Rutan Kelas IIB Blora", kind=Unit.Kind.RUTAN, grade="IIB", parent=pusat)
    user = User.objects.create(username="operator.blora", unit=unit, role=User.Role.OPERATOR)
    Partner.objects.create(
        name="Kantor Kementerian Agama Kabupaten Blora", sector="sosial_keagamaan", level="kabupaten_kota"
    )
    job = ImportJob.objects.create(
        requested_by=user, kind=ImportJob.Kind.AGREEMENTS, original_name="register.csv",
        file=ContentFile(register_csv(rows), name="register.csv"),
    )  # fmt: skip
    return job.pk


def run_step(step, job_id, workdir):
    """In a subprocess: one step, timed, with the peak memory it reached."""
    from django.core.files.base import ContentFile
    from django.http import QueryDict

    from exchange.exports import export_response
    from exchange.importing import check_job, run_import
    from exchange.models import ImportJob

    job = ImportJob.objects.select_related("requested_by__unit").get(pk=job_id)
    user = job.requested_by
    baseline = memory_kib("VmRSS")
    reset_peak_memory()
    started = time.perf_counter()
    if step == "check-csv":
        check_job(job)
        rows, note = job.total_rows, f"{job.refused_rows} ditolak"
    elif step == "import":
        run_import(job)
        rows, note = job.created_count, job.error or "semua atau tidak sama sekali"
    elif step.startswith("export-"):
        fmt = step.split("-")[1]
        response = export_response(user, QueryDict(""), what="perjanjian", fmt=fmt)
        size = 0
        with open(Path(workdir) / f"export.{fmt}", "wb") as output:
            for chunk in response.streaming_content:
                output.write(chunk)
                size += len(chunk)
        response.close()
        from agreements.models import Agreement

        rows, note = Agreement.objects.count(), f"{size / 1024:.0f} KiB"
    else:
        content = (Path(workdir) / "export.xlsx").read_bytes()
        again = ImportJob.objects.create(
            requested_by=user, kind=ImportJob.Kind.AGREEMENTS, original_name="export.xlsx",
            file=ContentFile(content, name="export.xlsx"),
        )  # fmt: skip
        check_job(again)
        counts = again.row_counts()
        # The numbers are the unit's own already: each row is compared with its agreement (an update).
        rows, note = again.total_rows, f"{again.refused_rows} ditolak, {counts['unchanged']} tidak berubah"
    seconds = time.perf_counter() - started
    return {
        "step": step,
        "rows": rows,
        "seconds": seconds,
        "peak_kib": memory_kib("VmHWM"),
        "baseline_kib": baseline,
        "note": note,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--job", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        setup_django(args.workdir)
        print(json.dumps(run_step(args.step, args.job, args.workdir)))
        return
    with tempfile.TemporaryDirectory(prefix="sinergi-bench-") as workdir:
        setup_django(workdir)
        print(f"Menyiapkan basis data dan register {args.rows:,} baris…".replace(",", "."), flush=True)
        job_id = build(workdir, args.rows)
        results = []
        for step in STEPS:
            command = [sys.executable, __file__, "--workdir", workdir, "--step", step, "--job", str(job_id)]
            output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
    print()
    print("langkah        baris    waktu    baris/detik   puncak RSS (sebelum)   catatan")
    for r in results:
        rate = r["rows"] / r["seconds"] if r["seconds"] else 0
        print(
            f"{r['step']:12} {r['rows']:7d} {r['seconds']:7.1f} s {rate:10.0f}"
            f" {r['peak_kib'] / 1024:9.0f} MiB ({r['baseline_kib'] / 1024:4.0f} MiB)   {r['note']}"
        )


if __name__ == "__main__":
    main()
