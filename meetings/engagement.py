"""The engagement score: how interested the client looked, 0–10, from the interest signals
recorded after a meeting. Pure arithmetic, no database: the rule is shown next to the score,
so it must stay simple enough to read in one glance."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Points per answer; the maxima add up to 10.
QUESTION_POINTS = ((6, 3), (3, 2), (1, 1), (0, 0))  # (at least this many questions, points)
TONE_POINTS = {"cold": 0, "neutral": 1, "warm": 2}
EXPRESSION_POINTS = {"closed": 0, "neutral": 1, "open": 2}
NOTES_POINTS = {True: 2, False: 0}
SIGNS_POINTS = {"negative": 0, "none": 0, "positive": 1}
MAXIMUM = 10

RULE = [
    _("Client questions: none 0, 1–2 → 1, 3–5 → 2, 6 or more → 3 points."),
    _("Tone of voice: cold 0, neutral 1, warm 2."),
    _("Facial expression: closed 0, neutral 1, open 2."),
    _("The client took notes: no 0, yes 2."),
    _("Other non-verbal signs: negative or none 0, positive 1."),
]


@dataclass(frozen=True)
class Signals:
    client_questions: int | None
    tone: str
    expression: str
    took_notes: bool | None
    other_signs: str


def question_points(questions: int) -> int:
    for at_least, points in QUESTION_POINTS:
        if questions >= at_least:
            return points
    return 0


def engagement_score(signals: Signals) -> int | None:
    """0–10, or None while the number of questions (the one signal always countable) is not
    recorded. A signal left blank scores nothing."""
    if signals.client_questions is None:
        return None
    score = (
        question_points(signals.client_questions)
        + TONE_POINTS.get(signals.tone, 0)
        + EXPRESSION_POINTS.get(signals.expression, 0)
        + NOTES_POINTS.get(signals.took_notes, 0)
        + SIGNS_POINTS.get(signals.other_signs, 0)
    )
    return min(score, MAXIMUM)


def signals_of(meeting) -> Signals:
    return Signals(
        client_questions=meeting.client_questions,
        tone=meeting.tone,
        expression=meeting.expression,
        took_notes=meeting.took_notes,
        other_signs=meeting.other_signs,
    )
