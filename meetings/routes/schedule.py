from django.urls import path

from meetings.views import calendar, meeting_list, schedule

urlpatterns = [
    path("meetings/", meeting_list.meeting_list, name="list"),
    path("meetings/new/", schedule.meeting_schedule, name="schedule"),
    path("meetings/<int:pk>/edit/", schedule.meeting_edit, name="edit"),
    path("meetings/<int:pk>/cancel/", schedule.meeting_cancel, name="cancel"),
    path("meetings/<int:pk>/event.ics", calendar.meeting_ics, name="ics"),
    path("meetings/calendar/<str:token>.ics", calendar.calendar_feed, name="feed"),
    path("accounts/<int:pk>/meetings/", meeting_list.account_meetings_tab, name="account_tab"),
]
