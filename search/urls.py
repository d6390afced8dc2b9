"""Public URLs of the search app (under the language prefix)."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("programmes/", views.catalogue, name="catalogue"),
    path("programmes/ranking/", views.ranking, name="ranking"),
    path("programmes/shortlist/", views.shortlist, name="shortlist"),
    path("programmes/compare/", views.compare, name="compare"),
    path("search/", views.site_search, name="search"),
]
