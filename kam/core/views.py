"""Views that belong to no domain app: the landing page, login, health check."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from meetings.views.my_day import my_day


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Where a user lands (DESIGN §3): directors on their dashboard (my day stays at
    /my-day/), department members on their commitments queue, account managers and
    administrators on "my day"."""
    if request.user.is_director:
        return redirect("analysis:dashboard")
    if request.user.is_department_member:
        return redirect("meetings:commitments")
    return my_day(request)


@login_not_required
@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """503 when the database fails. Redis is reported but only degrades: without it pages, logins
    and sessions still work and background work waits, so the web must stay in service."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {type(error).__name__}"
    if settings.REDIS_URL:
        try:
            cache.set("healthz", "ok", 5)
            checks["redis"] = "ok" if cache.get("healthz") == "ok" else "error: no answer"
        except Exception as error:  # noqa: BLE001
            checks["redis"] = f"error: {type(error).__name__}"
    if checks["database"] != "ok":
        return JsonResponse({"status": "error", **checks}, status=503)
    status = "ok" if all(value == "ok" for value in checks.values()) else "degraded"
    return JsonResponse({"status": status, **checks})


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True
