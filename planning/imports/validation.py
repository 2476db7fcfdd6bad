"""Validating every row of an export before anything is written.

One pass over the rows: each is checked (account, product, month, numbers, duplicate key) and,
when a staging sink is given, written to it in PostgreSQL COPY text format so that applying
streams the file instead of holding a million rows in memory. Lookups of accounts, products
and months are cached, since an export repeats them on every row.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Account
from planning.imports.parsing import COLUMN_LABELS, FileError, map_header, read_rows
from planning.models import Product

MAX_ERRORS = 500  # errors kept to show; the count goes on
VOLUME_PLACES = Decimal("0.001")
MONEY_PLACES = Decimal("0.01")
VOLUME_LIMIT = Decimal(10) ** 13  # SalesRecord.volume: 16 digits, 3 after the point
MONEY_LIMIT = Decimal(10) ** 14  # revenue and margin: 16 digits, 2 after the point
_MONTH_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: .*)?$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})\.(\d{4})$"), ("m", "y")),
    (re.compile(r"^(\d{4})(\d{2})$"), ("y", "m")),
)
_SPACES = str.maketrans("", "", " \u00a0\u202f'")


@dataclass
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        values = {"row": self.row, "column": self.column, "reason": self.reason}
        return _("Row %(row)s, %(column)s: %(reason)s") % values


@dataclass
class Validation:
    """What a file holds, or what is wrong with it. `pairs` are the (account id, month) pairs
    the file covers: their existing records are the ones an apply replaces."""

    rows: int = 0
    volume: Decimal = Decimal(0)
    revenue: Decimal = Decimal(0)
    margin: Decimal = Decimal(0)
    months: set = field(default_factory=set)
    pairs: set = field(default_factory=set)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    replaced: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and self.rows > 0

    @property
    def account_count(self) -> int:
        return len({account for account, _month in self.pairs})

    @property
    def first_month(self) -> datetime.date | None:
        return min(self.months) if self.months else None

    @property
    def last_month(self) -> datetime.date | None:
        return max(self.months) if self.months else None

    @property
    def month_list(self) -> list[datetime.date]:
        return sorted(self.months)

    @property
    def hidden_errors(self) -> int:
        return self.error_count - len(self.errors)

    def add_error(self, row: int, column: str, reason: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, str(COLUMN_LABELS.get(column, column)), reason))


def account_keys_for_importer(*, user) -> dict[str, int]:
    """Tax id and ERP code → account id, of the accounts `user` may see (None: the command
    line's system scope, every account). One query. An account the user may not see is
    simply absent, so it is reported as unknown rather than revealed."""
    accounts = Account.objects.all() if user is None else Account.objects.visible_to(user)
    keys: dict[str, int] = {}
    for pk, external_code, tax_id in accounts.values_list("pk", "external_code", "tax_id"):
        if external_code:
            keys[external_code.strip().upper()] = pk
        if tax_id:  # a tax id wins over an ERP code that happens to look the same
            keys[tax_id.strip().upper()] = pk
    return keys


def product_keys() -> dict[str, int]:
    """Product code → id, the whole catalogue (inactive products still receive history)."""
    return {code.strip().upper(): pk for pk, code in Product.objects.values_list("pk", "code")}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an XLSX cell holding a tax id or code typed as a number
    return str(value).strip()


def parse_month(value) -> datetime.date | None:
    """The first day of the month a cell names (YYYY-MM, a date in ISO or Russian order, MM.YYYY,
    or an XLSX date), or None."""
    if isinstance(value, datetime.datetime | datetime.date):
        return datetime.date(value.year, value.month, 1)
    text = _text(value)
    for pattern, order in _MONTH_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=False))
            try:
                datetime.date(parts["y"], parts["m"], parts.get("d", 1))  # a real date, 31.02 is not
                return datetime.date(parts["y"], parts["m"], 1)
            except ValueError:
                return None
    return None


def parse_number(value) -> Decimal | None:
    """A finite Decimal from a cell: numbers as they are; text with a decimal point or comma
    (as Russian Excel writes it) and spaces between thousands. None when it is not a number."""
    if type(value) is str:  # every CSV cell: the hot path, with at most one Decimal() attempt
        text = value.strip()
        if " " in text or "\u00a0" in text or "\u202f" in text or "'" in text:
            text = text.translate(_SPACES)  # spaces between thousands
        if "," in text:
            # "1,234.56": a comma between thousands; "1234,56": a decimal comma.
            text = text.replace(",", "") if "." in text else text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    elif isinstance(value, bool) or value is None:
        return None
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        return parse_number(str(value))
    return number if number.is_finite() else None


def validate_file(path: Path, *, user, sink: TextIO | None = None) -> Validation:
    """Check every row of the file at `path` as `user` would import it (None: every account).
    Two queries (accounts, products). Valid rows go to `sink` in COPY text format:
    account_id, product_id, month, volume, revenue, margin."""
    started = timezone.now()
    result = Validation()
    accounts = account_keys_for_importer(user=user)
    products = product_keys()
    this_month = timezone.localdate().replace(day=1)
    month_cache: dict = {}
    seen: set[tuple] = set()
    positions: dict[str, int] | None = None
    rows = read_rows(path)
    try:
        for number, cells in rows:
            if positions is None:
                positions = map_header(cells)
                width = max(positions.values()) + 1
                i_acc, i_prod, i_month = positions["account"], positions["product"], positions["month"]
                i_vol, i_rev, i_mar = positions["volume"], positions["revenue"], positions["margin"]
                continue
            if not any(c not in (None, "") and str(c).strip() for c in cells):
                continue  # a blank line, e.g. at the end of an export
            if len(cells) < width:
                cells = [*cells, *([None] * (width - len(cells)))]
            result.rows += 1
            errors_before = result.error_count

            account_key = _text(cells[i_acc]).upper()
            account_id = accounts.get(account_key)
            if account_id is None and account_key.isdigit() and len(account_key) in (9, 11):
                account_id = accounts.get("0" + account_key)  # a tax id whose leading zero Excel ate
            if account_id is None:
                reason = _("unknown account “%(key)s”") % {"key": account_key} if account_key else _("empty")
                result.add_error(number, "account", reason)

            product_key = _text(cells[i_prod]).upper()
            product_id = products.get(product_key)
            if product_id is None:
                reason = _("unknown product “%(key)s”") % {"key": product_key} if product_key else _("empty")
                result.add_error(number, "product", reason)

            raw_month = cells[i_month]
            month_key = raw_month if isinstance(raw_month, datetime.date) else _text(raw_month)
            month = month_cache.get(month_key, False)
            if month is False:
                month = month_cache[month_key] = parse_month(raw_month)
            if month is None:
                result.add_error(number, "month", _("not a month (use YYYY-MM or a date)"))
            elif month > this_month:
                result.add_error(number, "month", _("%(month)s is in the future") % {"month": f"{month:%Y-%m}"})

            volume = _amount(result, number, "volume", cells[i_vol], VOLUME_PLACES, VOLUME_LIMIT, signed=False)
            revenue = _amount(result, number, "revenue", cells[i_rev], MONEY_PLACES, MONEY_LIMIT, signed=False)
            margin = _amount(result, number, "margin", cells[i_mar], MONEY_PLACES, MONEY_LIMIT, signed=True)

            if result.error_count != errors_before:
                continue
            key = (account_id, product_id, month)
            if key in seen:
                result.add_error(
                    number, "product", _("a second row for this account, product and month (duplicate key)")
                )
                continue
            seen.add(key)
            result.volume += volume
            result.revenue += revenue
            result.margin += margin
            result.months.add(month)
            result.pairs.add((account_id, month))
            if sink is not None:
                sink.write(f"{account_id}\t{product_id}\t{month.isoformat()}\t{volume}\t{revenue}\t{margin}\n")
    except FileError as exc:
        result.add_error(1, "", str(exc))
    if positions is None and not result.error_count:
        result.add_error(1, "", _("The file is empty or has no header row."))
    elif positions is not None and result.rows == 0 and not result.error_count:
        result.add_error(2, "", _("The file has a header but no rows."))
    result.seconds = (timezone.now() - started).total_seconds()
    return result


def _amount(result: Validation, row: int, column: str, value, places, limit, *, signed: bool) -> Decimal | None:
    number = parse_number(value)
    if number is None:
        result.add_error(row, column, _("not a number") if _text(value) else _("empty"))
        return None
    if not signed and number < 0:
        result.add_error(row, column, _("negative"))
        return None
    if abs(number) >= limit:
        result.add_error(row, column, _("too large"))
        return None
    return number.quantize(places, rounding=ROUND_HALF_UP)
