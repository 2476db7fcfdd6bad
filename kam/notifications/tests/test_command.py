"""`manage.py scan_reminders`: one scan, its counts printed (the demo shows notifications)."""

from io import StringIO

import pytest
from django.core.management import call_command

from kam.notifications.tests.helpers import days
from meetings.tests.factories import CommitmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_command_scans_once_and_prints_counts(frozen, account, team_member, other_kam, caplog):
    meeting = MeetingFactory(account=account)
    CommitmentFactory(meeting=meeting, assignee_user=team_member, due_on=days(1))
    other_kam.is_active = False
    other_kam.save()
    CommitmentFactory(meeting=meeting, assignee_user=other_kam, due_on=days(-1))
    out = StringIO()
    call_command("scan_reminders", stdout=out)
    text = out.getvalue()
    assert "Reminder scan: 2 new of 2 due, 1 skipped or rerouted" in text
    assert "assignee otherkam is inactive; rerouted to the account owner owner" in caplog.text
    out = StringIO()
    call_command("scan_reminders", stdout=out)
    assert "Reminder scan: 0 new of 2 due" in out.getvalue()
