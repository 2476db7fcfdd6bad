"""The bell's unread count (fetched by htmx, so pages pay no query for it), the list of the
user's notifications, opening one, and marking one or all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kam.notifications import selectors, services

PAGE_SIZE = 25


@login_not_required
@require_GET
@never_cache
def bell(request: HttpRequest) -> HttpResponse:
    """The bell's content with the unread count: one count query. Polled in the background,
    so a signed-out visitor gets 204 (nothing to swap) rather than the login page pasted into
    the navigation bar."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    unread = selectors.notification_unread_count(user=request.user)
    return render(request, "notifications/bell.html", {"unread": unread})


@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first, unread ones marked: a fixed number of queries
    for any page."""
    notifications = selectors.notification_list_for_user(user=request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    unread = selectors.notification_unread_count(user=request.user)
    context = {"page": page, "unread": unread, "nav": "notifications"}
    return render(request, "notifications/notification_list.html", context)


@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to its thing, marking it read on the way."""
    notification = selectors.notification_get_for_user(user=request.user, pk=pk)
    services.notification_mark_read(by=request.user, notification=notification)
    return redirect(notification.url or "notifications:list")


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's own notifications read: the redrawn row for htmx, else back to
    the list."""
    notification = selectors.notification_get_for_user(user=request.user, pk=pk)
    services.notification_mark_read(by=request.user, notification=notification)
    if request.headers.get("HX-Request"):
        return render(request, "notifications/notification_list.html#row", {"notification": notification})
    return redirect("notifications:list")


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(by=request.user)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")
