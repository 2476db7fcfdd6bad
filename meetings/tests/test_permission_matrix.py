"""One table over every meeting URL: who gets what.

A meeting is seen by whoever sees its account and changed by whoever changes the account;
a commitment is also seen, and moved along, by the person or department it is assigned to.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.tests.personas import CHANGE, SEE
from meetings.models import BriefingPack, ChecklistItem, Meeting
from meetings.tests.factories import (
    AgendaTopicFactory,
    CommitmentFactory,
    MeetingFactory,
    NegotiationTargetFactory,
    add_checklist,
)

pytestmark = pytest.mark.django_db

READ = dict(SEE)
WRITE = dict(CHANGE)
# A commitment assigned to the logistics department: its members see it and move it along.
ASSIGNED_READ = {**READ, "department_member": 200}
# …but only the account's editors change what was agreed.
ASSIGNED_WRITE = {**WRITE, "department_member": 403}
PERSONAS = list(READ)


@pytest.fixture
def records(account, department_member):
    meeting = MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL)
    add_checklist(meeting)
    return {
        "account": account,
        "meeting": meeting,
        "topic": AgendaTopicFactory(meeting=meeting),
        "target": NegotiationTargetFactory(meeting=meeting),
        "commitment": CommitmentFactory(meeting=meeting, assignee_department=department_member.department),
        "pack": BriefingPack.objects.create(
            meeting=meeting,
            status=BriefingPack.Status.READY,
            file=default_storage.save("packs/p.pdf", ContentFile(b"%PDF")),
        ),
    }


def _url(url_name: str, records: dict, record: str) -> str:
    if url_name == "meetings:checklist_item":
        return reverse(url_name, args=[records["meeting"].pk, ChecklistItem.Item.WORK_PLAN])
    return reverse(url_name, args=[records[record].pk])


# (url name, which record's pk, expectations for GET)
PAGES = [
    ("meetings:detail", "meeting", READ),
    ("meetings:ics", "meeting", READ),
    ("meetings:account_tab", "account", READ),
    ("meetings:commitment", "commitment", ASSIGNED_READ),
    # Briefing packs: whoever sees the meeting prepares and downloads them (test_packs_views.py).
    ("meetings:packs", "meeting", READ),
    ("meetings:pack_download", "pack", READ),
    ("meetings:edit", "meeting", WRITE),
    ("meetings:topic_add", "meeting", WRITE),
    ("meetings:topic_edit", "topic", WRITE),
    ("meetings:target_add", "meeting", WRITE),
    ("meetings:commitment_add", "meeting", WRITE),
    ("meetings:target_edit", "target", WRITE),
    ("meetings:checklist_item", "meeting", WRITE),
    ("meetings:signals", "meeting", WRITE),
    ("meetings:minutes", "meeting", WRITE),
    ("meetings:commitment_edit", "commitment", ASSIGNED_WRITE),
]
# Changes that only POST: who may not see gets 404, a reader 403, the rest succeed (redirect).
POSTS = [
    ("meetings:cancel", "meeting", {}),
    ("meetings:hold", "meeting", {}),
    ("meetings:topic_move", "topic", {"direction": "down"}),
    ("meetings:topic_delete", "topic", {}),
    ("meetings:target_delete", "target", {}),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("url_name", "record", "expected"), PAGES)
def test_get(request, client_for, records, persona, url_name, record, expected):
    response = client_for(request.getfixturevalue(persona)).get(_url(url_name, records, record))
    assert response.status_code == expected[persona]


@pytest.mark.parametrize(("url_name", "record", "expected"), PAGES)
def test_anonymous_is_sent_to_login(client_for, records, url_name, record, expected):
    response = client_for(None).get(_url(url_name, records, record))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("url_name", "record", "data"), POSTS)
def test_post(request, client_for, records, persona, url_name, record, data):
    response = client_for(request.getfixturevalue(persona)).post(_url(url_name, records, record), data)
    expected = WRITE[persona]
    assert response.status_code == (302 if expected == 200 else expected)


@pytest.mark.parametrize(("url_name", "record", "data"), POSTS)
def test_changes_need_post(client_for, owner, records, url_name, record, data):
    assert client_for(owner).get(_url(url_name, records, record)).status_code == 405


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 200), ("director", 200), ("other_kam", 200), ("department_member", 404), ("admin_user", 200)],
)
def test_meeting_list(request, client_for, records, persona, expected):
    assert client_for(request.getfixturevalue(persona)).get(reverse("meetings:list")).status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_commitment_queue_opens_for_everyone_signed_in(request, client_for, records, persona):
    assert client_for(request.getfixturevalue(persona)).get(reverse("meetings:commitments")).status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_schedule_for_an_account(request, client_for, records, persona):
    url = f"{reverse('meetings:schedule')}?account={records['account'].pk}"
    response = client_for(request.getfixturevalue(persona)).get(url)
    assert response.status_code == WRITE[persona]
