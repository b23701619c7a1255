"""How long Sinergi's PDFs take, measured side by side with a bare WeasyPrint render of the same HTML.

    .venv/bin/python benchmarks/pdf.py

Builds its own throwaway SQLite database (migrations, the demo data, and two extra units holding 100 and 1,000
agreements), then prints:

- the agreement summary of the Blora PKS through Sinergi's view (sign-in, queries, template, the local-only URL
  fetcher, WeasyPrint) against `weasyprint.HTML(string=same_html).write_pdf()` — the ratio is the overhead of our
  code; the target is at most 1.3;
- the signed-agreement bundle (summary + a 10-page scan merged with pypdf);
- the register at 100 and at 1,000 rows, each in a fresh subprocess so its peak memory (VmHWM) is its own.

Times are medians; compare them as ratios, the absolute figures depend on the machine.
"""

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1000)


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "sinergi.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    # A register of 1,000 rows goes to the worker in real use; here it is rendered in-process by the same function.
    settings.SINERGI_REGISTER_INLINE_LIMIT = 10**9


def cpu_seconds(action):
    started = time.process_time()
    action()
    return time.process_time() - started


def interleaved_medians(actions, repeat):
    """{name: median CPU seconds}, the actions taking turns so that a busy machine slows them all alike.

    CPU time, not wall time: the renders are single-threaded and CPU-bound, and CPU time stays comparable when
    other processes share the machine."""
    for action in actions.values():
        action()  # warm-up: fonts, templates and imports are loaded once per process
    runs = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            runs[name].append(cpu_seconds(action))
    return {name: statistics.median(times) for name, times in runs.items()}


def bare_render(html):
    """WeasyPrint with its own defaults: the same HTML, the stylesheet read straight from disk."""
    from django.templatetags.static import static
    from weasyprint import HTML

    stylesheet = (ROOT / "static" / "css" / "print.css").as_uri()
    return HTML(string=html.replace(f'href="{static("css/print.css")}"', f'href="{stylesheet}"')).write_pdf()


def build_data(workdir):
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from weasyprint import HTML

    from agreements.models import Agreement, AgreementDocument, AgreementParty
    from partners.models import Partner
    from units.models import Unit

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    kanwil = Unit.objects.get(name="Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Tengah")
    partners = list(Partner.objects.order_by("pk")[:20])
    units = {}
    for size in SIZES:
        unit = Unit.objects.create(
            kind=Unit.Kind.RUTAN, grade=Unit.Grade.IIB, name=f"Rutan Kelas IIB Uji {size}", parent=kanwil
        )
        units[size] = unit.pk
        agreements = Agreement.objects.bulk_create(
            Agreement(
                unit=unit,
                kind=Agreement.Kind.PKS,
                subject=f"Pembinaan kemandirian dan pelatihan kerja bersertifikat bagi warga binaan, angkatan {n}",
                number=f"W.13.PAS.PAS.9-HM.05.02-{n:04d} Tahun 2025",
                signed_on=f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                signed_place="Semarang",
                our_signatory_name="Kepala Rutan Uji",
                ends_on=f"{2026 + n % 4}-12-31",
            )
            for n in range(size)
        )
        AgreementParty.objects.bulk_create(
            AgreementParty(agreement=agreement, partner=partners[n % len(partners)], number=f"B-{size}-{n:04d}/2025")
            for n, agreement in enumerate(agreements)
        )
    blora = Agreement.objects.get(subject="Pembinaan keagamaan bagi warga binaan Rutan Kelas IIB Blora")
    scan = HTML(
        string="".join(f'<h1 style="break-before: page">Naskah, lembar {page}</h1>' for page in range(1, 11))
    ).write_pdf()
    document = AgreementDocument(agreement=blora, kind=AgreementDocument.Kind.SIGNED_SCAN, title="Naskah")
    document.file.save("naskah.pdf", ContentFile(scan), save=True)
    return {"blora": blora.pk, "units": units}


