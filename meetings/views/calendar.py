"""Meetings for calendars: one meeting's .ics file, and each user's private feed."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kam.core.access import deny_not_found
from meetings.calendar import calendar_ics
from meetings.models import Meeting
from meetings.selectors.access import meeting_get_for_user
from meetings.selectors.meetings import calendar_feed_owner, meeting_feed_for_user

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _url_for(request: HttpRequest):
    return lambda meeting: request.build_absolute_uri(meeting.get_absolute_url())


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting as an .ics download, for whoever may see it."""
    meeting = meeting_get_for_user(user=request.user, pk=pk)
    response = HttpResponse(calendar_ics([meeting], url_for=_url_for(request)), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@login_not_required
@require_GET
@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The token owner's meetings, for a calendar app to subscribe to without a session: the
    token is the credential. 404 for an unknown (or replaced) token or an inactive user.
    Three queries: the token, the owner's regions (directors), the meetings."""
    user = calendar_feed_owner(token=token)
    if user is None:
        raise deny_not_found(None, "calendar feed", "token")
    meetings: list[Meeting] = list(meeting_feed_for_user(user=user, now=timezone.now()))
    name = _("KAM meetings — %(name)s") % {"name": user}
    return HttpResponse(calendar_ics(meetings, url_for=_url_for(request), name=name), content_type=CONTENT_TYPE)
