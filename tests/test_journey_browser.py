"""The main journey in a real browser: log in, open an account, add a dossier entry, find it
with search. Headless Chromium driven by Playwright, against the live test server."""

import pytest
from django.urls import reverse

from accounts.tests.factories import AccountFactory, ContactFactory
from kam.users.models import Role
from kam.users.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def account():
    """Made before the browser starts: the ORM stays out of Playwright's event loop."""
    kam = UserFactory(username="irina", first_name="Ирина", last_name="Соколова", role=Role.KAM)
    kam.set_password("a long journey password")
    kam.save()
    account = AccountFactory(name="Волга Ритейл", owner=kam)
    ContactFactory(account=account, first_name="Павел", last_name="Орлов", buying_role="decision_maker")
    AccountFactory(name="Someone else's client")
    return account


def test_kam_logs_in_adds_an_entry_and_finds_it(live_server, account, page):

    page.goto(live_server.url + reverse("accounts:list"))
    assert "/login/" in page.url
    page.fill("input[name=username]", "irina")
    page.fill("input[name=password]", "a long journey password")
    page.click("button[type=submit]")

    page.get_by_role("link", name="Волга Ритейл").click()
    assert page.url.endswith(reverse("accounts:detail", args=[account.pk]))
    assert page.get_by_role("heading", name="Волга Ритейл").is_visible()

    page.get_by_role("link", name="Dossier").click()
    page.get_by_role("link", name="Write the first entry").first.click()
    page.select_option("select[name=category]", "logistics")
    page.fill("input[name=title]", "Новый склад в Казани")
    page.fill("textarea[name=text]", "Клиент переносит распределительный центр; first deliveries in March.")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Новый склад в Казани").first.is_visible()

    page.fill("input[name=q]", "склад Казани")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search/**")
    assert page.locator("main").get_by_role("link", name="Новый склад в Казани").count() == 1
    assert page.locator("main mark").first.inner_text().lower().startswith("склад")
    assert "Someone else" not in page.content()
    assert not page.csp_violations(), page.csp_errors
