"""Importing actual sales: parsing, validation, all-or-nothing apply, re-import, the command."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from accounts.tests.factories import AccountFactory
from planning import imports as hooks
from planning.models import SalesImport, SalesRecord
from planning.services.imports import ImportRefused, sales_import_apply, sales_import_preview
from planning.tests.factories import ProductFactory, SalesRecordFactory

pytestmark = pytest.mark.django_db
HEADER = "account,product,month,volume,revenue,margin\n"


@pytest.fixture
def catalogue(account):
    account.tax_id = "7701234567"
    account.external_code = "ERP-1"
    account.save()
    return {"p1": ProductFactory(code="P1"), "p2": ProductFactory(code="P2")}


def write(tmp_path, text: str, *, name="sales.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def xlsx(tmp_path, rows, *, name="sales.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def test_valid_csv_is_previewed_then_applied(tmp_path, owner, catalogue, account):
    path = write(tmp_path, HEADER + "7701234567,P1,2026-01,10.5,1000,200\nERP-1,P2,2026-02-17,5,500.50,-20\n")
    preview = sales_import_preview(by=owner, path=path)
    assert preview.ok and preview.rows == 2
    assert (preview.volume, preview.revenue, preview.margin) == (Decimal("15.5"), Decimal("1500.50"), Decimal("180"))
    assert preview.month_list == [datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)]
    assert preview.account_count == 1
    assert SalesRecord.objects.count() == 0

    done = sales_import_apply(by=owner, path=path, file_name="sales.csv")
    record = SalesRecord.objects.get(product=catalogue["p2"])
    assert (record.account, record.month, record.margin) == (account, datetime.date(2026, 2, 1), Decimal("-20"))
    assert record.imported_in == done
    assert (done.rows, done.replaced, done.imported_by, done.revenue) == (2, 0, owner, Decimal("1500.50"))
    assert (done.first_month, done.last_month) == (datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))


def test_valid_xlsx_with_russian_headers_and_dates(tmp_path, owner, catalogue):
    path = xlsx(
        tmp_path,
        [
            ["ИНН", "Код товара", "Месяц", "Объём", "Выручка", "Маржа"],
            [7701234567, "P1", datetime.datetime(2026, 3, 31), 12.25, 3000, 150.5],
            ["ERP-1", "P2", "2026-03", "7", "700,00", "-5"],
        ],
    )
    sales_import_apply(by=owner, path=path, file_name="sales.xlsx")
    assert sorted(SalesRecord.objects.values_list("month", "volume")) == [
        (datetime.date(2026, 3, 1), Decimal("7.000")),
        (datetime.date(2026, 3, 1), Decimal("12.250")),
    ]


def test_csv_with_bom_semicolons_and_decimal_commas_is_accepted(tmp_path, owner, catalogue):
    text = "\ufeffКлиент;Товар;Период;Количество;Сумма;Маржа\n7701234567;P1;01.02.2026;1 234,5;10 000,25;-3,5\n"
    sales_import_apply(by=owner, path=write(tmp_path, text), file_name="ru.csv")
    record = SalesRecord.objects.get()
    assert (record.volume, record.revenue, record.margin) == (Decimal("1234.5"), Decimal("10000.25"), Decimal("-3.5"))
    assert record.month == datetime.date(2026, 2, 1)


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("9999999999,P1,2026-01,1,1,1", "account", "unknown account"),
        ("ERP-1,NOPE,2026-01,1,1,1", "product code", "unknown product"),
        ("ERP-1,P1,2099-01,1,1,1", "month", "in the future"),
        ("ERP-1,P1,January,1,1,1", "month", "not a month"),
        ("ERP-1,P1,2026-01,ten,1,1", "volume", "not a number"),
        ("ERP-1,P1,2026-01,1,abc,1", "revenue", "not a number"),
        ("ERP-1,P1,2026-01,1,1,x", "margin", "not a number"),
        ("ERP-1,P1,2026-01,-1,1,1", "volume", "negative"),
        ("ERP-1,P1,2026-01,1,-1,1", "revenue", "negative"),
        ("7701234567,P2,2026-01,1,1,1", "product code", "duplicate key"),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_row_and_column(tmp_path, owner, catalogue, row, column, reason):
    path = write(tmp_path, HEADER + "ERP-1,P2,2026-01,1,1,1\n" + row + "\n")
    preview = sales_import_preview(by=owner, path=path)
    assert not preview.ok
    error = preview.errors[0]
    assert (error.row, error.column) == (3, column)
    assert reason in error.reason
    assert str(error).startswith("Row 3, ")


def test_negative_margin_is_allowed(tmp_path, owner, catalogue):
    assert sales_import_preview(by=owner, path=write(tmp_path, HEADER + "ERP-1,P1,2026-01,1,1,-100\n")).ok


def test_missing_column_is_reported(tmp_path, owner, catalogue):
    preview = sales_import_preview(by=owner, path=write(tmp_path, "account,product,month,volume\nERP-1,P1,2026-01,1\n"))
    assert preview.errors[0].row == 1
    assert "revenue" in preview.errors[0].reason and "margin" in preview.errors[0].reason


def test_a_bad_last_row_writes_nothing(tmp_path, owner, catalogue):
    good = "".join(f"ERP-1,P1,2025-{m:02d},1,1,1\n" for m in range(1, 13))
    path = write(tmp_path, HEADER + good + "ERP-1,P2,2025-01,1,1,oops\n")
    with pytest.raises(ImportRefused) as refused:
        sales_import_apply(by=owner, path=path, file_name="bad.csv")
    assert refused.value.validation.errors[0].row == 14
    assert SalesRecord.objects.count() == 0
    assert SalesImport.objects.count() == 0


def test_reimport_replaces_the_months_of_the_accounts_in_the_file(tmp_path, owner, catalogue, account):
    other_month = SalesRecordFactory(account=account, product=catalogue["p1"], month=datetime.date(2025, 12, 1))
    other_account = SalesRecordFactory(product=catalogue["p1"], month=datetime.date(2026, 1, 1))
    stale = SalesRecordFactory(account=account, product=catalogue["p2"], month=datetime.date(2026, 1, 1))
    path = write(tmp_path, HEADER + "ERP-1,P1,2026-01,1,100,10\n")
    assert sales_import_preview(by=owner, path=path).replaced == 1
    first = sales_import_apply(by=owner, path=path, file_name="a.csv")
    second = sales_import_apply(by=owner, path=path, file_name="a.csv")
    assert (first.replaced, second.replaced) == (1, 1)
    assert not SalesRecord.objects.filter(pk=stale.pk).exists()
    assert SalesRecord.objects.filter(pk__in=[other_month.pk, other_account.pk]).count() == 2
    assert SalesRecord.objects.filter(account=account, month=datetime.date(2026, 1, 1)).count() == 1


def test_kam_cannot_import_sales_of_someone_elses_account(tmp_path, other_kam, catalogue):
    preview = sales_import_preview(by=other_kam, path=write(tmp_path, HEADER + "ERP-1,P1,2026-01,1,1,1\n"))
    assert (preview.errors[0].column, preview.errors[0].reason) == ("account", "unknown account “ERP-1”")


def test_director_imports_for_accounts_of_the_region_only(tmp_path, director, other_director, catalogue):
    path = write(tmp_path, HEADER + "ERP-1,P1,2026-01,1,1,1\n")
    assert sales_import_preview(by=director, path=path).ok
    assert not sales_import_preview(by=other_director, path=path).ok


def test_after_import_hooks_run_on_commit(tmp_path, owner, catalogue, django_capture_on_commit_callbacks):
    seen = []
    hooks.register_after_import(seen.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            done = sales_import_apply(
                by=owner, path=write(tmp_path, HEADER + "ERP-1,P1,2026-01,1,1,1\n"), file_name="a"
            )
    finally:
        hooks.after_import.remove(seen.append)
    assert seen == [done]


def test_command_imports_and_exits_1_on_bad_rows(tmp_path, catalogue):
    good = write(tmp_path, HEADER + "ERP-1,P1,2026-01,1,1,1\n", name="good.csv")
    out = io.StringIO()
    call_command("import_sales", str(good), "--dry-run", stdout=out)
    assert "Rows: 1" in out.getvalue() and SalesRecord.objects.count() == 0
    call_command("import_sales", str(good), stdout=io.StringIO())
    assert SalesRecord.objects.count() == 1

    bad = write(tmp_path, HEADER + "ERP-1,P1,2026-01,1,1,1\nNOBODY,P1,2026-01,1,1,1\n", name="bad.csv")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_sales", str(bad), stderr=err)
    assert exit_info.value.code == 1
    assert "Row 3, account: unknown account" in err.getvalue()
    assert SalesImport.objects.count() == 1


@pytest.mark.slow
def test_a_file_of_100000_rows_is_imported(tmp_path, owner, region):
    accounts = [AccountFactory(owner=owner, region=region, external_code=f"A{i}") for i in range(50)]
    products = [ProductFactory(code=f"S{i}") for i in range(100)]
    months = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 11)]
    lines = [
        f"{a.external_code};{p.code};{m};{i % 97},5;{i % 1000},25;-{i % 7}\n"
        for i, (a, p, m) in enumerate((a, p, m) for a in accounts for p in products for m in months)
    ]
    assert len(lines) == 100_000
    path = write(tmp_path, "account;product;month;volume;revenue;margin\n" + "".join(lines))
    done = sales_import_apply(by=owner, path=path, file_name="big.csv")
    assert done.rows == SalesRecord.objects.count() == 100_000
    again = sales_import_apply(by=owner, path=path, file_name="big.csv")
    assert again.replaced == 100_000 and SalesRecord.objects.count() == 100_000
