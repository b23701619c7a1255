from django.urls import path

from programs import views

app_name = "programs"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.program_detail, name="detail"),
    path("kegiatan/", views.activity_list, name="activity_list"),
    path("kegiatan/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("kegiatan/<int:pk>/ubah/", views.activity_update, name="activity_update"),
    path("kegiatan/<int:pk>/batalkan/", views.activity_cancel, name="activity_cancel"),
    path("perjanjian-program/<int:pk>/kegiatan/baru/", views.activity_create, name="activity_create"),
    path("bukti/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("bukti/<int:pk>/kecil/", views.evidence_thumbnail, name="evidence_thumbnail"),
    path("bukti/<int:pk>/tarik/", views.evidence_withdraw, name="evidence_withdraw"),
]
