"""Client development plans (/planning/development/<id>/): creating one for an account, the
plan page, its header, and its seven parts, each added, edited and deleted in place.

Every edit answers in two ways, as the meeting page does: an htmx request gets the part's
section back (after a write, with the plan's figures out of band); a plain request is
redirected to the section's anchor, or, when the form is invalid, gets the whole page with
the form and its errors in place. One add/edit/delete view trio serves all seven parts,
driven by PARTS."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.selectors import account_get_for_edit
from kam.core.forms import VersionedModelForm
from kam.core.locking import ConcurrentEditError
from planning.forms import development as forms
from planning.models import (
    AccountPlan,
    BudgetLine,
    PartnershipOpportunity,
    PlannedContact,
    PlanObjective,
    PlanStage,
    StrategicGoal,
    SwotItem,
)
from planning.selectors import development as selectors
from planning.selectors.clones import next_year_account_plan_exists
from planning.services import development as services

PAGE = "planning/development/plan_detail.html"
PARTS_TEMPLATE = "planning/development/parts.html"
HEADER = "header"
OVERVIEW = "planning/development/plan_detail.html#overview"


@dataclass(frozen=True)
class Part:
    """One part of the plan: its rows' model, their form, and the choice an "add" link may
    preset from the query string (?side=client, ?quadrant=threat)."""

    model: type[Model]
    form: type[forms.PlanPartForm]
    preset: str | None = None


# The URL's `part` slug → the part; the slug is also the section's id and partial's name.
PARTS = {
    "goals": Part(StrategicGoal, forms.GoalForm, preset="side"),
    "swot": Part(SwotItem, forms.SwotForm, preset="quadrant"),
    "objectives": Part(PlanObjective, forms.ObjectiveForm),
    "contacts": Part(PlannedContact, forms.PlannedContactForm),
    "budget": Part(BudgetLine, forms.BudgetLineForm),
    "stages": Part(PlanStage, forms.PlanStageForm),
    "opportunities": Part(PartnershipOpportunity, forms.OpportunityForm),
}


@dataclass(frozen=True)
class Editing:
    """The one row (or the header) shown as a form in its section."""

    part: str
    pk: int
    form: VersionedModelForm


def _part(slug: str) -> Part:
    if slug not in PARTS:
        raise Http404
    return PARTS[slug]


def _post(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


def form_data(form: VersionedModelForm) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "version"}


def page_context(
    request: HttpRequest, plan: AccountPlan, *, editing: Editing | None = None, adding: dict | None = None
) -> dict:
    """The page's context, loaded in a fixed number of queries (account_plan_page_get)."""
    page = selectors.account_plan_page_get(user=request.user, plan=plan, today=timezone.localdate())
    return {
        "nav": "plans",
        "page": page,
        "plan": plan,
        "account": plan.account,
        "totals": page.totals,
        "can_edit": page.can_edit,
        "may_change_account": page.may_change_account,
        "may_clone": page.may_change_account and not next_year_account_plan_exists(plan=plan),
        "editing": editing,
        "adding": (adding or {}) if page.can_edit else {},
        "currency": settings.KAM_CURRENCY,
        "Status": AccountPlan.Status,
    }


def _template(section: str) -> str:
    return f"{PAGE}#{HEADER}" if section == HEADER else f"{PARTS_TEMPLATE}#{section}"


def section_response(
    request: HttpRequest,
    plan: AccountPlan,
    section: str,
    *,
    editing: Editing | None = None,
    adding: dict | None = None,
) -> HttpResponse:
    """htmx: the section (after a write, with the plan's figures out of band); a plain
    request: the whole page."""
    context = page_context(request, plan, editing=editing, adding=adding)
    if not is_htmx(request):
        return render(request, PAGE, context, status=400 if request.method == "POST" else 200)
    html = render_to_string(_template(section), context, request)
    if request.method == "POST":
        html += render_to_string(OVERVIEW, {**context, "oob": True}, request)
    return HttpResponse(html)


def saved(request: HttpRequest, plan: AccountPlan, section: str) -> HttpResponse:
    """After a successful write: the fresh section for htmx, else back to its anchor."""
    if is_htmx(request):
        return section_response(request, plan, section)
    return redirect(f"{plan.get_absolute_url()}#{section}")


def _submit(form: VersionedModelForm, save: Callable[[dict, int | None], object]) -> bool:
    """Validate and save; a conflict or a refusal stays on the form with the user's input."""
    if not form.is_valid():
        return False
    try:
        save(form_data(form), form.expected_version)
    except ConcurrentEditError as conflict:
        form.report_conflict(conflict.current)
    except ValidationError as error:
        form.add_error(None, error)
    else:
        return True
    return False


def _autofocus(form: VersionedModelForm) -> None:
    """A form opened on request takes the focus (htmx honours `autofocus` after a swap)."""
    first = next(iter(form.visible_fields()), None)
    if first is not None:
        first.field.widget.attrs["autofocus"] = True


