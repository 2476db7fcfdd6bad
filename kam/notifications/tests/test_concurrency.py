"""Two reminder scans at once (two beat processes by mistake, or a retry overlapping the
first run) against PostgreSQL: each person gets one reminder and one e-mail."""

import threading

import pytest
from django.db import connection

from kam.notifications import services
from kam.notifications.models import Notification, Reminder
from kam.notifications.scan import run_scan
from kam.notifications.tests.helpers import days
from kam.users.models import Role
from kam.users.tests.factories import DepartmentFactory, UserFactory
from meetings.tests.factories import CommitmentFactory, MeetingFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_scans_remind_each_person_once(require_postgres, frozen, account, monkeypatch, mailoutbox):
    finance = DepartmentFactory(name="Finance", slug="finance")
    members = [UserFactory(role=Role.DEPARTMENT, department=finance) for _ in range(3)]
    meeting = MeetingFactory(account=account)
    CommitmentFactory(meeting=meeting, assignee_department=finance, due_on=days(1))
    CommitmentFactory(meeting=meeting, assignee_user=members[0], due_on=days(-2))

    # Both scans have read their candidates before either inserts: they truly overlap.
    barrier = threading.Barrier(2, timeout=20)
    insert_new = services._insert_new

    def insert_together(rows):
        barrier.wait()
        return insert_new(rows)

    monkeypatch.setattr(services, "_insert_new", insert_together)
    results, errors = [], []

    def scan():
        try:
            results.append(run_scan().new)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(results) == [0, 4]
    assert Reminder.objects.count() == 4
    assert Notification.objects.count() == 4
    for member in members:
        assert Reminder.objects.filter(recipient=member, kind="due_soon").count() == 1
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [members[0].email, members[0].email, members[1].email, members[2].email]
    )
