"""The meeting page (/meetings/<id>/): header, what the previous meeting left open, the
preparation, the follow-up and the commitments. Every edit on it answers in two ways: an htmx
request gets the affected section back (and, out of band, the other sections that show the
same data); a plain request is redirected to the section's anchor, or, when the form is
invalid, gets the whole page with the form and its errors in place."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from kam.core.forms import VersionedModelForm
from kam.core.locking import ConcurrentEditError
from kam.notifications.selectors import reminder_history_for
from meetings.engagement import RULE
from meetings.forms.commitments import CommitmentForm
from meetings.forms.followup import MinutesForm, SignalsForm
from meetings.forms.preparation import TargetForm, TopicForm
from meetings.models import Meeting
from meetings.readiness import CHECKLIST_SIZE, readiness_percent
from meetings.selectors.access import meeting_get_for_user
from meetings.selectors.meeting_page import MeetingPage, meeting_page_get
from meetings.selectors.packs import pack_latest_for_meeting
from meetings.services.checklist import checklist_ensure

PAGE = "meetings/meeting_detail.html"
SECTIONS = {
    "summary": "meetings/meeting_detail.html#summary",
    "topics": "meetings/page/preparation.html#topics",
    "targets": "meetings/page/preparation.html#targets",
    "checklist": "meetings/page/preparation.html#checklist",
    "outcomes": "meetings/page/followup.html#outcomes",
    "agreed": "meetings/page/followup.html#agreed",
    "signals": "meetings/page/followup.html#signals",
    "minutes": "meetings/page/followup.html#minutes",
    "commitments": "meetings/page/commitments.html#commitments",
    "signals_version": "meetings/page/version_slot.html#signals",
    "minutes_version": "meetings/page/version_slot.html#minutes",
}
# The other sections showing what a section changes, swapped with it out of band. Signals
# and minutes are forms on the same meeting row: each moves on only the other's version, so
# text typed in the other form and not yet saved stays.
ALSO = {
    "topics": ("outcomes", "summary"),
    "targets": ("agreed", "summary"),
    "checklist": ("summary",),
    "outcomes": ("summary",),
    "agreed": ("targets", "summary"),
    "signals": ("minutes_version", "summary"),
    "minutes": ("signals_version",),
    "commitments": ("summary",),
}
ADD_FORMS = {"topic": TopicForm, "target": TargetForm, "commitment": CommitmentForm}


@dataclass(frozen=True)
class Editing:
    """The one record shown as a form in its section (kind: topic, target, checklist,
    outcome, agreed, commitment)."""

    kind: str
    pk: int
    form: VersionedModelForm


def is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


def form_data(form: VersionedModelForm) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "version"}


def default_forms(page: MeetingPage) -> dict:
    """The forms open on the page before the user asks for one: the first topic's form on an
    empty agenda, and the signals and minutes while nothing is recorded. Every other form
    (adding a target or a commitment, editing recorded signals or minutes) opens on request,
    so the page does not render fields nobody fills in."""
    meeting = page.meeting
    forms = {}
    if not page.topics:
        forms["topic"] = add_form("topic")
    if page.followup_open and not meeting.has_signals:
        forms["signals"] = SignalsForm(instance=meeting, auto_id="signals-%s")
    if page.followup_open and not meeting.minutes:
        forms["minutes"] = MinutesForm(instance=meeting, auto_id="minutes-%s")
    return forms


def add_form(kind: str, data=None) -> VersionedModelForm:
    """The empty (or, with `data`, the submitted) form adding a topic, target or commitment."""
    return ADD_FORMS[kind](data, auto_id=f"new-{kind}-%s")


def page_context(
    request: HttpRequest, meeting: Meeting, *, editing: Editing | None = None, forms: dict | None = None
) -> dict:
    """The page's context, loaded in a fixed number of queries (meeting_page_get). An annual
    meeting without its nine checklist items gets them here, once, for an editor."""
    page = meeting_page_get(user=request.user, meeting=meeting)
    if page.can_edit and meeting.is_annual and len(page.checklist) < CHECKLIST_SIZE:
        page.checklist = checklist_ensure(by=request.user, meeting=meeting)
        page.readiness = readiness_percent([item.status for item in page.checklist])
    now = timezone.now()
    return {
        "page": page,
        "meeting": meeting,
        "account": meeting.account,
        "can_edit": page.can_edit,
        "followup_open": page.followup_open,
        "can_hold": page.can_edit and meeting.status == Meeting.Status.PLANNED and meeting.starts_at <= now,
        "editing": editing,
        "forms": {**default_forms(page), **(forms or {})} if page.can_edit else {},
        "rule": RULE,
        "pack": pack_latest_for_meeting(meeting=meeting),
        "time_zone": timezone.get_current_timezone_name(),
        "nav": "meetings",
    }


def section_response(
    request: HttpRequest,
    meeting: Meeting,
    section: str,
    *,
    editing: Editing | None = None,
    forms: dict | None = None,
) -> HttpResponse:
    """htmx: the section (after a write, with the sections showing the same data, out of
    band; a GET that only opens a form changes nothing else); a plain request: the whole
    page."""
    context = page_context(request, meeting, editing=editing, forms=forms)
    if not is_htmx(request):
        return render(request, PAGE, context)
    html = render_to_string(SECTIONS[section], context, request)
    others = ALSO.get(section, ()) if request.method == "POST" else ()
    for other in others:
        html += render_to_string(SECTIONS[other], {**context, "oob": True}, request)
    return HttpResponse(html)


def saved(request: HttpRequest, meeting: Meeting, section: str) -> HttpResponse:
    """After a successful write: the fresh section for htmx, else back to its anchor."""
    if is_htmx(request):
        return section_response(request, meeting, section)
    return redirect(f"{meeting.get_absolute_url()}#{section}")


def edit_record(
    request: HttpRequest,
    *,
    meeting: Meeting,
    section: str,
    editing: Editing,
    save: Callable[[dict, int | None], object],
) -> HttpResponse:
    """GET: the section with the record's form in place. POST: validate, save through
    `save(data, expected_version)`, answer; a conflict or an error keeps the user's input."""
    form = editing.form
    if request.method == "POST" and form.is_valid():
        try:
            save(form_data(form), form.expected_version)
        except ConcurrentEditError as conflict:
            form.report_conflict(conflict.current)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return saved(request, meeting, section)
    return section_response(request, meeting, section, editing=editing)


