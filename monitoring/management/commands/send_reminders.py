from django.core.management.base import BaseCommand
from django.utils import timezone

from monitoring.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Kirim pengingat hari ini: perjanjian yang akan berakhir, perjanjian tanpa kegiatan, dan surel yang belum "
        "terkirim. Aman dijalankan berulang kali; jalankan setiap hari (cron atau systemd timer)."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        counts = send_reminders(today)
        self.stdout.write(
            f"{today:%Y-%m-%d}: {counts['ending']} pengingat berakhir, {counts['dormant']} laporan tanpa kegiatan, "
            f"{counts['emails_sent']} surel terkirim, {counts['emails_failed']} surel gagal (dicoba lagi besok)."
        )
