"""Cloning a plan to the next year from its page: one POST, then the new plan's page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kam.core.access import deny_forbidden
from planning.selectors.development import account_plan_get_for_user
from planning.selectors.plans import plan_get_for_user
from planning.services import clones as services


@require_POST
def plan_clone(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft sales plan for the next year from this one, for who may create that plan."""
    plan = plan_get_for_user(user=request.user, pk=pk)
    try:
        new_plan = services.plan_clone(by=request.user, plan=plan)
    except PermissionDenied:
        raise deny_forbidden(request.user, "clone", f"sales_plan:{pk}") from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan)
    messages.success(
        request,
        _(
            "Sales plan %(year)s created from %(source)s: baselines from the actual sales of %(source)s, "
            "each line's growth and quarter staging kept. Check the targets before submitting it."
        )
        % {"year": new_plan.year, "source": plan.year},
    )
    if plan.year >= timezone.localdate().year:
        messages.warning(
            request,
            _("%(source)s is not over yet: the baselines hold only the sales imported so far.") % {"source": plan.year},
        )
    return redirect(new_plan)


@require_POST
def account_plan_clone(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft development plan for the next year from this one, for the account's editors."""
    plan = account_plan_get_for_user(user=request.user, pk=pk)
    try:
        new_plan = services.account_plan_clone(by=request.user, plan=plan)
    except PermissionDenied:
        raise deny_forbidden(request.user, "clone", f"account_plan:{pk}") from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan)
    messages.success(
        request,
        _(
            "Development plan %(year)s created from %(source)s with its goals, SWOT, objectives, budget, "
            "open stages (deadlines a year later) and live opportunities. The contact plan was not copied: "
            "its dates are past, plan the year's contacts afresh."
        )
        % {"year": new_plan.year, "source": plan.year},
    )
    return redirect(new_plan)