def measure_documents(data, repeat):
    from django.template.loader import render_to_string
    from django.test import Client
    from django.urls import reverse

    from agreements import views
    from agreements.models import Agreement
    from sinergi.printing import print_context, printed_by
    from units.models import Unit, User

    user = User.objects.get(username="operator.blora")
    client = Client()
    client.force_login(user)
    summary_url = reverse("agreements:summary_pdf", args=[data["blora"]])
    bundle_url = reverse("agreements:bundle_pdf", args=[data["blora"]])
    for url in (summary_url, bundle_url):
        assert client.get(url).status_code == 200, url

    agreement = Agreement.objects.select_related("unit").get(pk=data["blora"])
    context = {
        **views.agreement_facts(user, agreement),
        **print_context(letterhead=Unit.objects.letterhead_for(agreement.unit), path=agreement.get_absolute_url()),
        "printed_by": printed_by(user),
    }
    html = render_to_string("agreements/pdf/summary.html", context)
    return interleaved_medians(
        {
            "summary": lambda: client.get(summary_url),
            "bare": lambda: bare_render(html),
            "bundle": lambda: client.get(bundle_url),
        },
        repeat,
    )


def measure_register(unit_id):
    """Run in a subprocess: the register of one unit's agreements, through the same function the worker uses."""
    from monitoring.register import render_register
    from units.models import User

    user = User.objects.get(username="admin")
    baseline = memory_kib("VmRSS")
    reset_peak_memory()
    started, cpu_started = time.perf_counter(), time.process_time()
    pdf, rows = render_register(user, f"unit={unit_id}")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = memory_kib("VmHWM")
    return {"rows": rows, "seconds": seconds, "cpu": cpu, "baseline_kib": baseline, "peak_kib": peak, "bytes": len(pdf)}


def memory_kib(field):
    """VmRSS (now) or VmHWM (peak) of this process from /proc, falling back to getrusage's lifetime peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reset_peak_memory():
    """Linux lets a process reset its peak RSS, so the peak read afterwards is the render's own."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median is printed)")
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    parser.add_argument("--register-unit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.register_unit:
        setup_django(args.workdir)
        print(json.dumps(measure_register(args.register_unit)))
        return

    with tempfile.TemporaryDirectory(prefix="sinergi-bench-") as workdir:
        setup_django(workdir)
        print("Menyiapkan data (migrasi, data demo, 1.100 perjanjian uji)…", flush=True)
        data = build_data(workdir)
        documents = measure_documents(data, args.repeat)
        registers = {}
        for size in SIZES:
            command = [sys.executable, __file__, "--workdir", workdir, "--register-unit", str(data["units"][size])]
            output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
            registers[size] = json.loads(output.strip().splitlines()[-1])

    summary, bare, bundle = documents["summary"], documents["bare"], documents["bundle"]
    print()
    print(f"Waktu CPU, median dari {args.repeat} kali, bergantian:")
    print(f"  Ringkasan lewat view Sinergi (login, kueri, templat, render): {summary * 1000:6.0f} ms")
    print(f"  Ringkasan, WeasyPrint polos atas HTML yang sama:              {bare * 1000:6.0f} ms")
    print(f"    rasio Sinergi / polos: {summary / bare:.2f}  (target ≤ 1,30)")
    print(f"  Berkas lengkap (ringkasan + pindaian 10 halaman, pypdf):      {bundle * 1000:6.0f} ms")
    print(f"    rasio berkas / ringkasan: {bundle / summary:.2f}")
    print()
    print("Daftar perjanjian, satu subproses per ukuran (puncak RSS selama render, dari /proc VmHWM):")
    print("  baris   waktu     CPU   puncak RSS   RSS sebelum render   ukuran PDF")
    for figures in registers.values():
        print(
            f"  {figures['rows']:5d} {figures['seconds']:6.1f} s {figures['cpu']:5.1f} s"
            f" {figures['peak_kib'] / 1024:8.0f} MiB {figures['baseline_kib'] / 1024:15.0f} MiB"
            f" {figures['bytes'] / 1024:10.0f} KiB"
        )
    small, large = registers[SIZES[0]], registers[SIZES[1]]
    growth = (large["peak_kib"] - large["baseline_kib"]) / 1024
    print(f"  rasio 1.000 / 100 baris: CPU {large['cpu'] / small['cpu']:.1f}×; 1.000 baris menambah {growth:.0f} MiB")


if __name__ == "__main__":
    main()
