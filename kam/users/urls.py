"""The signed-in user's own page (/profile/)."""

from django.urls import path

from kam.users import views

app_name = "users"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("calendar-feed/", views.feed_reset, name="feed_reset"),
    path("reminders/", views.reminder_preferences, name="reminders"),
]
