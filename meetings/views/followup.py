"""The follow-up on the meeting page: marking the meeting held, each topic's outcome, the
values agreed against each target, the interest signals and the minutes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings.forms.followup import AgreedForm, MinutesForm, OutcomeForm, SignalsForm
from meetings.models import Meeting
from meetings.selectors.access import meeting_get_for_edit
from meetings.selectors.meeting_page import followup_is_open, target_get_for_edit, topic_get_for_edit
from meetings.services import followup as services
from meetings.views.meeting_page import Editing, edit_record, is_htmx, open_form


def _post(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _not_open(request: HttpRequest, meeting: Meeting) -> HttpResponse | None:
    """Before the meeting's time (or once cancelled) the follow-up is not on the page: a
    POST is answered by saying so and going back to it (htmx is told to load the page
    rather than swap a section). A GET shows the page as it is."""
    if request.method != "POST" or followup_is_open(meeting):
        return None
    messages.error(request, _("The follow-up opens when the meeting's time has come."))
    url = f"{meeting.get_absolute_url()}#followup"
    if is_htmx(request):
        return HttpResponse(headers={"HX-Redirect": url})
    return redirect(url)


@require_POST
def meeting_hold(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get_for_edit(user=request.user, pk=pk)
    try:
        services.meeting_hold(by=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked held. Record the outcomes, the signals and what was promised."))
    return redirect(f"{meeting.get_absolute_url()}#followup")


@require_http_methods(["GET", "POST"])
def topic_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    topic = topic_get_for_edit(user=request.user, pk=pk)
    if closed := _not_open(request, topic.meeting):
        return closed
    form = OutcomeForm(_post(request), instance=topic, auto_id=f"outcome-{topic.pk}-%s")
    return edit_record(
        request,
        meeting=topic.meeting,
        section="outcomes",
        editing=Editing("outcome", topic.pk, form),
        save=lambda data, version: services.topic_outcome_update(
            by=request.user, topic=topic, data=data, expected_version=version
        ),
    )


@require_http_methods(["GET", "POST"])
def target_agreed(request: HttpRequest, pk: int) -> HttpResponse:
    target = target_get_for_edit(user=request.user, pk=pk)
    if closed := _not_open(request, target.meeting):
        return closed
    form = AgreedForm(_post(request), instance=target, auto_id=f"agreed-{target.pk}-%s")
    return edit_record(
        request,
        meeting=target.meeting,
        section="agreed",
        editing=Editing("agreed", target.pk, form),
        save=lambda data, version: services.target_agreed_update(
            by=request.user, target=target, data=data, expected_version=version
        ),
    )


@require_http_methods(["GET", "POST"])
def signals_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the page (htmx: the section) with the form open; POST: save it."""
    meeting = meeting_get_for_edit(user=request.user, pk=pk)
    if closed := _not_open(request, meeting):
        return closed
    return open_form(
        request,
        meeting=meeting,
        section="signals",
        form_key="signals",
        form=SignalsForm(_post(request), instance=meeting, auto_id="signals-%s"),
        save=lambda data, version: services.signals_update(
            by=request.user, meeting=meeting, data=data, expected_version=version
        ),
    )


@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the page (htmx: the section) with the form open; POST: save it."""
    meeting = meeting_get_for_edit(user=request.user, pk=pk)
    if closed := _not_open(request, meeting):
        return closed
    return open_form(
        request,
        meeting=meeting,
        section="minutes",
        form_key="minutes",
        form=MinutesForm(_post(request), instance=meeting, auto_id="minutes-%s"),
        save=lambda data, version: services.minutes_update(
            by=request.user, meeting=meeting, data=data, expected_version=version
        ),
    )
