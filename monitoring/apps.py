from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring dan evaluasi")

    def ready(self):
        # Registers the figures a snapshot may hold, so the task worker can recount them.
        import monitoring.dashboard  # noqa: F401

        # The agreements app announces verification steps; telling people about them is monitoring's job.
        from agreements.verification import batch_recorded, step_recorded
        from monitoring.notifications import on_verification_batch, on_verification_step

        step_recorded.connect(on_verification_step, dispatch_uid="monitoring-verification-notifications")
        batch_recorded.connect(on_verification_batch, dispatch_uid="monitoring-verification-batch-notifications")
