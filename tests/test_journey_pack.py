"""The briefing pack in a real browser: the account manager opens an annual meeting, presses
"Prepare briefing pack", watches the status turn from queued to ready without reloading
(htmx polls it), and downloads the PDF.

Locally without REDIS_URL the task runs in-process when queued; with REDIS_URL (CI) a real
Celery worker renders it."""

import pytest
from django.conf import settings
from django.urls import reverse

from meetings.tests.packs_data import briefed_meeting

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a pack of passwords"


@pytest.fixture
def annual_meeting(request, account, owner):
    """Made before the browser starts: the ORM stays out of Playwright's event loop."""
    if settings.REDIS_URL:
        request.getfixturevalue("worker")
    owner.set_password(PASSWORD)
    owner.save()
    return briefed_meeting(account, owner, contacts=4, topics=2, targets=1, commitments=1)


def test_kam_prepares_watches_and_downloads_the_briefing_pack(live_server, annual_meeting, page, log_in):
    meeting = annual_meeting
    log_in("owner", PASSWORD)
    page.goto(live_server.url + reverse("meetings:detail", args=[meeting.pk]))
    panel = page.locator("#briefing-pack")
    expect(panel).to_contain_text("Briefing pack")
    page.shot("pack-1-meeting")

    panel.get_by_role("button", name="Prepare briefing pack").click()
    # Queued or rendering first (polling), then ready, with no reload of the page.
    status = panel.locator(".pack-status")
    expect(status).to_be_visible()
    expect(panel.get_by_role("button", name="Prepare briefing pack")).to_have_count(0)
    download_link = panel.get_by_role("link", name="Download PDF")
    expect(download_link).to_be_visible(timeout=120_000)
    expect(status).to_contain_text("Ready")
    expect(status).not_to_have_attribute("hx-trigger", "every 2s")
    page.shot("pack-2-ready")

    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    assert "Северсталь" in download.suggested_filename
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # The packs page lists it, with who asked for it.
    panel.get_by_role("link", name="All packs of this meeting").click()
    page.wait_for_url(f"**{reverse('meetings:packs', args=[meeting.pk])}")
    expect(page.locator("main table")).to_contain_text("Olga Owner")
    page.shot("pack-3-list")
    assert page.csp_violations() == []
