"""The account's Plans tab: its sales plans with plan vs actual, and its development plans."""

from django.urls import path

from planning.views import account_tab

urlpatterns = [
    path("accounts/<int:account_pk>/plans/", account_tab.plans_tab, name="account_plans"),
]
