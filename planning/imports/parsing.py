"""Reading an ERP export into raw rows: CSV (UTF-8 with or without a BOM, `,` `;` or tab
delimited) or XLSX (the first sheet). No database access here."""

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext_lazy as _

COLUMNS = ("account", "product", "month", "volume", "revenue", "margin")
COLUMN_LABELS = {
    "account": _("account"),
    "product": _("product code"),
    "month": _("month"),
    "volume": _("volume"),
    "revenue": _("revenue"),
    "margin": _("margin"),
}
# Header names as ERP exports and people write them, in English and Russian, normalised
# (lower case, «ё» as «е», separators as single spaces).
HEADER_ALIASES = {
    "account": {
        "account",
        "account code",
        "account tax id",
        "client",
        "customer",
        "customer code",
        "tax id",
        "inn",
        "external code",
        "erp code",
        "клиент",
        "покупатель",
        "контрагент",
        "инн",
        "код клиента",
        "код покупателя",
        "код контрагента",
        "внешний код",
        "код erp",
    },
    "product": {
        "product",
        "product code",
        "sku",
        "item",
        "item code",
        "code",
        "товар",
        "код товара",
        "продукт",
        "код продукта",
        "артикул",
        "номенклатура",
        "код номенклатуры",
    },
    "month": {"month", "period", "date", "месяц", "период", "дата"},
    "volume": {"volume", "quantity", "qty", "объем", "количество", "кол во", "объем продаж"},
    "revenue": {"revenue", "sales", "amount", "turnover", "выручка", "сумма", "оборот", "выручка руб"},
    "margin": {"margin", "gross margin", "profit", "маржа", "валовая прибыль", "прибыль", "маржинальный доход"},
}
TEMPLATE_HEADER = ("account", "product_code", "month", "volume", "revenue", "margin")

XLSX_MAGIC = b"PK\x03\x04"


class FileError(Exception):
    """The file as a whole cannot be read (wrong format, no header, missing columns)."""


def normalise_header(name) -> str:
    text = str(name or "").strip().lower().replace("ё", "е")
    for sep in ("_", "-", ".", ",", "(", ")", "/"):
        text = text.replace(sep, " ")
    return " ".join(text.split())


_ALIAS_TO_COLUMN = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}


def map_header(header: list) -> dict[str, int]:
    """Column name → index in the row; FileError naming the columns that are missing."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        column = _ALIAS_TO_COLUMN.get(normalise_header(name))
        if column and column not in positions:
            positions[column] = index
    missing = [str(COLUMN_LABELS[c]) for c in COLUMNS if c not in positions]
    if missing:
        raise FileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    return positions


def read_rows(path: Path) -> Iterator[tuple[int, list]]:
    """(row number in the file, cells) for every row, the header first (row 1)."""
    with open(path, "rb") as handle:
        magic = handle.read(4)
    if magic == XLSX_MAGIC:
        yield from _xlsx_rows(path)
    else:
        yield from _csv_rows(path)


def _csv_rows(path: Path) -> Iterator[tuple[int, list]]:
    with open(path, "rb") as handle:
        sample = handle.read(64 * 1024)
    try:
        first_line = sample.decode("utf-8-sig", errors="strict").splitlines()[0] if sample else ""
    except UnicodeDecodeError:
        # The sample may end inside a character; only the first line matters here.
        first_line = sample.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    if not first_line.strip():
        raise FileError(_("The file is empty or has no header row."))
    delimiter = max((";", ",", "\t"), key=first_line.count)
    with open(path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        try:
            yield from enumerate(csv.reader(text, delimiter=delimiter), start=1)
        except UnicodeDecodeError as exc:
            raise FileError(_("The file is not UTF-8 text (save it as CSV UTF-8 or XLSX).")) from exc
        except csv.Error as exc:
            raise FileError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook  # imported on demand: most drops are CSV

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises a zoo of exceptions for a broken file
        raise FileError(_("The XLSX file cannot be read.")) from exc
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()


def template_csv() -> bytes:
    """A sample file: the header and two example rows, UTF-8 with a BOM so Excel opens it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(TEMPLATE_HEADER)
    writer.writerow(["7701234567", "P00001", "2026-01", "120,5", "301250,00", "60250,00"])
    writer.writerow(["ERP-00042", "P00002", "2026-01", "40", "98000,00", "-1200,00"])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
