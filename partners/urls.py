from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("baru/", views.partner_create, name="create"),
    path("cari/", views.partner_autocomplete, name="autocomplete"),
    path("status/", views.partner_status, name="status"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/ubah/", views.partner_update, name="update"),
    path("<int:pk>/laporan.pdf", views.partner_status_report_pdf, name="status_report_pdf"),
]
