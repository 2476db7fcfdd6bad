"""The demo's meetings and commitments (meetings/demo.py and meetings/demo_commitments.py, loaded
by `manage.py seed_demo`)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from accounts.models import SearchEntry
from kam.users.models import Department, User
from meetings.demo_commitments import DEPARTMENT_WEIGHTS
from meetings.limits import breaches
from meetings.models import AgendaTopic, ChecklistItem, Commitment, CommitmentUpdate, Meeting, NegotiationTarget
from meetings.readiness import readiness_percent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    output = seed()
    assert "Demo data loaded" in output
    return output


def snapshot() -> dict[str, list]:
    return {
        "meetings": sorted(
            Meeting.objects.values_list("account__name", "kind", "title", "starts_at", "status", "minutes")
        ),
        "topics": sorted(AgendaTopic.objects.values_list("meeting__starts_at", "title", "outcome")),
        "targets": sorted(
            NegotiationTarget.objects.values_list("meeting__starts_at", "product_name", "target_price", "agreed_price")
        ),
        "commitments": sorted(
            Commitment.objects.values_list(
                "meeting__starts_at", "text", "assignee_department__slug", "assignee_user__username", "due_on", "status"
            ),
            key=str,
        ),
    }


def test_the_command_says_what_it_made(seeded):
    assert f"{Meeting.objects.count()} meetings" in seeded
    assert f"{Commitment.objects.count()} commitments" in seeded
    assert f"{CommitmentUpdate.objects.count()} status changes" in seeded


def test_every_department_has_open_commitments_some_overdue(seeded):
    today = timezone.localdate()
    active = Commitment.objects.filter(status__in=Commitment.ACTIVE)
    for slug in DEPARTMENT_WEIGHTS:
        department = Department.objects.get(slug=slug)
        mine = active.filter(assignee_department=department)
        assert mine.filter(due_on__gte=today).exists(), slug
        assert mine.filter(due_on__lt=today).exists(), slug
    # Account managers have commitments of their own too, and work gets done.
    assert active.filter(assignee_user__role="kam").exists()
    statuses = set(Commitment.objects.values_list("status", flat=True))
    assert statuses == {"open", "in_progress", "done", "cancelled"}


def test_a_department_member_sees_their_department_queue(seeded):
    logistics = User.objects.get(username="logistics")
    visible = Commitment.objects.visible_to(logistics)
    assert visible.open().exists()
    assert not visible.exclude(assignee_department=logistics.department).exists()


def test_commitments_follow_the_rules_of_the_model(seeded):
    commitments = Commitment.objects.all()
    assert commitments.count() > 100
    assert not commitments.exclude(account=F("meeting__account")).exists()
    assert not commitments.filter(assignee_user__isnull=False, assignee_department__isnull=False).exists()
    assert not commitments.filter(assignee_user__isnull=True, assignee_department__isnull=True).exists()
    assert not commitments.exclude(meeting__status=Meeting.Status.HELD).exists()
    for commitment in commitments.select_related("meeting"):
        assert commitment.due_on > timezone.localtime(commitment.meeting.starts_at).date()
    # Done ones say when; every status change is recorded, in the order it happened.
    assert not commitments.filter(status="done", done_at__isnull=True).exists()
    assert not commitments.exclude(status="done").filter(done_at__isnull=False).exists()
    assert not commitments.filter(status="open", updates__isnull=False).exists()
    assert not commitments.exclude(status="open").filter(updates__isnull=True).exists()
    last_steps = CommitmentUpdate.objects.filter(commitment__status=F("to_status"))
    assert last_steps.values("commitment").distinct().count() == commitments.exclude(status="open").count()
    assert not CommitmentUpdate.objects.filter(at__lt=F("commitment__created_at")).exists()
    assert not CommitmentUpdate.objects.filter(at__gt=timezone.now()).exists()


def test_past_meetings_are_held_with_minutes_outcomes_and_signals(seeded):
    now = timezone.now()
    held = Meeting.objects.filter(status=Meeting.Status.HELD)
    planned = Meeting.objects.filter(status=Meeting.Status.PLANNED)
    assert held.count() > 50 and planned.count() > 20
    assert Meeting.objects.filter(status=Meeting.Status.CANCELLED).exists()
    assert not held.filter(starts_at__gte=now).exists()
    assert not planned.filter(starts_at__lte=now).exists()
    # Planned ones fall in the next weeks.
    assert not planned.filter(starts_at__gt=now + timezone.timedelta(days=50)).exists()
    assert not held.filter(Q(minutes="") | Q(client_questions__isnull=True) | Q(tone="")).exists()
    assert not AgendaTopic.objects.filter(meeting__status="held", outcome="").exists()
    assert not AgendaTopic.objects.filter(meeting__status="planned").exclude(outcome="").exists()
    assert not AgendaTopic.objects.filter(Q(strategic_goal="") | Q(arguments="") | Q(objections="")).exists()
    assert not Meeting.objects.annotate(n=Count("topics")).filter(n=0).exists()
    # Created before they took place, not at the moment of the seed.
    assert not Meeting.objects.filter(created_at__gt=F("starts_at")).exclude(status="planned").exists()


def test_attendees_are_the_owner_and_the_accounts_own_contacts(seeded):
    assert not Meeting.objects.exclude(attendees=F("account__owner")).exists()
    through = Meeting.client_attendees.through.objects
    assert through.exists()
    assert not through.exclude(contact__account=F("meeting__account")).exists()
    assert Meeting.attendees.through.objects.exclude(user=F("meeting__account__owner")).exists()  # team members


def test_annual_meetings_have_the_nine_items_in_several_readiness_states(seeded):
    annual = Meeting.objects.filter(kind=Meeting.Kind.ANNUAL)
    assert not annual.annotate(n=Count("checklist")).exclude(n=9).exists()
    assert not ChecklistItem.objects.exclude(meeting__kind=Meeting.Kind.ANNUAL).exists()
    upcoming = [
        readiness_percent(list(meeting.checklist.values_list("status", flat=True)))
        for meeting in annual.filter(status=Meeting.Status.PLANNED)
    ]
    assert 100 in upcoming
    assert 0 in upcoming
    assert any(0 < percent < 100 for percent in upcoming)
    # Every account manager has an upcoming annual meeting that is not ready yet.
    unready = {
        meeting.account.owner.username
        for meeting in annual.filter(status="planned").select_related("account__owner")
        if readiness_percent(list(meeting.checklist.values_list("status", flat=True))) < 100
    }
    assert unready == {"kam1", "kam2", "kam3", "kam4"}


def test_some_agreed_values_lie_beyond_the_limits_targets_never_do(seeded):
    targets = list(NegotiationTarget.objects.select_related("meeting__account__owner"))
    breached = [target for target in targets if breaches(target)]
    assert breached
    assert {target.meeting.account.owner.username for target in breached} == {"kam1", "kam2", "kam3", "kam4"}
    assert all(target.meeting.status == Meeting.Status.HELD for target in breached)
    for target in targets:
        if target.target_price is not None:
            assert target.target_price >= target.min_price
            assert target.planned_volume >= target.min_volume
        assert target.target_discount <= target.max_discount
    assert not NegotiationTarget.objects.filter(meeting__status="planned", agreed_price__isnull=False).exists()


def test_planned_meetings_carry_over_goals_not_reached(seeded):
    carried = AgendaTopic.objects.filter(carried_from__isnull=False).select_related("carried_from__meeting")
    assert carried.exists()
    for topic in carried:
        assert topic.carried_from.goal_unreached
        assert topic.carried_from.meeting.account_id == topic.meeting.account_id
        assert topic.carried_from.title == topic.title


def test_meetings_have_history_and_search_rows(seeded):
    for model in (Meeting, AgendaTopic, NegotiationTarget, ChecklistItem, Commitment):
        assert model.history.count() == model.objects.count(), model
        assert not model.history.exclude(history_type="+").exists()
    assert SearchEntry.objects.filter(kind=SearchEntry.Kind.MEETING).count() == Meeting.objects.count()


def test_a_second_run_does_nothing_and_reset_loads_the_same_meetings(seeded):
    before = snapshot()
    assert "nothing to do" in seed()
    assert snapshot() == before
    output = seed("--reset")
    assert "Removed the previous demo data" in output
    assert snapshot() == before
    # The previous meetings left no history rows behind.
    for model in (Meeting, AgendaTopic, NegotiationTarget, ChecklistItem, Commitment):
        assert model.history.count() == model.objects.count(), model
