"""Scheduling a meeting, changing its schedule, cancelling it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Account
from accounts.selectors import account_get_for_edit
from kam.core.access import deny_forbidden, deny_not_found
from kam.core.locking import ConcurrentEditError
from meetings.forms.schedule import AccountChoiceForm, MeetingForm
from meetings.models import Meeting
from meetings.selectors.access import meeting_get_for_edit
from meetings.selectors.meetings import previous_meeting_for_account
from meetings.services import meetings as services


def _account_from_query(request: HttpRequest) -> Account | None:
    """The account named by ?account=: one the user may change (404 if they may not see it,
    403 if they only read it); None when none is named."""
    raw = request.GET.get("account", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise deny_not_found(request.user, "schedule", f"account:{raw[:20]}")
    return account_get_for_edit(user=request.user, pk=int(raw))


def _initial_for(account: Account) -> dict:
    """Whom a new meeting invites by default: the people of the previous meeting with this
    account, ours and the client's."""
    previous = previous_meeting_for_account(account=account, before=timezone.now())
    if previous is None:
        return {}
    return {
        "attendees": [user.pk for user in previous.attendees.all() if user.is_active],
        "client_attendees": [contact.pk for contact in previous.client_attendees.all()],
    }


def _render_form(request: HttpRequest, form: MeetingForm, account: Account, meeting: Meeting | None = None):
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "account": account, "meeting": meeting, "nav": "meetings"},
    )


@require_http_methods(["GET", "POST"])
def meeting_schedule(request: HttpRequest) -> HttpResponse:
    """/meetings/new/?account=<id>: the schedule form for one account. Without an account
    the user first chooses one of the accounts they may change."""
    user = request.user
    account = _account_from_query(request)
    if account is None:
        if user.is_department_member:
            raise deny_not_found(user, "schedule", "meeting")
        if not (user.is_kam or user.is_admin):
            raise deny_forbidden(user, "schedule", "meeting")
        chooser = AccountChoiceForm(user=user)
        context = {"chooser": chooser, "has_accounts": chooser.fields["account"].queryset.exists(), "nav": "meetings"}
        return render(request, "meetings/meeting_form.html", context)
    if request.method == "POST":
        form = MeetingForm(request.POST, account=account)
    else:
        form = MeetingForm(account=account, initial=_initial_for(account))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(by=user, account=account, data=form.service_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Meeting “%(title)s” scheduled.") % {"title": meeting.title})
            return redirect("meetings:detail", pk=meeting.pk)
    return _render_form(request, form, account)


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get_for_edit(user=request.user, pk=pk)
    account = meeting.account
    form = MeetingForm(request.POST if request.method == "POST" else None, instance=meeting, account=account)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                by=request.user, meeting=meeting, data=form.service_data(), expected_version=form.expected_version
            )
        except ConcurrentEditError as conflict:
            form.report_conflict(conflict.current)
            if conflict.current.starts_at != form.cleaned_data["starts_at"]:
                # The date and time fields are not the model's: their change is listed here.
                when = date_format(timezone.localtime(conflict.current.starts_at), "DATETIME_FORMAT")
                form.conflicts.append((_("When"), when))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("meetings:detail", pk=meeting.pk)
    return _render_form(request, form, account, meeting)


@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get_for_edit(user=request.user, pk=pk)
    try:
        services.meeting_cancel(by=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ConcurrentEditError:
        messages.error(request, _("Someone changed this meeting a moment ago. Look at it again, then cancel it."))
    else:
        messages.success(request, _("Meeting “%(title)s” cancelled.") % {"title": meeting.title})
    return redirect("meetings:detail", pk=meeting.pk)
