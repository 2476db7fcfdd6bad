import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.tests.factories import AccountFactory
from kam.core.exports import neutralise

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["=1+1", "+7 495", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_triggers_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_plain_values_pass_through():
    assert neutralise("ООО Ромашка") == "ООО Ромашка"
    assert neutralise(42) == 42
    assert neutralise(None) == ""


def _csv_rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_holds_the_filtered_visible_rows(client_for, owner, other_kam, account):
    AccountFactory(name="=HYPERLINK(evil)", owner=owner, status="at_risk", region=account.region)
    AccountFactory(name="Not mine", owner=other_kam)
    response = client_for(owner).get(reverse("accounts:export", args=["csv"]), {"status": "at_risk"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="accounts.csv"'
    rows = _csv_rows(response)
    assert rows[0][0] == "Name"
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(evil)"]


def test_xlsx_export_has_every_visible_account_with_cyrillic_intact(client_for, owner, other_kam, account):
    AccountFactory(name="Zeta", owner=owner)
    AccountFactory(name="Hidden", owner=other_kam)
    response = client_for(owner).get(reverse("accounts:export", args=["xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert set(names) == {"Zeta", "Северсталь Логистик"}


def test_unknown_format_is_404(client_for, owner):
    assert client_for(owner).get("/accounts/export.pdf").status_code == 404


def test_department_member_may_not_export(client_for, department_member, account):
    assert client_for(department_member).get(reverse("accounts:export", args=["csv"])).status_code == 403
