"""The account's Plans tab: its sales plans with this year's plan against actual sales, and
its client development plans."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.selectors import account_get_for_user
from accounts.views.common import dossier_context
from planning.selectors import account_tab as selectors


@require_GET
def plans_tab(request: HttpRequest, account_pk: int) -> HttpResponse:
    """For whoever may see the account; a fixed number of queries however many plans."""
    account = account_get_for_user(user=request.user, pk=account_pk)
    today = timezone.localdate()
    sales_plans = selectors.sales_plan_list_for_account(user=request.user, account=account)
    current, actuals = selectors.current_plan_actuals(plans=sales_plans, today=today)
    context = dossier_context(
        request,
        account,
        "plans",
        sales_plans=sales_plans,
        current_plan=current,
        actuals=actuals,
        development_plans=list(selectors.account_plan_list_for_account(account=account, today=today)),
        this_year=today.year,
        currency=settings.KAM_CURRENCY,
    )
    # Cloning an account's plan of either kind is for who may change the account, as creating one.
    for plan in (*context["sales_plans"], *context["development_plans"]):
        plan.may_clone = context["can_edit"] and not plan.next_year_exists
    return render(request, "planning/account_tab/plans_tab.html", context)
