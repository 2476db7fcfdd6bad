"""What a pack shows is read through the pages' selectors, as its user sees it, in a fixed
number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import AccountFactory
from meetings.packs.content import MeetingNotVisible, pack_content
from meetings.tests.packs_data import briefed_meeting

pytestmark = pytest.mark.django_db

CONTENT_QUERIES = 28


def count_queries(user, meeting) -> int:
    with CaptureQueriesContext(connection) as queries:
        pack_content(user=user, meeting_id=meeting.pk)
    return len(queries)


@pytest.mark.parametrize("persona", ["owner", "director"])
def test_the_same_number_of_queries_for_2_rows_and_for_20(request, django_assert_max_num_queries, region, persona):
    user = request.getfixturevalue(persona)
    owner = request.getfixturevalue("owner")
    small = briefed_meeting(
        AccountFactory(name="Малый клиент", owner=owner, region=region),
        owner,
        contacts=2,
        topics=2,
        targets=2,
        commitments=2,
    )
    large = briefed_meeting(
        AccountFactory(name="Большой клиент", owner=owner, region=region),
        owner,
        contacts=20,
        topics=20,
        targets=20,
        commitments=20,
    )
    count_queries(user, small)  # the user's regions are read once and kept on the user
    few, many = count_queries(user, small), count_queries(user, large)
    assert few == many
    with django_assert_max_num_queries(CONTENT_QUERIES):
        content = pack_content(user=user, meeting_id=large.pk)
    assert len(content.contacts) == 20 and len(content.page.topics) == 20 and len(content.page.targets) == 20
    assert len(content.page.open_commitments) == 20


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_a_pack_shows_nothing_its_user_may_not_see(request, account, owner, persona):
    meeting = briefed_meeting(account, owner, contacts=2, topics=1, targets=1, commitments=1)
    with pytest.raises(MeetingNotVisible):
        pack_content(user=request.getfixturevalue(persona), meeting_id=meeting.pk)


def test_the_plan_is_one_the_user_may_see(account, owner, director):
    meeting = briefed_meeting(account, owner, contacts=2, topics=1, targets=1, commitments=1)
    assert pack_content(user=director, meeting_id=meeting.pk).plan is not None
    assert pack_content(user=owner, meeting_id=meeting.pk).actuals.started
