"""Session lifetime: an idle timeout and an absolute lifetime, both from settings."""

import time
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

STARTED = "_kam_session_started"
SEEN = "_kam_session_seen"
# Refresh the "last seen" mark at most this often, so a busy user does not write the
# session on every request.
SEEN_RESOLUTION_SECONDS = 60
# Sent by background polls (the bell's unread count): they are not the user's activity.
PASSIVE_HEADER = "X-KAM-Passive"


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            # A poll neither keeps an idle session alive nor, once it expired, answers with the
            # login page (204: htmx swaps nothing; the next real request shows the login).
            passive = request.headers.get(PASSIVE_HEADER) == "1"
            now = int(time.time())
            started = request.session.get(STARTED)
            seen = request.session.get(SEEN)
            if started is None:
                request.session[STARTED] = now
                request.session[SEEN] = now
            elif now - started > settings.KAM_SESSION_MAX_SECONDS or (
                seen is not None and now - seen > settings.KAM_SESSION_IDLE_SECONDS
            ):
                logout(request)
                messages.info(request, _("Your session has expired. Please log in again."))
                if passive:
                    return HttpResponse(status=204)
                return redirect_to_login(request.get_full_path())
            elif not passive and (seen is None or now - seen >= SEEN_RESOLUTION_SECONDS):
                request.session[SEEN] = now
        return self.get_response(request)


class UserTimeZoneMiddleware:
    """Shows times in the signed-in user's own zone, when they chose one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = getattr(request.user, "time_zone", "") if request.user.is_authenticated else ""
        try:
            zone = zoneinfo.ZoneInfo(name) if name else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = None
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
