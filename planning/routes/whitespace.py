"""The regional whitespace grid: accounts × product groups."""

from django.urls import path

from planning.views import whitespace

urlpatterns = [
    path("planning/whitespace/", whitespace.region_grid, name="whitespace"),
]
