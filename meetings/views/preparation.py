"""The preparation on the meeting page: agenda topics, negotiation targets and the annual
checklist, each added, edited, deleted (and topics reordered) in place."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods, require_POST

from meetings.forms.preparation import ChecklistItemForm, TargetForm, TopicForm
from meetings.models import ChecklistItem
from meetings.selectors.access import meeting_get_for_edit
from meetings.selectors.meeting_page import target_get_for_edit, topic_get_for_edit
from meetings.services import preparation as services
from meetings.services.checklist import checklist_ensure
from meetings.views.meeting_page import Editing, add_form, edit_record, open_form, saved


def _post(request: HttpRequest):
    return request.POST if request.method == "POST" else None


# Agenda ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def topic_add(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the topics with the new topic's form open; POST: add the topic."""
    meeting = meeting_get_for_edit(user=request.user, pk=pk)
    return open_form(
        request,
        meeting=meeting,
        section="topics",
        form_key="topic",
        form=add_form("topic", _post(request)),
        save=lambda data, _version: services.topic_create(by=request.user, meeting=meeting, data=data),
    )


@require_http_methods(["GET", "POST"])
def topic_edit(request: HttpRequest, pk: int) -> HttpResponse:
    topic = topic_get_for_edit(user=request.user, pk=pk)
    form = TopicForm(_post(request), instance=topic, auto_id=f"topic-{topic.pk}-%s")
    return edit_record(
        request,
        meeting=topic.meeting,
        section="topics",
        editing=Editing("topic", topic.pk, form),
        save=lambda data, version: services.topic_update(
            by=request.user, topic=topic, data=data, expected_version=version
        ),
    )


@require_POST
def topic_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Swap the topic with its neighbour: `direction` is "up" or "down"."""
    topic = topic_get_for_edit(user=request.user, pk=pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    services.topic_move(by=request.user, topic=topic, direction=direction)
    return saved(request, topic.meeting, "topics")


@require_POST
def topic_delete(request: HttpRequest, pk: int) -> HttpResponse:
    topic = topic_get_for_edit(user=request.user, pk=pk)
    meeting = topic.meeting
    services.topic_delete(by=request.user, topic=topic)
    return saved(request, meeting, "topics")


# Negotiation targets ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the targets with the new target's form open; POST: add the target."""
    meeting = meeting_get_for_edit(user=request.user, pk=pk)
    return open_form(
        request,
        meeting=meeting,
        section="targets",
        form_key="target",
        form=add_form("target", _post(request)),
        save=lambda data, _version: services.target_create(by=request.user, meeting=meeting, data=data),
    )


@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = target_get_for_edit(user=request.user, pk=pk)
    form = TargetForm(_post(request), instance=target, auto_id=f"target-{target.pk}-%s")
    return edit_record(
        request,
        meeting=target.meeting,
        section="targets",
        editing=Editing("target", target.pk, form),
        save=lambda data, version: services.target_update(
            by=request.user, target=target, data=data, expected_version=version
        ),
    )


@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    target = target_get_for_edit(user=request.user, pk=pk)
    meeting = target.meeting
    services.target_delete(by=request.user, target=target)
    return saved(request, meeting, "targets")


# Annual checklist ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def checklist_item_edit(request: HttpRequest, pk: int, item: str) -> HttpResponse:
    """One of the nine items of an annual meeting; other meetings have no checklist (404)."""
    meeting = meeting_get_for_edit(user=request.user, pk=pk)
    if not meeting.is_annual or item not in ChecklistItem.Item.values:
        raise Http404
    row = next(row for row in checklist_ensure(by=request.user, meeting=meeting) if row.item == item)
    row.meeting = meeting
    form = ChecklistItemForm(_post(request), instance=row, auto_id=f"checklist-{row.pk}-%s")
    return edit_record(
        request,
        meeting=meeting,
        section="checklist",
        editing=Editing("checklist", row.pk, form),
        save=lambda data, version: services.checklist_item_update(
            by=request.user, item=row, data=data, expected_version=version
        ),
    )
