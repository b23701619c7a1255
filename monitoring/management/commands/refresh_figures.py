"""Count every snapshot of wide figures again (monitoring/snapshots.py): for a scheduler, every few minutes, where
no task worker runs; the worker does the same on its own when a page finds a snapshot stale."""

from django.core.management.base import BaseCommand

from monitoring.snapshots import recount_all


class Command(BaseCommand):
    help = "Menghitung ulang angka ringkasan unit yang luas (Ditjenpas, Kanwil besar)."

    def handle(self, *args, **options):
        count = recount_all()
        self.stdout.write(f"{count} ringkasan dihitung ulang.")