def focus_first_field(form: VersionedModelForm) -> None:
    """A form opened on request takes the focus (htmx honours `autofocus` after a swap)."""
    first = next(iter(form.visible_fields()), None)
    if first is not None:
        first.field.widget.attrs["autofocus"] = True


def open_form(
    request: HttpRequest,
    *,
    meeting: Meeting,
    section: str,
    form_key: str,
    form: VersionedModelForm,
    save: Callable[[dict, int | None], object],
) -> HttpResponse:
    """A form that opens on request (add a topic, target or commitment; signals; minutes).
    GET: the section with the form open (a plain request: the page). POST: validate, save,
    answer; a conflict or an error keeps the user's input in the open form."""
    if request.method == "GET":
        focus_first_field(form)
    elif form.is_valid():
        try:
            save(form_data(form), form.expected_version)
        except ConcurrentEditError as conflict:
            form.report_conflict(conflict.current)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return saved(request, meeting, section)
    return section_response(request, meeting, section, forms={form_key: form})


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting for whoever may see its account; read-only for directors."""
    meeting = meeting_get_for_user(user=request.user, pk=pk)
    # The reminders sent about the meeting (an annual one's unready checklist) show on the full
    # page only, not in its sections' in-place answers.
    context = {**page_context(request, meeting), "reminders": reminder_history_for(target=meeting)}
    return render(request, PAGE, context)
