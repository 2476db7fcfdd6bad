"""The client-analysis journey in a real browser: an account manager scores a client on its
Scores tab, watches the totals follow the inputs, finds the client's point in the right
quadrant of the portfolio matrix; scores it again, differently, and sees the point moved
there, with an arrow from where it stood."""

import datetime
import importlib
import math

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AccountFactory
from analysis import charts
from analysis.models import Criterion, Dimension
from kam.users.models import Role
from kam.users.tests.factories import UserFactory

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a matrix of passwords"
MATRIX = "#portfolio-matrix"


@pytest.fixture
def client_account():
    """A KAM, the client to score and a client of someone else. The criteria come from a data
    migration, which a transactional test's flush may have removed: they are put back first.
    Made before the browser starts: the ORM stays out of Playwright's event loop."""
    importlib.import_module("analysis.migrations.0002_default_criteria").add_defaults(apps, None)
    kam = UserFactory(username="olga", first_name="Ольга", last_name="Миронова", role=Role.KAM)
    kam.set_password(PASSWORD)
    kam.save()
    AccountFactory(name="Someone else's client")
    account = AccountFactory(name="Волга Ритейл", owner=kam)
    account.score_ids = criteria()
    return account


def criteria() -> dict[str, list[int]]:
    """The score inputs' criterion ids per dimension, in the order of the form."""
    ordered = Criterion.objects.filter(active=True).order_by("dimension", "position", "pk")
    return {
        dimension: [c.pk for c in ordered if c.dimension == dimension]
        for dimension in (Dimension.COMPETITIVENESS, Dimension.SALES_INTEREST)
    }


def score_the_client(page, ids, *, competitiveness: list[int], interest: list[int], on: datetime.date) -> None:
    """Fill every score of the open assessment form and wait for the live totals."""
    for pk, value in zip(ids[Dimension.COMPETITIVENESS], competitiveness, strict=True):
        page.fill(f"input[name=score_{pk}]", str(value))
    for pk, value in zip(ids[Dimension.SALES_INTEREST], interest, strict=True):
        page.fill(f"input[name=score_{pk}]", str(value))
    page.fill("input[name=assessed_on]", on.isoformat())


def centre(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def inside(point: tuple[float, float], box: dict) -> bool:
    x, y = point
    return box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]


def quadrant_box(page, title: str) -> dict:
    """Where the quadrant named `title` lies on the screen: the areas and their names are
    drawn in the same order."""
    names = page.locator(f"{MATRIX} g.chart-area-names > g").all_text_contents()
    index = next(i for i, name in enumerate(names) if name.strip().startswith(title))
    return page.locator(f"{MATRIX} g.chart-areas rect").nth(index).bounding_box()


def test_kam_scores_a_client_and_sees_it_move_on_the_matrix(live_server, client_account, page, log_in):
    ids = client_account.score_ids
    point = f'{MATRIX} a[href="{reverse("analysis:scores", args=[client_account.pk])}"]'
    # Yesterday, whatever the zones of the server and the user: never refused as in the future.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    log_in("olga", PASSWORD)

    # The dossier's Scores tab, empty, invites the first assessment.
    page.goto(live_server.url + reverse("accounts:detail", args=[client_account.pk]))
    page.get_by_role("link", name="Scores", exact=True).click()
    page.wait_for_url(f"**{reverse('analysis:scores', args=[client_account.pk])}")
    page.get_by_role("link", name="New assessment").first.click()
    expect(page.get_by_role("heading", name="Assess Волга Ритейл")).to_be_visible()

    # A strong client, lukewarm to us: the totals follow the inputs before anything is saved.
    first_on = yesterday - datetime.timedelta(days=90)
    score_the_client(page, ids, competitiveness=[8, 9, 7, 8, 9, 7], interest=[3, 2, 4, 3, 2, 4], on=first_on)
    totals = page.locator("#assessment-totals")
    expect(totals.locator(".score-total").nth(0)).to_have_text("8.0")
    expect(totals.locator(".score-total").nth(1)).to_have_text("3.0")
    expect(totals).to_contain_text("Share to win")
    page.get_by_role("button", name="Record the assessment").click()

    expect(page.get_by_text("Assessment recorded.")).to_be_visible()
    latest = page.locator(".score-summary").first
    expect(latest.locator(".score-total").nth(0)).to_have_text("8.0")
    expect(latest.locator(".score-total").nth(1)).to_have_text("3.0")
    expect(latest).to_contain_text("Defend and grow share")

    # On the matrix: one point, in the quadrant of strong clients lukewarm to us, no arrow yet.
    page.get_by_role("link", name="Portfolio matrix").click()
    page.wait_for_url(f"**{reverse('analysis:portfolio')}")
    expect(page.locator(f"{MATRIX} g.chart-points a")).to_have_count(1)
    expect(page.locator(point)).to_have_count(1)
    assert "Волга Ритейл — competitiveness 8.0, sales interest 3.0" in page.locator(f"{point} title").text_content()
    first_box = page.locator(f"{point} circle").bounding_box()
    assert inside(centre(first_box), quadrant_box(page, "Share to win"))
    expect(page.locator(f"{MATRIX} g.chart-arrows line")).to_have_count(0)
    before = [float(page.locator(f"{point} circle").get_attribute(a)) for a in ("cx", "cy")]
    row = page.locator(".portfolio-table tbody tr", has_text="Волга Ритейл")
    expect(row).to_contain_text("Share to win")
    expect(page.locator(".portfolio-table")).not_to_contain_text("Someone else")

    # The point leads back to the client's scores; a second assessment, the other way round.
    page.locator(point).click()
    page.wait_for_url(f"**{reverse('analysis:scores', args=[client_account.pk])}")
    page.get_by_role("link", name="New assessment").first.click()
    expect(page.get_by_text("Last time: 8").first).to_be_visible()
    score_the_client(page, ids, competitiveness=[3, 2, 4, 3, 3, 3], interest=[8, 8, 9, 7, 8, 8], on=yesterday)
    expect(page.locator("#assessment-totals .score-total").nth(0)).to_have_text("3.0")
    expect(page.locator("#assessment-totals .score-total").nth(1)).to_have_text("8.0")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_text("Assessment recorded.")).to_be_visible()
    expect(page.locator(".score-summary").first).to_contain_text("Develop the client")

    # The point has moved to the clients to develop, an arrow from where it stood.
    page.get_by_role("link", name="Portfolio matrix").click()
    page.wait_for_url(f"**{reverse('analysis:portfolio')}")
    expect(page.locator(f"{MATRIX} g.chart-points a")).to_have_count(1)
    second_box = page.locator(f"{point} circle").bounding_box()
    assert inside(centre(second_box), quadrant_box(page, "Clients to develop"))
    assert not inside(centre(second_box), quadrant_box(page, "Share to win"))
    arrow = page.locator(f"{MATRIX} g.chart-arrows line")
    expect(arrow).to_have_count(1)
    start = [float(arrow.get_attribute(a)) for a in ("x1", "y1")]
    end = [float(arrow.get_attribute(a)) for a in ("x2", "y2")]
    after = [float(page.locator(f"{point} circle").get_attribute(a)) for a in ("cx", "cy")]
    assert start == before  # from the previous position…
    assert math.dist(end, after) == pytest.approx(charts.POINT_RADIUS + 1.5, abs=0.2)  # …to the rim of the new one
    assert math.dist(end, before) > math.dist(end, after)
    expect(page.locator(".portfolio-table tbody tr", has_text="Волга Ритейл")).to_contain_text("8.0 → 3.0")

    assert page.csp_violations() == []
