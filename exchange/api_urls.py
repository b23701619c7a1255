"""The read API under /api/: the records, the OpenAPI schema and its documentation page."""

from django.contrib.auth.decorators import login_required
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
router.register("tindak-lanjut", views.FollowUpViewSet, basename="follow-up")

docs_view = SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="exchange/swagger_ui.html")

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # A page for people: someone not signed in is sent to sign in rather than shown a bare 401.
    path("docs/", login_required(docs_view), name="docs"),
]
