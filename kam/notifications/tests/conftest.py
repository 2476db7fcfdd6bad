import pytest

from kam.notifications.tests.helpers import MORNING


@pytest.fixture
def frozen(time_machine):
    """Freeze the clock at MORNING; returns a function that moves it elsewhere."""
    time_machine.move_to(MORNING, tick=False)

    def move(moment) -> None:
        time_machine.move_to(moment, tick=False)

    return move
