"""The profile page: who the user is, the zone their times are shown in, how they are
reminded, and their private calendar feed URL."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kam.users.forms import ProfileForm, ReminderPreferencesForm
from meetings.selectors.meetings import calendar_feed_for_user
from meetings.services.meetings import calendar_feed_reset


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Everyone signed in sees their own profile and changes their own time zone only."""
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        # One field of the user's own row, nothing else to keep consistent: no service needed.
        form.save()
        messages.success(request, _("Your settings are saved."))
        return redirect("users:profile")
    return _render_profile(request, form=form)


def _render_profile(request: HttpRequest, *, form=None, reminder_form=None, status: int = 200) -> HttpResponse:
    user = request.user
    feed = calendar_feed_for_user(user=user)
    feed_url = request.build_absolute_uri(reverse("meetings:feed", args=[feed.token])) if feed else ""
    context = {
        "form": form or ProfileForm(instance=user),
        "reminder_form": reminder_form or ReminderPreferencesForm(instance=user),
        "feed_url": feed_url,
        "nav": "profile",
    }
    return render(request, "users/profile.html", context, status=status)


@require_POST
def reminder_preferences(request: HttpRequest) -> HttpResponse:
    """The user's own lead time and e-mail mode for reminders; errors show on the profile."""
    form = ReminderPreferencesForm(request.POST, instance=request.user)
    if form.is_valid():
        # Two fields of the user's own row, nothing else to keep consistent: no service needed.
        form.save()
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("users:profile")
    return _render_profile(request, reminder_form=form, status=400)


@require_POST
def feed_reset(request: HttpRequest) -> HttpResponse:
    """Create the user's calendar feed URL, or replace it (the old one stops working)."""
    replaced = calendar_feed_for_user(user=request.user) is not None
    calendar_feed_reset(by=request.user)
    if replaced:
        messages.success(request, _("Your calendar feed has a new URL; the old one no longer works."))
    else:
        messages.success(request, _("Your calendar feed URL is ready. Copy it into your calendar app."))
    return redirect("users:profile")
