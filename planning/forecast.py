"""Plan against actual: pure arithmetic on a line's (or a plan's) targets and actual revenue.

The rules, also shown on the plan page:

* **Months elapsed** – the months of the plan's year up to and including the latest month
  with actual sales in the plan's scope ("actuals through"), never beyond today's month; a
  month without sales before it still counts. 0 while the year has no sales yet (a future
  year, or January before its sales are imported). A month not imported yet thus never
  counts as a month of zero sales.
* **Target year to date** – the quarter targets of the quarters already over, plus the current
  quarter's target prorated by month: with April elapsed, Q1 + ⅓ × Q2; with June, Q1 + Q2.
* **Forecast for the year** – the run rate: actual revenue year to date / months elapsed × 12.
  None while no month has elapsed.
* **Misses** – the forecast is below the year's target.

No database access here: the selector sums the actual revenue, this module compares.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(TENTH, rounding=ROUND_HALF_UP)


def ytd_target(quarters: tuple[Decimal, Decimal, Decimal, Decimal], months_elapsed: int) -> Decimal:
    """The staged target up to the end of the `months_elapsed`-th month of the year: whole quarters
    already over plus the current quarter prorated by its elapsed months."""
    if not 0 <= months_elapsed <= 12:
        raise ValueError(f"months_elapsed must be 0..12, not {months_elapsed}")
    done, partial = divmod(months_elapsed, 3)
    total = sum(quarters[:done], ZERO)
    if partial:
        total += quarters[done] * partial / 3
    return _money(total)


def run_rate_forecast(actual: Decimal, months_elapsed: int) -> Decimal | None:
    """The year's revenue if every month sells like the average elapsed one; None before any month has actuals."""
    if months_elapsed <= 0:
        return None
    return _money(actual * 12 / months_elapsed)


@dataclass(frozen=True)
class PlanVsActual:
    """One line's (or the plan's) target, target and actual year to date, and the forecast."""

    target: Decimal
    ytd_target: Decimal
    ytd_actual: Decimal
    ytd_percent: Decimal | None  # actual as % of the target year to date
    forecast: Decimal | None
    forecast_gap: Decimal | None  # forecast minus target: negative when it misses
    forecast_percent: Decimal | None  # forecast as % of the target

    @property
    def misses(self) -> bool:
        """Whether the run-rate forecast stays below the year's target."""
        return self.forecast is not None and self.forecast < self.target


def plan_vs_actual(
    *, target: Decimal, quarters: tuple[Decimal, Decimal, Decimal, Decimal], actual: Decimal, months_elapsed: int
) -> PlanVsActual:
    """Compare a target staged by quarter with the actual revenue of the elapsed months."""
    staged = ytd_target(quarters, months_elapsed)
    forecast = run_rate_forecast(actual, months_elapsed)
    return PlanVsActual(
        target=target,
        ytd_target=staged,
        ytd_actual=actual,
        ytd_percent=_percent(actual, staged),
        forecast=forecast,
        forecast_gap=None if forecast is None else forecast - target,
        forecast_percent=None if forecast is None else _percent(forecast, target),
    )
