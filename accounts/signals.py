"""Keep the search index current: every save of a dossier record upserts its SearchEntry row,
every delete removes it, in the same transaction as the change itself.

Raw saves (loaddata) are skipped: their related rows may not exist yet; run
`manage.py rebuild_search_index` after loading fixtures. Writes that bypass signals
(QuerySet.update, bulk_create) must re-index what they touch, or rebuild.
"""

from django.db.backends.signals import connection_created
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Account, BusinessPartner, Contact, DossierEntry
from accounts.search import index_object, register_sqlite_casefold, unindex_object

RECORDS = (Contact, BusinessPartner, DossierEntry)


@receiver(post_save, sender=Account, dispatch_uid="search_index_account")
@receiver(post_save, sender=Contact, dispatch_uid="search_index_contact")
@receiver(post_save, sender=BusinessPartner, dispatch_uid="search_index_partner")
@receiver(post_save, sender=DossierEntry, dispatch_uid="search_index_entry")
def index_on_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        index_object(instance)


# No receiver for Account: its rows, its own and its records', go with it (ON DELETE CASCADE).
@receiver(post_delete, sender=Contact, dispatch_uid="search_unindex_contact")
@receiver(post_delete, sender=BusinessPartner, dispatch_uid="search_unindex_partner")
@receiver(post_delete, sender=DossierEntry, dispatch_uid="search_unindex_entry")
def unindex_on_delete(sender, instance, origin=None, **kwargs) -> None:
    if _deleted_with_account(origin):
        return  # the account's cascade has removed the row already: spare a DELETE per record
    unindex_object(instance)


def _deleted_with_account(origin) -> bool:
    if isinstance(origin, Account):
        return True
    return isinstance(origin, QuerySet) and origin.model is Account


@receiver(connection_created, dispatch_uid="search_sqlite_casefold")
def add_sqlite_casefold(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        register_sqlite_casefold(connection.connection)
