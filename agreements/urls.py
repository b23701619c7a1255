from django.urls import path, re_path

from agreements import cascade_views, pdf, suggestions, views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("baru/", views.agreement_create, name="create"),
    path("cari/", suggestions.agreement_autocomplete, name="autocomplete"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/ubah/", views.agreement_update, name="update"),
    path("<int:pk>/akhiri/", views.agreement_terminate, name="terminate"),
    re_path(r"^(?P<pk>[0-9]+)/(?P<kind>adendum|pks)/$", views.agreement_create_child, name="create_child"),
    path("<int:pk>/perpanjang/", views.agreement_renew, name="renew"),
    path("<int:pk>/verifikasi/", views.agreement_verification, {"action": "verify"}, name="verify"),
    path("<int:pk>/kembalikan/", views.agreement_verification, {"action": "return"}, name="return"),
    path("<int:pk>/ajukan/", views.agreement_verification, {"action": "submit"}, name="submit"),
    path("<int:pk>/dokumen/", views.document_upload, name="document_upload"),
    path("dokumen/<int:pk>/unduh/", views.document_download, name="document_download"),
    path("dokumen/<int:pk>/tarik/", views.document_withdraw, name="document_withdraw"),
    path("<int:pk>/ringkasan.pdf", pdf.summary_pdf, name="summary_pdf"),
    path("<int:pk>/berkas.pdf", pdf.bundle_pdf, name="bundle_pdf"),
    path("<int:pk>/teruskan/", cascade_views.cascade, name="cascade"),
    path("<int:pk>/kantor-setempat/<int:partner_pk>/", cascade_views.local_office, name="local_office"),
    path("tindak-lanjut/<int:pk>/", cascade_views.follow_up, name="follow_up"),
    path("acara/baru/", cascade_views.event_create, name="event_create"),
    path("acara/<int:pk>/", cascade_views.event_detail, name="event_detail"),
    path("acara/berkas/<int:pk>/", cascade_views.event_file, name="event_file"),
]
