"""The read API under /api/: the records, the OpenAPI schema and its documentation page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from exchange.api import views

app_name = "api"

router = SimpleRouter()
router.register("perjanjian", views.AgreementViewSet, basename="agreement")
router.register("mitra", views.PartnerViewSet, basename="partner")
router.register("program", views.ProgramViewSet, basename="program")
router.register("kegiatan", views.ActivityViewSet, basename="activity")

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="exchange/swagger_ui.html"),
        name="docs",
    ),
]
