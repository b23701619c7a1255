from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Unit dan Akun")

    def ready(self):
        from units import sessions  # noqa: F401 - connects the logout receiver
