"""The Scores tab of the dossier: the latest assessment, the history with its trend, and the
results per year; the assessment form with live totals; the form of a year's results."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Account
from accounts.selectors import account_get_for_edit, account_get_for_user
from accounts.views.common import dossier_context
from analysis import scoring, services
from analysis.forms import AccountResultForm, AssessmentForm
from analysis.models import Dimension
from analysis.presentation import history_table, result_chart, trend_chart
from analysis.selectors import (
    assessment_list_for_account,
    criterion_list_for_scoring,
    latest_values_for_account,
    result_get_for_year,
    result_list_for_account,
    score_list_for_account,
)
from analysis.suggestions import suggestions_for_account
from kam.core.locking import ConcurrentEditError


def _scores_url(account_id: int, anchor: str = "") -> str:
    url = reverse("analysis:scores", args=[account_id])
    return f"{url}#{anchor}" if anchor else url


@require_GET
def scores_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The account's scores, their history and its results: a fixed number of queries however
    many assessments and years there are."""
    account = account_get_for_user(user=request.user, pk=pk)
    assessments = assessment_list_for_account(account=account)
    scores = score_list_for_account(account=account)
    results = result_list_for_account(account=account)
    latest = assessments[0] if assessments else None
    latest_scores = [s for s in scores if latest and s.assessment_id == latest.pk]
    for score in latest_scores:
        score.change = scoring.change(score.value, score.previous_value)
    context = dossier_context(
        request,
        account,
        "scores",
        latest=latest,
        latest_scores=latest_scores,
        latest_changes={
            "competitiveness": scoring.change(latest.competitiveness, latest.previous_competitiveness),
            "sales_interest": scoring.change(latest.sales_interest, latest.previous_sales_interest),
        }
        if latest
        else {},
        quadrant=scoring.quadrant(latest.competitiveness, latest.sales_interest) if latest else None,
        assessments=assessments,
        history=history_table(assessments, scores),
        trend=trend_chart(assessments) if len(assessments) > 1 else None,
        results=results,
        result_chart=result_chart(results) if results else None,
        dimensions=Dimension.choices,
    )
    return render(request, "analysis/scores_tab.html", context)


def _assessment_form(request: HttpRequest, account: Account, data=None) -> AssessmentForm:
    """The form with today's criteria, the suggestions among the accounts the user can see,
    and the previous assessment's values to show beside the inputs."""
    previous = latest_values_for_account(account=account)
    suggestions = suggestions_for_account(
        account_id=account.pk, accounts=Account.objects.visible_to(request.user), today=timezone.localdate()
    )
    return AssessmentForm(data, criteria=criterion_list_for_scoring(), suggestions=suggestions, previous=previous)


def _totals(form: AssessmentForm) -> dict:
    """The live totals of what has been typed, with the quadrant they would put the account in."""
    totals = services.totals(form.entered_scores() if form.is_bound else _initial_scores(form))
    competitiveness = totals[Dimension.COMPETITIVENESS]
    sales_interest = totals[Dimension.SALES_INTEREST]
    return {
        "competitiveness": competitiveness,
        "sales_interest": sales_interest,
        "quadrant": scoring.quadrant(competitiveness, sales_interest),
    }


def _initial_scores(form: AssessmentForm) -> list[services.ScoreInput]:
    return [
        services.ScoreInput(criterion=c, value=form.fields[form.score_name(c)].initial)
        for c in form.criteria
        if form.fields[form.score_name(c)].initial
    ]


@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_get_for_edit(user=request.user, pk=pk)
    form = _assessment_form(request, account, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(
                by=request.user,
                account=account,
                assessed_on=form.cleaned_data["assessed_on"],
                notes=form.cleaned_data["notes"],
                scores=form.score_inputs(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Assessment recorded."))
            return redirect(_scores_url(account.pk))
    context = dossier_context(request, account, "scores", form=form, totals=_totals(form))
    return render(request, "analysis/assessment_form.html", context)


@require_POST
def assessment_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The totals of the scores typed so far (htmx swaps them into the form); saves nothing."""
    account = account_get_for_edit(user=request.user, pk=pk)
    form = AssessmentForm(request.POST, criteria=criterion_list_for_scoring())
    return render(request, "analysis/assessment_form.html#totals", {"account": account, "totals": _totals(form)})


@require_http_methods(["GET", "POST"])
def result_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter or correct one year's results; the year comes from ?year= (GET) or the form."""
    account = account_get_for_edit(user=request.user, pk=pk)
    source = request.POST if request.method == "POST" else request.GET
    year_text = str(source.get("year", "")).strip()
    year = int(year_text) if year_text.isdigit() else None
    instance = result_get_for_year(account=account, year=year) if year else None
    if request.method == "POST":
        form = AccountResultForm(request.POST, instance=instance)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in {"version", "year"}}
            try:
                services.result_save(
                    by=request.user,
                    account=account,
                    year=form.cleaned_data["year"],
                    data=data,
                    expected_version=form.cleaned_data.get("version"),
                )
            except ConcurrentEditError as conflict:
                form.report_conflict(conflict.current)
            else:
                messages.success(request, _("Results for %(year)s saved.") % {"year": form.cleaned_data["year"]})
                return redirect(_scores_url(account.pk, "results"))
    else:
        form = AccountResultForm(instance=instance, initial={"year": year or timezone.localdate().year - 1})
    context = dossier_context(request, account, "scores", form=form, result=instance)
    return render(request, "analysis/result_form.html", context)
