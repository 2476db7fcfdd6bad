"""Queuing background work: after commit, and never failing the caller when the broker is down."""

import logging

import pytest
from kombu.exceptions import OperationalError

from kam.core.queueing import enqueue_now, enqueue_on_commit


class Recorder:
    name = "kam.recorder"

    def __init__(self, *, fail: bool = False):
        self.calls: list[tuple] = []
        self.fail = fail

    def apply_async(self, *, args, kwargs):
        if self.fail:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        self.calls.append((args, kwargs))


@pytest.mark.django_db
def test_queued_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    task = Recorder()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue_on_commit(task, 7, reason="due")
    assert task.calls == []
    for callback in callbacks:
        callback()
    assert task.calls == [((7,), {"reason": "due"})]


@pytest.mark.django_db
def test_broker_outage_is_logged_not_raised(django_capture_on_commit_callbacks, caplog):
    task = Recorder(fail=True)
    with caplog.at_level(logging.WARNING, logger="kam.tasks"), django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(task, 7)
    assert "broker unreachable, kam.recorder(7,)" in caplog.text


def test_enqueue_now_says_whether_it_was_queued():
    assert enqueue_now(Recorder()) is True
    assert enqueue_now(Recorder(fail=True)) is False
