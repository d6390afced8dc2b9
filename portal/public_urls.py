"""Public URLs of the portal app (under the language prefix)."""

from django.urls import path

from portal import views

urlpatterns = [
    path("progress/", views.progress_view, name="progress"),
]
