"""The engagement score on its edge values, and the page showing it with its rule."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.engagement import RULE, Signals, engagement_score, question_points
from meetings.tests.factories import MeetingFactory


def signals(questions=None, tone="", expression="", took_notes=None, other_signs=""):
    return Signals(questions, tone, expression, took_notes, other_signs)


@pytest.mark.parametrize(("questions", "points"), [(0, 0), (1, 1), (2, 1), (3, 2), (5, 2), (6, 3), (40, 3)])
def test_question_points_on_the_edges(questions, points):
    assert question_points(questions) == points
    assert engagement_score(signals(questions)) == points


def test_all_maxima_make_ten():
    assert engagement_score(signals(6, "warm", "open", True, "positive")) == 10


def test_all_minima_make_zero():
    assert engagement_score(signals(0, "cold", "closed", False, "negative")) == 0


def test_blank_signals_score_nothing_but_count_the_questions():
    assert engagement_score(signals(3)) == 2


def test_without_the_number_of_questions_there_is_no_score():
    assert engagement_score(signals(None, "warm", "open", True, "positive")) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("posted", "score"),
    [
        ({"client_questions": "0"}, "0"),
        (
            {
                "client_questions": "6",
                "tone": "warm",
                "expression": "open",
                "took_notes": "true",
                "other_signs": "positive",
            },
            "10",
        ),
        ({"client_questions": "1", "took_notes": "false"}, "1"),
        ({"client_questions": ""}, "—"),
    ],
)
def test_the_page_shows_the_score_next_to_its_rule(client_for, owner, account, posted, score):
    meeting = MeetingFactory(account=account, starts_at=timezone.now() - datetime.timedelta(hours=1))
    data = {"tone": "", "expression": "", "took_notes": "unknown", "other_signs": "", "version": 1, **posted}
    client_for(owner).post(reverse("meetings:signals", args=[meeting.pk]), data)
    html = client_for(owner).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert f'<span class="score">{score}</span>' in html
    for line in RULE:
        assert str(line) in html
