"""Meetings (/meetings/…), the commitments queue (/commitments/…) and the account's Meetings
tab (/accounts/<id>/meetings/): one namespace, `meetings:`."""

from meetings.routes import commitments, packs, page, schedule

app_name = "meetings"

urlpatterns = [*schedule.urlpatterns, *page.urlpatterns, *commitments.urlpatterns, *packs.urlpatterns]
