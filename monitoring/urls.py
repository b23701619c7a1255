"""The monitoring pages keep the addresses they had when they lived with the agreements and the partners
(printed QR codes carry them): `sinergi/urls.py` mounts these lists under those apps' paths and names."""

from django.urls import path

from monitoring import coverage, notification_views, views

register_urlpatterns = [
    path("daftar.pdf", views.register_pdf, name="register_pdf"),
    path("cetak/<int:pk>/", views.register_export, name="register_export"),
    path("cetak/<int:pk>/unduh/", views.register_export_download, name="register_export_download"),
    # How far the national agreements have been followed up, under the agreements too.
    path("cakupan/", coverage.coverage_matrix, name="coverage"),
    path("cakupan.pdf", coverage.coverage_pdf, name="coverage_pdf"),
    path("<int:pk>/evaluasi/", notification_views.renewal_evaluation, name="renewal_evaluation"),
]

notification_urlpatterns = [
    path("", notification_views.notification_list, name="list"),
    path("dibaca/", notification_views.notification_read, name="read_all"),
    path("<int:pk>/dibaca/", notification_views.notification_read, name="read"),
    path("pengaturan/", notification_views.notification_settings, name="settings"),
    path("pengaturan/kalender/", notification_views.calendar_token, name="calendar_token"),
]

partner_urlpatterns = [
    path("", views.partner_list, name="list"),
    path("status/", views.partner_status, name="status"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/laporan.pdf", views.partner_status_report_pdf, name="status_report_pdf"),
]
