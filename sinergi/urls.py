from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from agreements import views as agreement_views

admin.site.site_header = _("Sinergi — administrasi")
admin.site.site_title = _("Sinergi")
admin.site.index_title = _("Pengelolaan data kerja sama")

urlpatterns = [
    path("", agreement_views.home, name="home"),
    path("perjanjian/", include("agreements.urls")),
    path("mitra/", include("partners.urls")),
    path("program/", include("programs.urls")),
    path("akun/", include("units.urls")),
    path("bahasa/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
