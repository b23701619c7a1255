from django.urls import path

from agreements import views

urlpatterns = [
    path("", views.home, name="home"),
]
