from django.core.management.base import BaseCommand

from agreements.models import AgreementDocument
from programs.models import ActivityEvidence


class Command(BaseCommand):
    help = (
        "Hapus untuk selamanya dokumen perjanjian dan bukti kegiatan yang sudah ditarik (berkas dan barisnya); "
        "riwayatnya tetap. Hanya untuk administrator server, mis. setelah foto yang memperlihatkan wajah ditarik."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Hanya sebutkan yang akan dihapus.")

    def handle(self, *, dry_run, **options):
        # Operators can only withdraw (a reason, kept in history); removing the file itself is an administrator's
        # decision taken here, outside the web pages.
        count = 0
        for model in (AgreementDocument, ActivityEvidence):
            for stored in model.objects.withdrawn().iterator():
                self.stdout.write(f"{model._meta.verbose_name}: {stored} (ditarik: {stored.withdrawal_reason})")
                if not dry_run:
                    for field in ("file", "thumbnail"):
                        if getattr(stored, field, None):
                            getattr(stored, field).delete(save=False)
                    stored.delete()
                count += 1
        verb = "akan dihapus" if dry_run else "dihapus"
        self.stdout.write(f"{count} berkas yang ditarik {verb}.")
