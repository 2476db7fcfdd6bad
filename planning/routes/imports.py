"""Importing actual sales."""

from django.urls import path

from planning.views import imports

urlpatterns = [
    path("planning/import/", imports.import_page, name="import"),
    path("planning/import/apply/", imports.import_apply, name="import_apply"),
    path("planning/import/template.csv", imports.import_template, name="import_template"),
]
