"""Meetings (/meetings/…), the commitments queue (/commitments/…), the account's Meetings
tab (/accounts/<id>/meetings/) and "my day" (/my-day/): one namespace, `meetings:`."""

from meetings.routes import commitments, my_day, packs, page, schedule

app_name = "meetings"

urlpatterns = [
    *schedule.urlpatterns,
    *page.urlpatterns,
    *commitments.urlpatterns,
    *packs.urlpatterns,
    *my_day.urlpatterns,
]
