"""Sales plans and their approval."""

from django.urls import path

from planning.views import plans

urlpatterns = [
    path("planning/plans/", plans.plan_list, name="plans"),
    path("planning/plans/new/", plans.plan_create, name="plan_create"),
    path("planning/plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("planning/plans/<int:pk>/lines/", plans.plan_line_add, name="plan_line_add"),
    path("planning/plans/lines/<int:pk>/", plans.plan_line_edit, name="plan_line_edit"),
    path("planning/plans/lines/<int:pk>/delete/", plans.plan_line_delete, name="plan_line_delete"),
    path("planning/plans/<int:pk>/submit/", plans.plan_transition, {"action": "submit"}, name="plan_submit"),
    path("planning/plans/<int:pk>/approve/", plans.plan_transition, {"action": "approve"}, name="plan_approve"),
    path("planning/plans/<int:pk>/return/", plans.plan_transition, {"action": "return"}, name="plan_return"),
]
