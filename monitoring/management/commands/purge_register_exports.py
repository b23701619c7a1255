from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from monitoring.models import RegisterExport


class Command(BaseCommand):
    help = "Hapus cetakan daftar perjanjian (berkas PDF) yang lebih tua dari N hari. Untuk dijalankan terjadwal."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Umur cetakan yang dihapus (hari, bawaan 30).")

    def handle(self, *, days, **options):
        # A printed register is derived from the agreements at the time it was made: it can always be printed
        # again, so old files are removed rather than kept forever on the server's disk.
        cutoff = timezone.now() - timedelta(days=days)
        old = RegisterExport.objects.filter(created_at__lt=cutoff)
        count = 0
        for export in old.iterator():
            if export.file:
                export.file.delete(save=False)
            export.delete()
            count += 1
        self.stdout.write(f"{count} cetakan daftar yang lebih tua dari {days} hari dihapus.")
