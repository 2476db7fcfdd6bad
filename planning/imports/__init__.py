"""Importing actual sales from ERP exports (CSV or XLSX): parse, validate every row, then
apply all rows or none.

`after_import` is the hook point other parts register into (e.g. refreshing a summary table):
each callable is called with the applied SalesImport once the import's transaction commits.
"""

from collections.abc import Callable

after_import: list[Callable] = []


def register_after_import(func: Callable) -> Callable:
    """Call `func(sales_import)` after every applied import; usable as a decorator."""
    if func not in after_import:
        after_import.append(func)
    return func


def run_after_import(sales_import) -> None:
    for func in list(after_import):
        func(sales_import)
