import pytest

from kam.notifications.tests.helpers import MORNING


@pytest.fixture(autouse=True)
def _tasks_run_here(tasks_run_here):
    """The e-mails these tests read are sent by the task the reminder queues."""


@pytest.fixture
def frozen(time_machine):
    """Freeze the clock at MORNING; returns a function that moves it elsewhere."""
    time_machine.move_to(MORNING, tick=False)

    def move(moment) -> None:
        time_machine.move_to(moment, tick=False)

    return move
