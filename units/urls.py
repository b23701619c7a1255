from django.contrib.auth import views as auth_views
from django.urls import path

from units import views
from units.forms import SignInForm

# No self-service password reset: intranet mail is unreliable and accounts belong to the unit, so an
# administrator resets a forgotten password.
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("unit/cari/", views.unit_autocomplete, name="unit_autocomplete"),
]
