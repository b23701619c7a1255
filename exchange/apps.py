from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Pertukaran data")

    def ready(self):
        # The imports waiting for a head's verification, on the head's home page.
        import exchange.panels  # noqa: F401
