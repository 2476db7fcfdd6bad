"""The pack's HTML (templates/pdf/briefing_pack.html) and its PDF (WeasyPrint).

Charts come from the same modules as the pages (analysis.charts, analysis.presentation, the
relationship map of accounts), as inline SVG; the print stylesheet is a static file fetched
through fetcher.StaticOnlyFetcher, the renderer's only way to anything outside the HTML.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML

from accounts.views.contacts import relationship_map
from analysis import charts, scoring
from analysis.charts.geometry import nice_ticks
from analysis.presentation import portfolio_chart, result_chart, trend_chart
from meetings.packs.content import PackContent
from meetings.packs.fetcher import STATIC_PREFIX, StaticOnlyFetcher

TEMPLATE = "pdf/briefing_pack.html"
STYLESHEET = f"{STATIC_PREFIX}css/pdf/briefing_pack.css"
KEY_CONTACTS = 15  # the table's rows; the map shows everyone


@dataclass(frozen=True)
class RenderedPack:
    pdf: bytes
    pages: int
    html_seconds: float
    pdf_seconds: float


def _money(value) -> str:
    return f"{number_format(value, decimal_pos=0, force_grouping=True)} {settings.KAM_CURRENCY}"


# The matrix names its quadrants with a white halo drawn under the text (paint-order: stroke).
# WeasyPrint's SVG renderer ignores paint-order and draws the halo over the text, hiding it;
# the printed matrix has no points to stand out from, so its names lose the halo.
HALO = 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'


def printable(svg: str) -> SafeString:
    """A chart's SVG as WeasyPrint draws it right: without the halo it cannot draw."""
    return mark_safe(str(svg).replace(HALO, 'stroke="none"'))  # noqa: S308 (markup from our chart templates)


def revenue_chart(content: PackContent):
    """Revenue by calendar month, one line per year (as the Sales tab draws it)."""
    sales = content.sales
    series = [
        charts.Series(
            name=str(year),
            values=[(number, float(row["revenue"]) / 1000 if row else None) for number, row in sales.series[year]],
        )
        for year in sales.years
    ]
    top = max((y for s in series for _x, y in s.values if y is not None), default=0.0)
    title = _("Revenue by month (1 = January), thousand %(currency)s") % {"currency": settings.KAM_CURRENCY}
    y_hi = nice_ticks(0, top or 1, count=5)[-1]
    return charts.line(series=series, title=title, y_lo=0, y_hi=y_hi, chart_id="pack-sales", width=720, height=260)


def plan_chart(content: PackContent):
    """The year's target, the target and the actual to date, and the run-rate forecast."""
    total = content.actuals.total
    bars = [
        charts.Bar(_("Target, year"), float(total.target), _money(total.target)),
        charts.Bar(_("Target to date"), float(total.ytd_target), _money(total.ytd_target)),
        charts.Bar(_("Actual to date"), float(total.ytd_actual), _money(total.ytd_actual)),
    ]
    if total.forecast is not None:
        bars.append(charts.Bar(_("Forecast"), float(total.forecast), _money(total.forecast)))
    return charts.bar(bars=bars, title=_("Plan against actual, revenue"), chart_id="pack-plan", width=720, height=240)


def key_contacts(content: PackContent) -> list:
    """The people who weigh most on the decision first: by influence, then by name."""
    ranked = sorted(content.contacts, key=lambda c: (-(c.influence or 0), c.last_name, c.first_name))
    return ranked[:KEY_CONTACTS]


def latest_score_rows(content: PackContent) -> list[dict]:
    """The latest assessment's scores by criterion, each with its change since the one before."""
    return [
        {
            "dimension": score.get_dimension_display(),
            "name": score.name,
            "value": score.value,
            "change": scoring.change(score.value, score.previous_value),
            "comment": score.comment,
        }
        for score in content.latest_scores
    ]


def pack_context(content: PackContent) -> dict:
    """The template's context: the content plus the charts drawn from it (no queries)."""
    page = content.page
    sales = content.sales
    return {
        "c": content,
        "meeting": content.meeting,
        "account": content.account,
        "page": page,
        "stylesheet": STYLESHEET,
        "currency": settings.KAM_CURRENCY,
        "key_contacts": key_contacts(content),
        "more_contacts": max(len(content.contacts) - KEY_CONTACTS, 0),
        **relationship_map(content.contacts),
        "latest_rows": latest_score_rows(content),
        "latest_changes": {
            "competitiveness": scoring.change(content.latest.competitiveness, content.latest.previous_competitiveness),
            "sales_interest": scoring.change(content.latest.sales_interest, content.latest.previous_sales_interest),
        }
        if content.latest
        else {},
        "trend": trend_chart(content.assessments) if len(content.assessments) > 1 else None,
        "portfolio": printable(portfolio_chart([content.position])) if content.position is not None else None,
        "result_chart": result_chart(content.results) if content.results else None,
        "revenue_chart": None if sales.empty else revenue_chart(content),
        "plan_chart": plan_chart(content) if content.actuals and content.actuals.started else None,
        "draft_proposal": content.draft_proposal,
        "limits_item": content.checklist_item("limits"),
    }


def pack_html(content: PackContent) -> str:
    return render_to_string(TEMPLATE, pack_context(content))


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> tuple[bytes, int]:
    """The PDF of `html` and its page count; the renderer fetches only through `fetcher`."""
    document = HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=fetcher or StaticOnlyFetcher()).render()
    return document.write_pdf(), len(document.pages)


def render_pack(content: PackContent) -> RenderedPack:
    """The pack as PDF bytes, in memory: nothing is written until the caller stores it."""
    started = time.perf_counter()
    html = pack_html(content)
    halfway = time.perf_counter()
    pdf, pages = html_to_pdf(html)
    return RenderedPack(pdf=pdf, pages=pages, html_seconds=halfway - started, pdf_seconds=time.perf_counter() - halfway)
