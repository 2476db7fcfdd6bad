"""Readiness of an annual meeting's preparation, in per cent, from its checklist: a ready
item counts in full, a draft half, a missing one nothing. Pure arithmetic; selectors compute
the same in SQL for lists (READY_WEIGHT and DRAFT_WEIGHT are shared with them)."""

CHECKLIST_SIZE = 9
READY_WEIGHT = 2
DRAFT_WEIGHT = 1


def readiness_percent(statuses: list[str]) -> int:
    """Per cent, rounded down, so 100 means every item is ready."""
    points = sum(READY_WEIGHT if s == "ready" else DRAFT_WEIGHT if s == "draft" else 0 for s in statuses)
    return points * 100 // (READY_WEIGHT * CHECKLIST_SIZE)
