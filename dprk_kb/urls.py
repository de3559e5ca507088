"""Root URLs: the public site, the exports beside each list, and the admin."""

from django.contrib import admin
from django.urls import path

from dprk_kb import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
]
