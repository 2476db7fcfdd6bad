"""The benchmark's meetings and commitments (bench.meeting_steps) at a tiny scale: the sizes
follow the scale, and the data keeps the rules of meetings.models. Figures are never
asserted."""

import pytest
from django.db.models import Count, F, Q
from django.utils import timezone

from accounts.models import Account, SearchEntry
from accounts.search import index_object
from bench.generate import ensure_dataset
from bench.meeting_steps import COMMITMENTS_AT_SCALE, MEETINGS_BY_TIER
from kam.users.models import Department
from meetings.limits import breaches
from meetings.models import AgendaTopic, ChecklistItem, Commitment, CommitmentUpdate, Meeting, NegotiationTarget

TINY = 0.01


@pytest.fixture
def dataset(require_postgres, db):
    return ensure_dataset(scale=TINY, log=lambda _line: None)


def test_meeting_and_commitment_counts_follow_the_scale(dataset):
    accounts = Account.objects.count()
    fewest = min(low for low, _high in MEETINGS_BY_TIER.values())
    most = max(high for _low, high in MEETINGS_BY_TIER.values())
    assert accounts * fewest <= Meeting.objects.count() <= accounts * most + accounts
    assert Commitment.objects.count() == round(COMMITMENTS_AT_SCALE * TINY)
    assert dataset.counts["meetings.Meeting"] == Meeting.objects.count()
    assert dataset.counts["meetings.CommitmentUpdate"] == CommitmentUpdate.objects.count()
    assert 2 <= AgendaTopic.objects.count() / Meeting.objects.count() <= 4
    assert 0.5 <= NegotiationTarget.objects.count() / Meeting.objects.count() <= 1.5


def test_meetings_are_past_and_held_or_future_and_planned(dataset):
    now = timezone.now()
    assert not Meeting.objects.filter(status="held", starts_at__gt=now).exists()
    assert not Meeting.objects.filter(status="planned", starts_at__lt=now).exists()
    assert Meeting.objects.filter(status="planned").exists()
    assert Meeting.objects.filter(status="cancelled").exists()
    assert not Meeting.objects.filter(status="held").filter(Q(minutes="") | Q(client_questions__isnull=True)).exists()
    assert not AgendaTopic.objects.filter(meeting__status="held", outcome="").exists()
    assert not AgendaTopic.objects.filter(meeting__status="planned").exclude(outcome="").exists()
    assert AgendaTopic.objects.filter(carried_from__isnull=False).exists()
    assert (
        not AgendaTopic.objects.filter(carried_from__isnull=False)
        .exclude(carried_from__meeting__account=F("meeting__account"))
        .exists()
    )
    # Our attendees include the owner; the client's are the account's own contacts.
    assert not Meeting.objects.exclude(attendees=F("account__owner")).exists()
    through = Meeting.client_attendees.through.objects
    assert not through.exclude(contact__account=F("meeting__account")).exists()


def test_annual_meetings_are_about_a_tenth_and_have_the_nine_items(dataset):
    annual = Meeting.objects.filter(kind=Meeting.Kind.ANNUAL)
    assert 0.05 <= annual.count() / Meeting.objects.count() <= 0.15
    assert not annual.annotate(n=Count("checklist")).exclude(n=9).exists()
    assert not ChecklistItem.objects.exclude(meeting__kind=Meeting.Kind.ANNUAL).exists()
    planned = ChecklistItem.objects.filter(meeting__status="planned")
    assert set(planned.values_list("status", flat=True)) == {"missing", "draft", "ready"}


def test_targets_keep_their_limits_and_some_agreed_values_do_not(dataset):
    targets = list(NegotiationTarget.objects.select_related("meeting"))
    assert any(breaches(target) for target in targets)
    assert not [t for t in targets if breaches(t) and t.meeting.status != "held"]
    assert not NegotiationTarget.objects.filter(target_price__lt=F("min_price")).exists()
    assert not NegotiationTarget.objects.filter(target_discount__gt=F("max_discount")).exists()


def test_commitments_follow_the_rules_and_every_department_has_overdue_work(dataset):
    today = timezone.localdate()
    commitments = Commitment.objects.all()
    assert not commitments.exclude(account=F("meeting__account")).exists()
    assert not commitments.exclude(meeting__status="held").exists()
    assert not commitments.filter(assignee_user__isnull=False, assignee_department__isnull=False).exists()
    assert not commitments.filter(assignee_user__isnull=True, assignee_department__isnull=True).exists()
    assert commitments.filter(assignee_user__role="kam").exists()
    assert commitments.filter(assignee_user__role="department").exists()
    active = commitments.filter(status__in=Commitment.ACTIVE)
    for department in Department.objects.all():
        assert active.filter(assignee_department=department, due_on__lt=today).exists(), department.slug
    assert set(commitments.values_list("status", flat=True)) == {"open", "in_progress", "done", "cancelled"}
    assert not commitments.filter(status="done", done_at__isnull=True).exists()
    # One update per status change: none for open ones, the last one ends where the status is.
    assert not commitments.filter(status="open", updates__isnull=False).exists()
    assert not commitments.exclude(status="open").filter(updates__isnull=True).exists()
    finished = CommitmentUpdate.objects.filter(to_status=F("commitment__status"))
    assert finished.values("commitment").distinct().count() == commitments.exclude(status="open").count()


def test_meetings_have_history_and_search_rows_as_a_save_would_write(dataset):
    for model in (Meeting, AgendaTopic, NegotiationTarget, ChecklistItem, Commitment):
        history = model.history.model.objects
        assert history.count() == model.objects.count(), model
        assert not history.filter(history_user__isnull=True).exists(), model
    rows = SearchEntry.objects.filter(kind=SearchEntry.Kind.MEETING)
    assert rows.count() == Meeting.objects.count()
    assert not rows.filter(vector__isnull=True).exists()
    meeting = Meeting.objects.filter(status="held").order_by("pk").last()
    columns = ("account_id", "title", "body", "url", "vector")
    generated = rows.filter(object_id=meeting.pk).values(*columns).get()
    index_object(meeting)
    assert rows.filter(object_id=meeting.pk).values(*columns).get() == generated
