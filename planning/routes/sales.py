"""The account's Sales tab and the competitors recorded at the account."""

from django.urls import path

from planning.views import sales

urlpatterns = [
    path("accounts/<int:pk>/sales/", sales.sales_tab, name="sales"),
    path("accounts/<int:pk>/sales/competitors/", sales.competitor_add, name="competitor_add"),
    path("accounts/competitors/<int:pk>/remove/", sales.competitor_remove, name="competitor_remove"),
]
