"""The commitments queue (/commitments/), a commitment's page, and moving a commitment to
in progress, done, back, or cancelled — in place from a queue row (htmx) or from its page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kam.core.choices import choice_labels
from kam.core.locking import ConcurrentEditError
from kam.notifications.selectors import reminder_history_for
from meetings.filters_commitments import DUE, CommitmentFilter, status_asked
from meetings.forms.progress import CommitmentProgressForm, action_label
from meetings.models import Commitment
from meetings.selectors.access import (
    commitment_get_for_progress,
    commitment_get_for_user,
    commitment_is_editable,
    commitment_may_progress,
)
from meetings.selectors.commitments import (
    commitment_account_visible,
    commitment_is_overdue,
    commitment_list_for_user,
    commitment_pages,
    commitment_row_for_user,
    commitment_update_list,
)
from meetings.services import progress as services

PAGE_SIZE = 25


def _row_text() -> dict:
    """What every queue row (queue/row.html) says the same: translated once for the page, not
    once per row."""
    return {
        "statuses": choice_labels(Commitment.Status),
        "overdue": _("Overdue"),
        "you": _("You"),
        "note": _("Note"),
        "note_placeholder": _("Note (optional)"),
        "start": _("Start"),
        "mark_done": _("Mark done"),
    }


@require_GET
def commitment_queue(request: HttpRequest) -> HttpResponse:
    """The commitments the user may see, active ones by due date with the overdue on top
    unless the filters say otherwise. A fixed number of queries for any page."""
    user = request.user
    today = timezone.localdate()
    commitments = commitment_list_for_user(user=user, today=today, within=status_asked(request.GET, today))
    commitment_filter = CommitmentFilter(request.GET, queryset=commitments, user=user, today=today)
    rows = commitment_pages(commitment_filter.qs, user=user, today=today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    # htmx asks for the results only when a filter changes; a plain request gets the page.
    template = (
        "meetings/commitment_queue.html#results"
        if request.headers.get("HX-Request")
        else "meetings/commitment_queue.html"
    )
    account_field = commitment_filter.filters.get("account")
    account_choices = account_field.queryset.values_list("pk", "name") if account_field else []
    return render(
        request,
        template,
        {
            "filter": commitment_filter,
            "page": page,
            "sort": commitment_filter.form.data.get("sort", DUE),
            # Rendered by a loop: a director's select of every account in their regions. Ids as
            # text, compared once per option without a filter call (as on the meeting list).
            "account_choices": [(str(pk), name) for pk, name in account_choices],
            "account_selected": request.GET.get("account", ""),
            "return_to": request.get_full_path(),
            "row_text": _row_text(),
            "nav": "commitments",
        },
    )


def _detail_context(
    request: HttpRequest, commitment: Commitment, form: CommitmentProgressForm | None, return_to: str | None = None
) -> dict:
    user = request.user
    may_progress = commitment_may_progress(user=user, commitment=commitment)
    may_edit = commitment_is_editable(user=user, commitment=commitment)
    if form is None and may_progress:
        form = CommitmentProgressForm(instance=commitment, may_cancel=may_edit)
    return {
        "commitment": commitment,
        "is_overdue": commitment_is_overdue(commitment=commitment, today=timezone.localdate()),
        "account_visible": commitment_account_visible(user=user, commitment=commitment),
        "may_edit": may_edit,
        "form": form if form is not None and form.moves else None,
        "updates": commitment_update_list(commitment=commitment),
        "reminders": reminder_history_for(target=commitment),
        "return_to": return_to or "",
        "nav": "commitments",
    }


@require_GET
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What was agreed, for whom, by when, where it stands and how it got there. Links to the
    account and the meeting only for those who may open them."""
    commitment = commitment_get_for_user(user=request.user, pk=pk)
    return render(request, "meetings/commitment_detail.html", _detail_context(request, commitment, None))


def _return_to(request: HttpRequest) -> str | None:
    """The page a queue row's form came from (with its filters), when it is one of ours."""
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return url
    return None


@require_POST
def commitment_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a commitment. From a queue row with htmx the answer is the redrawn row; without
    JavaScript, back to the page the form came from; a refused move shows on the
    commitment's page (or in the row) with the reason."""
    user = request.user
    commitment = commitment_get_for_progress(user=user, pk=pk)
    from_status = commitment.status
    form = CommitmentProgressForm(
        request.POST, instance=commitment, may_cancel=commitment_is_editable(user=user, commitment=commitment)
    )
    moved = False
    if form.is_valid():
        to_status = form.cleaned_data["to_status"]
        try:
            services.commitment_progress(
                by=user,
                commitment=commitment,
                to_status=to_status,
                note=form.cleaned_data["note"],
                expected_version=form.expected_version,
            )
        except ConcurrentEditError as conflict:
            form.report_conflict(conflict.current)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            moved = True
    if request.headers.get("HX-Request"):
        row = commitment_row_for_user(user=user, pk=pk, today=timezone.localdate())
        context = {
            "row": row,
            "row_form": form,
            "moved": moved,
            "return_to": _return_to(request) or "",
            "row_text": _row_text(),
        }
        return render(request, "meetings/queue/row.html", context)
    if moved:
        messages.success(
            request,
            _("“%(commitment)s”: %(action)s — saved.")
            % {"commitment": commitment, "action": action_label(from_status=from_status, to_status=to_status)},
        )
        return redirect(_return_to(request) or commitment.get_absolute_url())
    # Show the refusal where every move can be made again: the commitment's own page.
    current = commitment_get_for_user(user=user, pk=pk)
    form.instance = current
    context = _detail_context(request, current, form, return_to=_return_to(request))
    return render(request, "meetings/commitment_detail.html", context)
