"""Sales plans: the list, creating a plan, the plan page with its lines, and the approval."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.core.access import deny_forbidden
from kam.core.locking import ConcurrentEditError
from kam.notifications.selectors import reminder_history_for
from planning.forms.plans import PlanCreateForm, PlanLineAddForm, PlanLineForm, TransitionForm
from planning.models import SalesPlan
from planning.selectors import plans as selectors
from planning.selectors.clones import plan_clone_allowed
from planning.selectors.plan_actuals import plan_actuals
from planning.selectors.sales import change
from planning.services import plans as services

Status = SalesPlan.Status
PAGE_SIZE = 50
TRANSITIONS = {
    "submit": (Status.SUBMITTED, services.plan_submit),
    "approve": (Status.APPROVED, services.plan_approve),
    "return": (Status.RETURNED, services.plan_return),
}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans the user may see, filtered by year, status and region, a page at a time: one
    query for the rows and one for the count."""
    filters = {
        "year": _int(request.GET.get("year")),
        "status": request.GET.get("status") if request.GET.get("status") in Status.values else "",
        "region": _int(request.GET.get("region")),
    }
    plans = selectors.plan_list_for_user(user=request.user)
    if filters["year"]:
        plans = plans.filter(year=filters["year"])
    if filters["status"]:
        plans = plans.filter(status=filters["status"])
    if filters["region"]:
        plans = plans.filter(Q(region_id=filters["region"]) | Q(account__region_id=filters["region"]))
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    for plan in page.object_list:
        plan.growth = change(plan.target_total, plan.baseline_total)
    context = {
        "nav": "plans",
        "page": page,
        "filters": filters,
        "statuses": Status.choices,
        "regions": selectors.region_list(),
        "currency": settings.KAM_CURRENCY,
    }
    return render(request, "planning/plan_list.html", context)


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    """A new draft plan, its lines prefilled per product group from last year's actuals."""
    if not (request.user.is_kam or request.user.is_director or request.user.is_admin):
        raise deny_forbidden(request.user, "create", "sales_plan")
    today = timezone.localdate()
    form = PlanCreateForm(request.POST or None, user=request.user, today=today)
    if request.method == "GET" and _int(request.GET.get("account")):
        form.fields["account"].initial = _int(request.GET.get("account"))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                by=request.user,
                year=form.cleaned_data["year"],
                account=form.cleaned_data.get("account"),
                region=form.cleaned_data.get("region"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan was created from last year's actual sales."))
            return redirect(plan)
    return render(request, "planning/plan_create.html", {"nav": "plans", "form": form})


def _detail_context(request: HttpRequest, plan: SalesPlan, **forms) -> dict:
    lines = selectors.line_list_for_plan(plan=plan)
    for line in lines:
        line.growth = change(line.target_revenue, line.baseline_revenue)
    totals = selectors.plan_totals_of_lines(lines)
    totals["growth"] = change(totals["target_revenue"], totals["baseline_revenue"])
    regional = None
    if plan.is_regional:
        regional = selectors.regional_accounts_total(plan=plan)
        regional["gap"] = totals["target_revenue"] - regional["target"]
    editable = selectors.plan_is_editable(user=request.user, plan=plan)
    return {
        "nav": "plans",
        "plan": plan,
        "lines": lines,
        "totals": totals,
        "regional": regional,
        "actuals": plan_actuals(plan=plan, lines=lines, totals=totals, today=timezone.localdate()),
        "transitions": selectors.transition_list_for_plan(plan=plan),
        "reminders": reminder_history_for(target=plan),
        "allowed": selectors.allowed_transitions(user=request.user, plan=plan),
        "editable": editable,
        "may_clone": plan_clone_allowed(user=request.user, plan=plan),
        "add_form": forms.get("add_form") or (PlanLineAddForm() if editable else None),
        "transition_form": forms.get("transition_form") or TransitionForm(),
        "currency": settings.KAM_CURRENCY,
        "Status": Status,
    }


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """For whoever may see the plan; a fixed number of queries however many lines."""
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    return render(request, "planning/plan_detail.html", _detail_context(request, plan))


@require_POST
def plan_line_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a group's or a product's line, its baseline computed from last year's actuals."""
    plan = selectors.plan_get_for_edit(user=request.user, pk=pk)
    form = PlanLineAddForm(request.POST)
    if form.is_valid():
        try:
            services.plan_line_add(by=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(plan)
    return render(request, "planning/plan_detail.html", _detail_context(request, plan, add_form=form), status=400)


@require_http_methods(["GET", "POST"])
def plan_line_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a line's target, quarters and method while the plan is a draft or returned."""
    line = selectors.line_get_for_edit(user=request.user, pk=pk)
    form = PlanLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        values = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            services.plan_line_update(by=request.user, line=line, expected_version=form.expected_version, **values)
        except ConcurrentEditError as conflict:
            form.report_conflict(conflict.current)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(line.plan)
    context = {"nav": "plans", "form": form, "line": line, "plan": line.plan, "currency": settings.KAM_CURRENCY}
    return render(request, "planning/plan_line_form.html", context)


@require_POST
def plan_line_delete(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.line_get_for_edit(user=request.user, pk=pk)
    services.plan_line_delete(by=request.user, line=line)
    return redirect(line.plan)


@require_POST
def plan_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Submit (the author), approve or return (a director of the plan's region)."""
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    target, service = TRANSITIONS[action]
    if target not in selectors.allowed_transitions(user=request.user, plan=plan):
        raise deny_forbidden(request.user, action, f"sales_plan:{pk}")
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            service(by=request.user, plan=plan, comment=form.cleaned_data["comment"])
        except PermissionDenied:
            raise deny_forbidden(request.user, action, f"sales_plan:{pk}") from None
        except ValidationError as error:
            form.add_error("comment" if getattr(error, "code", "") == "comment" else None, error)
        else:
            messages.success(request, _("The plan is now: %(status)s.") % {"status": Status(target).label})
            return redirect(plan)
    context = _detail_context(request, plan, transition_form=form)
    return render(request, "planning/plan_detail.html", context, status=400)
