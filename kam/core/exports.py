"""Tabular exports (CSV, XLSX) that are safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) would be read as a formula by
Excel or LibreOffice; such cells are prefixed with an apostrophe so they stay text.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Return a value that a spreadsheet will show as typed, never evaluate."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a BOM, so Excel reads UTF-8 (Cyrillic names) correctly
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return response


def xlsx_response(filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    widths = [len(str(h)) for h in header]
    sheet.append([str(h) for h in header])
    buffered = []
    for row in rows:
        values = [neutralise(value) for value in row]
        widths = [max(w, min(len(str(v)), 60)) for w, v in zip(widths, values, strict=True)]
        buffered.append(values)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    for values in buffered:
        sheet.append(values)
    stream = io.BytesIO()
    workbook.save(stream)
    response = HttpResponse(
        stream.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
