"""Loading the demo in one go: `load()` is idempotent, when the Blora PKS is already there it changes nothing."""

import time

from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement
from demo.activities import load_activities
from demo.agreements import load_programs, real_cases
from demo.builder import Builder
from demo.cascade import load_cascade
from demo.data.agreements import BLORA_SIGNED_ON
from demo.data.units import BLORA, PASSWORD
from demo.partners import build_partners
from demo.samples import sample_agreements
from demo.units import build_units, build_users
from demo.verification import load_verification_demo
from partners.models import Partner
from programs.models import Activity
from units.models import Unit, User


def already_loaded():
    return Agreement.objects.filter(unit__name=BLORA, kind=Agreement.Kind.PKS, signed_on=BLORA_SIGNED_ON).exists()


def load(today=None, stdout=None):
    """Load the demo data unless it is already there. Returns a summary dict, or None when nothing was done.

    `today` anchors the sample agreements' dates so every status shows up on that day; the two real cases keep
    their own dates. `stdout`, when given, receives a short report in Indonesian.
    """
    started = time.monotonic()
    today = today or timezone.localdate()
    if already_loaded():
        # Demo data loaded before activities could be recorded gets its activities once.
        added = 0 if Activity.objects.exists() else load_activities(today)
        if stdout is not None:
            stdout.write(
                "Data demo sudah ada (PKS Rutan Kelas IIB Blora tanggal 30 Desember 2024 ditemukan); "
                + (f"hanya {added} kegiatan contoh yang ditambahkan." if added else "tidak ada yang diubah.")
            )
        return None
    with transaction.atomic():
        build(today)
    summary = summarize(today)
    summary["seconds"] = time.monotonic() - started
    if stdout is not None:
        report(summary, stdout)
    return summary


def build(today):
    # The order matters: each step uses what the ones before it built, and all draw from one seeded generator.
    builder = Builder(today)
    load_programs(builder)
    build_units(builder)
    build_users(builder)
    build_partners(builder)
    real_cases(builder)
    sample_agreements(builder)
    load_activities(today)
    load_cascade(today)
    load_verification_demo()


def summarize(today):
    return {
        "units": Unit.objects.count(),
        "users": User.objects.count(),
        "partners": Partner.objects.count(),
        "agreements": Agreement.objects.count(),
        "activities": Activity.objects.count(),
        "dormant": Agreement.objects.dormant(today).count(),
        "by_status": Agreement.objects.status_counts(today),
    }


def report(summary, stdout):
    seconds = f"{summary['seconds']:.1f}".replace(".", ",")
    stdout.write(
        f"Data demo dimuat dalam {seconds} detik: {summary['units']} unit, {summary['users']} akun, "
        f"{summary['partners']} mitra, {summary['agreements']} perjanjian, {summary['activities']} kegiatan "
        f"({summary['dormant']} perjanjian berlaku tanpa kegiatan baru-baru ini)."
    )
    stdout.write(
        "Status perjanjian: " + ", ".join(f"{status.label} {n}" for status, n in summary["by_status"].items()) + "."
    )
    stdout.write(f"Semua akun demo memakai kata sandi “{PASSWORD}”.")
