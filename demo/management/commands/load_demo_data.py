from django.core.management.base import BaseCommand, CommandError

from demo import loader


class Command(BaseCommand):
    help = (
        "Memuat data demo: PKS Rutan Kelas IIB Blora dengan Kemenag Blora, penandatanganan Ditjenpas dengan "
        "sembilan mitra strategis, dan data contoh di sekitarnya. Tidak mengubah apa pun bila sudah dimuat."
    )

    def handle(self, *args, **options):
        try:
            loader.load(stdout=self.stdout)
        except LookupError as error:
            raise CommandError(str(error)) from error
