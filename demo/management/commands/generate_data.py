import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from agreements.models import Agreement
from demo import national


class Command(BaseCommand):
    help = (
        "Membuat data contoh berskala nasional untuk pengukuran (hanya PostgreSQL, basis data kosong): "
        "±700 unit di bawah 33 Kanwil, puluhan ribu mitra, perjanjian sebanyak --agreements."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, default=100_000)
        parser.add_argument("--partners", type=int, default=30_000)

    def handle(self, *, agreements, partners, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_data memerlukan PostgreSQL.")
        if Agreement.objects.exists():
            raise CommandError("Basis data sudah berisi perjanjian; gunakan basis data kosong.")
        started = time.perf_counter()
        try:
            counts = national.generate(agreements=agreements, partners=partners)
        except LookupError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{counts['units']} unit, {counts['partners']} mitra, {counts['agreements']} perjanjian, "
            f"{counts['activities']} kegiatan dalam {seconds:.0f} detik. Akun: bench.upt, bench.kepala, "
            f"bench.kanwil, bench.pusat (kata sandi {national.PASSWORD})."
        )
