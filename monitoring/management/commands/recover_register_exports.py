from django.core.management.base import BaseCommand

from monitoring.tasks import recover_stalled_exports


class Command(BaseCommand):
    help = (
        "Antrekan ulang cetakan daftar yang terhenti karena proses latar belakangnya mati, atau tandai gagal "
        "setelah beberapa kali mencoba. Untuk dijalankan terjadwal (mis. tiap 5 menit)."
    )

    def handle(self, **options):
        requeued, failed = recover_stalled_exports()
        self.stdout.write(f"{len(requeued)} cetakan daftar diantrekan ulang, {len(failed)} ditandai gagal.")
