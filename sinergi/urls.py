from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Sinergi — administrasi")
admin.site.site_title = _("Sinergi")
admin.site.index_title = _("Pengelolaan data kerja sama")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("akun/", include("django.contrib.auth.urls")),
    path("", include("agreements.urls")),
]
