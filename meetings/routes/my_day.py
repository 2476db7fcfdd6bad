from django.urls import path

from meetings.views import my_day

urlpatterns = [
    # "/" shows it to account managers; directors land on their dashboard and come here.
    path("my-day/", my_day.my_day, name="my_day"),
]
