"""Keep meetings' search rows current: a meeting's row is rewritten when the meeting or one of
its agenda topics is saved or deleted, in the same transaction as the change.

Raw saves (loaddata) are skipped; run `manage.py rebuild_search_index` after loading
fixtures. Writes that bypass signals (QuerySet.update, bulk_create) re-index the meeting
themselves (see meetings.services.meetings)."""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Account
from accounts.search import unindex_object
from meetings.models import AgendaTopic, Meeting
from meetings.search import index_meeting


def _deleted_with(origin, *models) -> bool:
    """Whether a delete cascades from one of `models` (an instance or a queryset of them)."""
    if isinstance(origin, models):
        return True
    return isinstance(origin, QuerySet) and issubclass(origin.model, models)


@receiver(post_save, sender=Meeting, dispatch_uid="search_index_meeting")
def index_meeting_on_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        index_meeting(instance)


@receiver(post_delete, sender=Meeting, dispatch_uid="search_unindex_meeting")
def unindex_meeting_on_delete(sender, instance, origin=None, **kwargs) -> None:
    if _deleted_with(origin, Account):
        return  # the account's cascade has removed the row already
    unindex_object(instance)


@receiver(post_save, sender=AgendaTopic, dispatch_uid="search_index_meeting_topic")
def index_meeting_on_topic_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        index_meeting(instance.meeting)


@receiver(post_delete, sender=AgendaTopic, dispatch_uid="search_index_meeting_topic_delete")
def index_meeting_on_topic_delete(sender, instance, origin=None, **kwargs) -> None:
    if _deleted_with(origin, Account, Meeting):
        return  # the meeting goes too, and its row with it
    index_meeting(instance.meeting)