# The plan ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def account_plan_create(request: HttpRequest, account_pk: int) -> HttpResponse:
    """A new development plan for the account, by whoever may change the account."""
    account = account_get_for_edit(user=request.user, pk=account_pk)
    form = forms.AccountPlanCreateForm(_post(request), account=account, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.account_plan_create(
                by=request.user, account=account, year=form.cleaned_data["year"], summary=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The development plan was created: add the goals, then the rest."))
            return redirect(plan)
    context = {"nav": "plans", "account": account, "form": form}
    return render(request, "planning/development/plan_create.html", context, status=400 if form.errors else 200)


@require_GET
def account_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan for whoever may see its account; read-only for directors and once closed."""
    plan = selectors.account_plan_get_for_user(user=request.user, pk=pk)
    return render(request, PAGE, page_context(request, plan))


@require_http_methods(["GET", "POST"])
def account_plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The header: summary and status. Saving answers with a redirect even to htmx (the
    status decides what the whole page offers)."""
    plan = selectors.account_plan_get_for_edit(user=request.user, pk=pk)
    form = forms.AccountPlanForm(_post(request), instance=plan, auto_id="plan-%s")
    if request.method == "GET":
        _autofocus(form)
    elif _submit(
        form,
        lambda data, version: services.account_plan_update(
            by=request.user, plan=plan, data=data, expected_version=version
        ),
    ):
        if is_htmx(request):
            return HttpResponse(headers={"HX-Redirect": plan.get_absolute_url()})
        return redirect(plan)
    return section_response(request, plan, HEADER, editing=Editing(HEADER, plan.pk, form))


@require_POST
def account_plan_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a closed plan (its account's editors only)."""
    plan = selectors.account_plan_get_for_user(user=request.user, pk=pk)
    try:
        services.account_plan_reopen(by=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ConcurrentEditError:
        messages.error(request, _("Someone changed the plan meanwhile: look at it again."))
    else:
        messages.success(request, _("The plan is open again."))
    return redirect(plan)


# The parts -----------------------------------------------------------------------------------


def _add_initial(request: HttpRequest, part: Part) -> dict:
    """What an empty add form starts with: the choice its link preset, and, for a stage,
    the user as owner."""
    initial = {}
    if part.preset:
        value = request.GET.get(part.preset)
        if value in dict(part.model._meta.get_field(part.preset).choices):
            initial[part.preset] = value
    if part.model is PlanStage:
        initial["owner"] = request.user.pk
    return initial


@require_http_methods(["GET", "POST"])
def part_add(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """GET: the part's section with the add form open; POST: add the row."""
    spec = _part(part)
    plan = selectors.account_plan_get_for_edit(user=request.user, pk=pk)
    form = spec.form(_post(request), plan=plan, initial=_add_initial(request, spec), auto_id=f"new-{part}-%s")
    if request.method == "GET":
        _autofocus(form)
    elif _submit(
        form,
        lambda data, _version: services.plan_part_create(by=request.user, plan=plan, model=spec.model, data=data),
    ):
        return saved(request, plan, part)
    return section_response(request, plan, part, adding={part: form})


@require_http_methods(["GET", "POST"])
def part_edit(request: HttpRequest, pk: int, part: str, item: int) -> HttpResponse:
    """GET: the part's section with the row's form in place; POST: save it (a conflict
    keeps the user's input and lists what a colleague changed)."""
    spec = _part(part)
    plan = selectors.account_plan_get_for_edit(user=request.user, pk=pk)
    row = selectors.plan_part_get(user=request.user, plan=plan, model=spec.model, pk=item)
    form = spec.form(_post(request), instance=row, plan=plan, auto_id=f"{part}-{row.pk}-%s")
    if request.method == "POST" and _submit(
        form,
        lambda data, version: services.plan_part_update(by=request.user, part=row, data=data, expected_version=version),
    ):
        return saved(request, plan, part)
    return section_response(request, plan, part, editing=Editing(part, row.pk, form))


@require_POST
def part_delete(request: HttpRequest, pk: int, part: str, item: int) -> HttpResponse:
    spec = _part(part)
    plan = selectors.account_plan_get_for_edit(user=request.user, pk=pk)
    row = selectors.plan_part_get(user=request.user, plan=plan, model=spec.model, pk=item)
    services.plan_part_delete(by=request.user, part=row)
    return saved(request, plan, part)


@require_POST
def stage_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a stage done now (undone through its edit form)."""
    stage = selectors.plan_stage_get_for_edit(user=request.user, pk=pk)
    services.plan_stage_done(by=request.user, stage=stage)
    return saved(request, stage.plan, "stages")


@require_POST
def planned_contact_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """Schedule the planned contact as a meeting and open the meeting's page (a contact
    already scheduled opens its meeting)."""
    planned = selectors.planned_contact_get_for_edit(user=request.user, pk=pk)
    scheduled = planned.meeting_id is not None
    meeting = services.planned_contact_schedule(by=request.user, planned=planned)
    if not scheduled:
        messages.success(request, _("The meeting was scheduled from the contact plan: prepare it here."))
    return redirect(meeting)
