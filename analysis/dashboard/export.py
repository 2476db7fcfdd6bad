"""The dashboard as an XLSX workbook: a sheet per section with the figures the page shows,
numbers as numbers, every text cell through kam.core.exports.neutralise so nothing in it is
read as a formula."""

import io
from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from kam.core.exports import neutralise


def _sheet(workbook: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    sheet = workbook.create_sheet(title=title[:31])
    values = [[neutralise(value) for value in row] for row in rows]
    widths = [len(str(h)) for h in header]
    for row in values:
        widths = [max(w, min(len(str(v)), 60)) for w, v in zip(widths, row, strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.append([str(h) for h in header])
    for row in values:
        sheet.append(row)


def _plan_rows(kind: str, rows) -> list[list]:
    return [
        [
            kind,
            row.label,
            row.actual,
            row.target_to_date if row.has_plan else None,
            row.percent if row.has_plan else None,
            row.target if row.has_plan else None,
            row.last_year,
            row.growth,
            row.margin,
        ]
        for row in rows
    ]


def dashboard_workbook(board, *, currency: str) -> bytes:
    """The workbook's bytes (`board` is analysis.views.dashboard.Dashboard)."""
    workbook = Workbook(write_only=True)
    head = board.headline
    total = head.total
    as_of = date_format(timezone.localtime(head.sales_as_of), "DATETIME_FORMAT") if head.sales_as_of else ""
    _sheet(
        workbook,
        _("Headline"),
        [_("Figure"), _("Value")],
        [
            [_("Year"), board.period.year],
            [_("Months to date"), board.period.months],
            [_("Sales figures as of"), as_of],
            [_("Currency"), currency],
            [_("Turnover year to date"), total.actual],
            [_("Target to date"), total.target_to_date],
            [_("Turnover against target to date, %"), total.percent],
            [_("Target for the year"), total.target],
            [_("Margin year to date"), total.margin],
            # xgettext:no-python-format
            [_("Margin, % of turnover"), total.margin_percent],
            [_("Turnover in the same months of last year"), total.last_year],
            [_("Growth against last year, %"), total.growth],
            [_("Planned growth, %"), total.planned_growth],
            [_("Key accounts"), head.accounts],
            *[[s.label, s.count] for s in head.statuses],
            [_("Accounts at risk"), head.at_risk],
        ],
    )
    plan = board.plan_actual
    _sheet(
        workbook,
        _("Plan vs actual"),
        [
            _("By"),
            _("Name"),
            _("Turnover year to date"),
            _("Target to date"),
            # xgettext:no-python-format
            _("% of target to date"),
            _("Target for the year"),
            _("Same months last year"),
            _("Growth, %"),
            _("Margin year to date"),
        ],
        [
            *_plan_rows(_("Region"), plan.by_region),
            *_plan_rows(_("Account manager"), plan.by_owner),
            *_plan_rows(_("Product group"), plan.by_group),
        ],
    )
    _sheet(
        workbook,
        _("Accounts at risk"),
        [_("Account"), _("Account manager"), _("Region"), _("Status"), _("Reasons")],
        [
            [a.name, a.owner, a.region, a.status, "; ".join(str(r.text) for r in a.reasons)]
            for a in board.at_risk.accounts
        ],
    )
    commitments = board.commitments
    _sheet(
        workbook,
        _("Commitments"),
        [
            _("Department"),
            _("Open"),
            _("Due this week"),
            _("Overdue"),
            _("Due in the last 90 days"),
            _("On time"),
            _("On-time rate, %"),
        ],
        [
            [
                d.name or _("Assigned to people"),
                d.open,
                d.due_this_week,
                d.overdue,
                d.due_in_window,
                d.on_time,
                d.on_time_rate,
            ]
            for d in [*commitments.rows, commitments.total]
        ],
    )
    _sheet(
        workbook,
        _("Upcoming meetings"),
        [_("When"), _("Account"), _("Meeting"), _("Kind"), _("Readiness, %")],
        [
            [
                timezone.localtime(m.starts_at).replace(tzinfo=None),
                m.account_name,
                m.title,
                m.get_kind_display(),
                m.readiness,
            ]
            for m in board.meetings.meetings
        ],
    )
    if board.activity is not None:
        _sheet(
            workbook,
            _("KAM activity"),
            [_("Account manager"), _("Accounts"), _("Meetings held"), _("Assessments"), _("Plans submitted")],
            [[k.name, k.accounts, k.meetings_held, k.assessments, k.plans_submitted] for k in board.activity],
        )
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
