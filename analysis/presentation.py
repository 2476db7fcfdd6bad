"""What the analysis pages draw, arranged from rows already loaded by the selectors: the
history table, the charts and the matrix's points. No queries here."""

from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse
from django.utils.formats import date_format, get_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import charts, scoring
from analysis.models import AccountResult, Assessment, AssessmentScore, Dimension

HISTORY_COLUMNS = 8  # the newest assessments shown side by side


def history_table(assessments: Sequence[Assessment], scores: Sequence[AssessmentScore]) -> dict:
    """Criteria as rows, the newest assessments as columns (newest first), each cell the
    score and its change since the criterion's previous score. `scores` come ordered by
    dimension and position, with `previous_value` annotated."""
    shown = list(assessments[:HISTORY_COLUMNS])
    rows: dict[tuple, dict] = {}
    for score in scores:
        key = (score.dimension, score.criterion_id or score.name)
        row = rows.setdefault(key, {"dimension": score.dimension, "name": score.name, "cells": {}})
        row["name"] = score.name  # the newest name wins: scores come oldest first
        row["cells"][score.assessment_id] = {
            "value": score.value,
            "change": scoring.change(score.value, score.previous_value),
            "comment": score.comment,
        }
    groups = []
    for dimension in Dimension:
        group_rows = [
            {"name": row["name"], "cells": [row["cells"].get(a.pk) for a in shown]}
            for row in rows.values()
            if row["dimension"] == dimension
        ]
        total_field = "competitiveness" if dimension == Dimension.COMPETITIVENESS else "sales_interest"
        totals = [
            {
                "value": getattr(a, total_field),
                "change": scoring.change(getattr(a, total_field), getattr(a, f"previous_{total_field}", None)),
            }
            for a in shown
        ]
        groups.append({"dimension": dimension, "rows": group_rows, "totals": totals})
    return {"columns": shown, "groups": groups, "more": max(len(assessments) - len(shown), 0)}


def trend_chart(assessments: Sequence[Assessment]) -> SafeString:
    """The two totals over time, oldest to newest."""
    chronological = list(reversed(assessments))
    return charts.line(
        series=[
            charts.Series(
                Dimension.COMPETITIVENESS.label, [(a.assessed_on, float(a.competitiveness)) for a in chronological]
            ),
            charts.Series(
                Dimension.SALES_INTEREST.label, [(a.assessed_on, float(a.sales_interest)) for a in chronological]
            ),
        ],
        title=_("Competitiveness and sales interest over time"),
        y_lo=1,
        y_hi=10,
        chart_id="score-trend",
    )


def result_chart(results: Sequence[AccountResult]) -> SafeString:
    """Turnover per year, oldest to newest."""
    chronological = sorted(results, key=lambda r: r.year)
    return charts.bar(
        bars=[
            charts.Bar(
                str(r.year),
                float(r.turnover),
                charts.compact(float(r.turnover)),
            )
            for r in chronological
        ],
        title=_("Turnover per year"),
        chart_id="result-turnover",
    )


def _position(value: Decimal, separator: str) -> str:
    return f"{value:.1f}".replace(".", separator)


# A stand-in primary key: the account's URL is reversed once and the key put in per point.
_ANY_PK = 987654321


def _matrix(points: list, **options) -> SafeString:
    """The portfolio matrix's scatter with its four quadrants named, around `points`."""
    quadrants = [
        charts.QuadrantLabel(str(q.title), str(q.action), q.high_competitiveness, q.high_interest)
        for q in scoring.QUADRANTS
    ]
    return charts.scatter(
        points=points,
        title=_("Portfolio matrix: competitiveness against sales interest"),
        x_label=_("Competitiveness of the client →"),
        y_label=_("Sales interest →"),
        split=float(scoring.MIDPOINT),
        quadrants=quadrants,
        **{"chart_id": "portfolio-matrix", **options},
    )


def positions_chart(
    positions: Sequence[tuple[Decimal, Decimal, int]], *, rounded: bool = False, **options
) -> SafeString:
    """The matrix in small, without names: a point per (competitiveness, sales interest)
    position that accounts hold, its tooltip saying how many (and, for `rounded` positions,
    that they are rounded). `options` go to charts.scatter."""
    separator = get_format("DECIMAL_SEPARATOR")
    if rounded:
        template = _("competitiveness about %(c)s, sales interest about %(i)s")
    else:
        template = _("competitiveness %(c)s, sales interest %(i)s")
    # Hundreds of points share a handful of counts: each count's words are looked up once.
    labels = {
        count: ngettext("%(count)s account", "%(count)s accounts", count) % {"count": count}
        for count in {count for _c, _i, count in positions}
    }
    points = [
        charts.ScatterPoint(
            x=float(competitiveness),
            y=float(interest),
            label=labels[count],
            detail=template % {"c": _position(competitiveness, separator), "i": _position(interest, separator)},
        )
        for competitiveness, interest, count in positions
    ]
    return _matrix(points, show_labels=False, **options)


def portfolio_chart(accounts: Sequence, **options) -> SafeString:
    """The matrix: each assessed account at its latest position, an arrow from its previous
    one, the four quadrants named with their strategy; points link to the account's scores.
    Written for thousands of accounts: URL, number and date formats are looked up once, not
    per point. `options` go to charts.scatter (a dashboard's small copy: its id, no names)."""
    url = reverse("analysis:scores", args=[_ANY_PK])
    separator = get_format("DECIMAL_SEPARATOR")
    dates: dict = {}
    template = _("competitiveness %(c)s, sales interest %(i)s (%(date)s)")
    points = []
    for account in accounts:
        previous = None
        if account.previous_competitiveness is not None and account.previous_sales_interest is not None:
            previous = (float(account.previous_competitiveness), float(account.previous_sales_interest))
        if account.latest_on not in dates:
            dates[account.latest_on] = date_format(account.latest_on, "SHORT_DATE_FORMAT")
        detail = template % {
            "c": _position(account.competitiveness, separator),
            "i": _position(account.sales_interest, separator),
            "date": dates[account.latest_on],
        }
        points.append(
            charts.ScatterPoint(
                x=float(account.competitiveness),
                y=float(account.sales_interest),
                label=account.name,
                href=url.replace(str(_ANY_PK), str(account.pk)),
                previous=previous,
                detail=detail,
            )
        )
    return _matrix(points, **options)
