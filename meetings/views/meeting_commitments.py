"""The commitments of one meeting on its page: recorded and edited in place."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from meetings.forms.commitments import CommitmentForm
from meetings.selectors.access import commitment_get_for_edit, meeting_get_for_edit
from meetings.services import commitments as services
from meetings.views.meeting_page import Editing, add_form, edit_record, open_form


@require_http_methods(["GET", "POST"])
def commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the commitments with the new commitment's form open; POST: record it."""
    meeting = meeting_get_for_edit(user=request.user, pk=pk)
    return open_form(
        request,
        meeting=meeting,
        section="commitments",
        form_key="commitment",
        form=add_form("commitment", request.POST if request.method == "POST" else None),
        save=lambda data, _version: services.commitment_create(by=request.user, meeting=meeting, data=data),
    )


@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Text, assignee, due date and quantity; the status moves on the commitment's page."""
    commitment = commitment_get_for_edit(user=request.user, pk=pk)
    meeting = meeting_get_for_edit(user=request.user, pk=commitment.meeting_id)
    form = CommitmentForm(
        request.POST if request.method == "POST" else None,
        instance=commitment,
        auto_id=f"commitment-{commitment.pk}-%s",
    )
    return edit_record(
        request,
        meeting=meeting,
        section="commitments",
        editing=Editing("commitment", commitment.pk, form),
        save=lambda data, version: services.commitment_update(
            by=request.user, commitment=commitment, data=data, expected_version=version
        ),
    )
