from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

import agreements.urls
import monitoring.urls
import partners.urls
from monitoring import notification_views
from monitoring import views as monitoring_views
from units import views as units_views

admin.site.site_header = _("Sinergi — administrasi")
admin.site.site_title = _("Sinergi")
admin.site.index_title = _("Pengelolaan data kerja sama")

urlpatterns = [
    path("", monitoring_views.home, name="home"),
    path("unit/<int:pk>/", monitoring_views.unit_dashboard, name="unit_dashboard"),
    # The printed register and the partner pages summarise across apps (monitoring) but keep their addresses
    # and names under the agreements and the partners.
    path("perjanjian/", include((agreements.urls.urlpatterns + monitoring.urls.register_urlpatterns, "agreements"))),
    path("mitra/", include((partners.urls.urlpatterns + monitoring.urls.partner_urlpatterns, "partners"))),
    path("program/", include("programs.urls")),
    path("akun/", include("units.urls")),
    path("pemberitahuan/", include((monitoring.urls.notification_urlpatterns, "notifications"))),
    path("kalender/<str:key>.ics", notification_views.calendar_feed, name="calendar_feed"),
    # Django's language switch, which also remembers the choice on the account (for e-mails).
    path("bahasa/setlang/", units_views.set_language, name="set_language"),
    path("data/", include("exchange.urls")),
    path("api/", include("exchange.api_urls")),
    path("bahasa/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
