"""Readiness of an annual meeting, in per cent, on the page and as counted."""

import pytest
from django.urls import reverse

from meetings.models import ChecklistItem, Meeting
from meetings.readiness import readiness_percent
from meetings.tests.factories import MeetingFactory, add_checklist

pytestmark = pytest.mark.django_db


def test_nothing_ready_is_zero():
    assert readiness_percent(["missing"] * 9) == 0


def test_drafts_count_half():
    assert readiness_percent(["draft"] * 9) == 50
    assert readiness_percent(["ready", "draft"] + ["missing"] * 7) == 16  # 3 of 18 points, rounded down


def test_everything_ready_is_one_hundred():
    assert readiness_percent(["ready"] * 9) == 100


@pytest.mark.parametrize(
    ("statuses", "percent"),
    [
        ({}, 0),
        ({"financial_report": "draft", "limits": "draft"}, 11),
        (dict.fromkeys(ChecklistItem.Item.values, "ready"), 100),
    ],
)
def test_the_page_shows_readiness_from_the_checklist(client_for, owner, account, statuses, percent):
    meeting = MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL)
    add_checklist(meeting)
    for item, status in statuses.items():
        ChecklistItem.objects.filter(meeting=meeting, item=item).update(status=status)
    html = client_for(owner).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert f'value="{percent}"' in html
    assert f"{percent} % ready" in html


def test_filling_the_checklist_to_the_end_reaches_one_hundred(client_for, owner, account):
    meeting = MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL)
    client = client_for(owner)
    for item in ChecklistItem.Item.values:
        row = ChecklistItem.objects.filter(meeting=meeting, item=item).first()
        response = client.post(
            reverse("meetings:checklist_item", args=[meeting.pk, item]),
            {"status": "ready", "content": "Done", "version": row.version if row else 1},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
    assert "100 % ready" in response.text
    assert 'class="readiness is-complete" max="100" value="100"' in response.text
