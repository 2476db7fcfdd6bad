"""Client development plans (AccountPlan) and their parts."""

from django.urls import path

from planning.views import development

urlpatterns = [
    path("accounts/<int:account_pk>/development/new/", development.account_plan_create, name="account_plan_create"),
    path("planning/development/<int:pk>/", development.account_plan_detail, name="account_plan"),
    path("planning/development/<int:pk>/edit/", development.account_plan_edit, name="account_plan_edit"),
    path("planning/development/<int:pk>/reopen/", development.account_plan_reopen, name="account_plan_reopen"),
    path("planning/development/<int:pk>/<slug:part>/add/", development.part_add, name="account_plan_part_add"),
    path("planning/development/<int:pk>/<slug:part>/<int:item>/", development.part_edit, name="account_plan_part_edit"),
    path(
        "planning/development/<int:pk>/<slug:part>/<int:item>/delete/",
        development.part_delete,
        name="account_plan_part_delete",
    ),
    path("planning/development/stages/<int:pk>/done/", development.stage_done, name="plan_stage_done"),
    path(
        "planning/development/contacts/<int:pk>/meeting/",
        development.planned_contact_meeting,
        name="planned_contact_meeting",
    ),
]
