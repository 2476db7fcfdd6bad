import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import AccountFactory
from kam.users.tests.factories import UserFactory
from meetings.models import AgendaTopic, ChecklistItem, Commitment, Meeting, NegotiationTarget


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    account = factory.SubFactory(AccountFactory)
    kind = Meeting.Kind.REGULAR
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    location = "Client's office"
    created_by = factory.LazyAttribute(lambda m: m.account.owner)

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.attendees.set(extracted)

    @factory.post_generation
    def client_attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.client_attendees.set(extracted)


class AgendaTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaTopic

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Topic {n}")
    strategic_goal = "Agree next year's volumes"


class NegotiationTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NegotiationTarget

    meeting = factory.SubFactory(MeetingFactory)
    product_name = "Stretch film 23 µm"
    unit = "t"


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    meeting = factory.SubFactory(MeetingFactory, kind=Meeting.Kind.ANNUAL)
    item = ChecklistItem.Item.FINANCIAL_REPORT


def add_checklist(meeting: Meeting, status: str = ChecklistItem.Status.MISSING) -> list[ChecklistItem]:
    """The nine items of an annual meeting, all with `status`."""
    return ChecklistItem.objects.bulk_create(
        ChecklistItem(meeting=meeting, item=item, status=status) for item in ChecklistItem.Item.values
    )


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    meeting = factory.SubFactory(MeetingFactory)
    account = factory.LazyAttribute(lambda c: c.meeting.account)
    text = factory.Sequence(lambda n: f"Deliver sample batch {n}")
    assignee_user = factory.LazyAttribute(lambda c: None if c.assignee_department else UserFactory())
    assignee_department = None
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=5))
    created_by = factory.LazyAttribute(lambda c: c.meeting.account.owner)
