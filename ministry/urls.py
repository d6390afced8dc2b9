"""Public URLs of the ministry app (under the language prefix): the progress page."""

from django.urls import path

from ministry import views

urlpatterns = [
    path("progress/", views.progress_view, name="progress"),
]
