from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("baru/", views.partner_create, name="create"),
    path("cari/", views.partner_autocomplete, name="autocomplete"),
    path("usulan/", views.correction_list, name="corrections"),
    path("usulan/<int:pk>/putuskan/", views.correction_decide, name="correction_decide"),
    path("<int:pk>/ubah/", views.partner_update, name="update"),
    path("<int:pk>/usulkan-perbaikan/", views.partner_propose, name="propose"),
    path("<int:pk>/gabungkan/", views.partner_merge, name="merge"),
]
