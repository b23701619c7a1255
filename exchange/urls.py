from django.urls import path, re_path

from exchange import views

app_name = "exchange"

urlpatterns = [
    re_path(
        r"^ekspor/(?P<what>perjanjian|mitra|kegiatan|cakupan)\.(?P<fmt>xlsx|csv)$", views.export_list, name="export"
    ),
    path("impor/", views.import_start, name="import_start"),
    re_path(r"^impor/templat-(?P<kind>perjanjian|mitra)\.xlsx$", views.import_template, name="import_template"),
    path("impor/pemetaan/<int:pk>/lupakan/", views.mapping_forget, name="mapping_forget"),
    path("impor/<int:pk>/", views.import_detail, name="import_detail"),
    path("impor/<int:pk>/kolom/", views.import_columns, name="import_columns"),
    path("impor/<int:pk>/mitra/", views.import_choose_partners, name="import_choose_partners"),
    path("impor/<int:pk>/konfirmasi/", views.import_confirm, name="import_confirm"),
    path("impor/<int:pk>/verifikasi/", views.import_verify, name="import_verify"),
    path("impor/<int:pk>/ditolak.xlsx", views.import_errors, name="import_errors"),
    path("akses-api/", views.api_access, name="api_access"),
    path("akses-api/token/", views.api_token_create, name="api_token_create"),
    path("akses-api/cabut/", views.api_token_revoke, name="api_token_revoke"),
]
