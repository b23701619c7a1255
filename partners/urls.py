from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("baru/", views.partner_create, name="create"),
    path("cari/", views.partner_autocomplete, name="autocomplete"),
    path("<int:pk>/ubah/", views.partner_update, name="update"),
]
