"""Cloning a plan to the next year, sales or development."""

from django.urls import path

from planning.views import clones

urlpatterns = [
    path("planning/plans/<int:pk>/clone/", clones.plan_clone, name="plan_clone"),
    path("planning/development/<int:pk>/clone/", clones.account_plan_clone, name="account_plan_clone"),
]
