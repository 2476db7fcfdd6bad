from django.urls import path

from meetings.views import followup, meeting_commitments, meeting_page, preparation

urlpatterns = [
    path("meetings/<int:pk>/", meeting_page.meeting_detail, name="detail"),
    # Preparation
    path("meetings/<int:pk>/topics/new/", preparation.topic_add, name="topic_add"),
    path("meetings/topics/<int:pk>/edit/", preparation.topic_edit, name="topic_edit"),
    path("meetings/topics/<int:pk>/move/", preparation.topic_move, name="topic_move"),
    path("meetings/topics/<int:pk>/delete/", preparation.topic_delete, name="topic_delete"),
    path("meetings/<int:pk>/targets/new/", preparation.target_add, name="target_add"),
    path("meetings/targets/<int:pk>/edit/", preparation.target_edit, name="target_edit"),
    path("meetings/targets/<int:pk>/delete/", preparation.target_delete, name="target_delete"),
    path("meetings/<int:pk>/checklist/<str:item>/", preparation.checklist_item_edit, name="checklist_item"),
    # Follow-up
    path("meetings/<int:pk>/held/", followup.meeting_hold, name="hold"),
    path("meetings/topics/<int:pk>/outcome/", followup.topic_outcome, name="topic_outcome"),
    path("meetings/targets/<int:pk>/agreed/", followup.target_agreed, name="target_agreed"),
    path("meetings/<int:pk>/signals/", followup.signals_edit, name="signals"),
    path("meetings/<int:pk>/minutes/", followup.minutes_edit, name="minutes"),
    path("meetings/<int:pk>/commitments/new/", meeting_commitments.commitment_add, name="commitment_add"),
    path("commitments/<int:pk>/edit/", meeting_commitments.commitment_edit, name="commitment_edit"),
]
