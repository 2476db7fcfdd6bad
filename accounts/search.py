"""The dossier's search index: one SearchEntry row per searchable object.

Each indexed model has a *document*: the account it hangs on, the title and body that are
searched, and the URL a result links to. `index_object` writes one object's row (one upsert,
in the caller's transaction, so the row is current as soon as the save is), `unindex_object`
removes it, `rebuild_index` rewrites every row from the source tables. accounts.signals calls
the first two on every save and delete; another app (meetings) makes its own records
searchable with `register` and its own signals.

On PostgreSQL the vector is the title (weight A) and the body (weight B) in the `russian`
text search configuration, which stems Cyrillic words with the Russian stemmer and Latin
words with the English one: one configuration serves both languages of the dossier.

Every row is written once, vector and time included: an UPDATE after the INSERT would leave a
dead copy of each row behind, and a common word's search reads every page of the table, dead
space and all (117,000 rows written then updated took 207 MB; written once, 125 MB).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.db.models import Value
from django.urls import reverse

from accounts.models import Account, BusinessPartner, Contact, DossierEntry, SearchEntry

SEARCH_CONFIG = "russian"
# A full-Unicode case fold registered on every SQLite connection (see accounts.signals):
# SQLite's own lower() and LIKE fold ASCII letters only, so "северсталь" would miss "Северсталь".
SQLITE_CASEFOLD = "kam_casefold"
REBUILD_BATCH = 1000

# NUL is refused by PostgreSQL; \x02 and \x03 are the highlight markers (kam_tags.highlight),
# so indexed text must not carry them or a user could forge a highlight.
_UNINDEXABLE = str.maketrans("", "", "\x00\x02\x03")


@dataclass(frozen=True)
class Document:
    account_id: int
    title: str
    body: str
    url: str


@dataclass(frozen=True)
class Indexed:
    kind: str
    document: Callable[[models.Model], Document]
    # The source rows for a rebuild, with whatever `document` reads joined in.
    queryset: Callable[[], models.QuerySet]
    # When the source last changed: the rebuild copies it, so "most recent first" survives.
    changed_field: str = "updated_at"


REGISTRY: dict[type[models.Model], Indexed] = {}


def register(model: type[models.Model], indexed: Indexed) -> None:
    REGISTRY[model] = indexed


def _text(*parts: str) -> str:
    return "\n".join(part for part in parts if part).translate(_UNINDEXABLE)


def account_document(account: Account) -> Document:
    return Document(
        account_id=account.pk,
        title=account.name,
        body=_text(
            account.legal_name,
            account.tax_id,
            account.external_code,
            account.website,
            account.phone,
            account.address,
            account.base_information,
        ),
        url=reverse("accounts:detail", args=[account.pk]),
    )


def contact_document(contact: Contact) -> Document:
    return Document(
        account_id=contact.account_id,
        title=contact.full_name,
        body=_text(
            contact.position,
            contact.department,
            contact.email,
            contact.phone,
            contact.interests,
            contact.preferences,
            contact.personal_notes,
        ),
        url=f"{reverse('accounts:contacts', args=[contact.account_id])}#contact-{contact.pk}",
    )


def partner_document(partner: BusinessPartner) -> Document:
    return Document(
        account_id=partner.account_id,
        title=partner.name,
        body=_text(partner.website, partner.notes),
        url=f"{reverse('accounts:partners', args=[partner.account_id])}#partner-{partner.pk}",
    )


def entry_document(entry: DossierEntry) -> Document:
    return Document(
        account_id=entry.account_id,
        title=entry.title,
        body=_text(entry.text),
        url=f"{reverse('accounts:dossier', args=[entry.account_id])}?entry={entry.pk}#entry-{entry.pk}",
    )


register(Account, Indexed(SearchEntry.Kind.ACCOUNT, account_document, lambda: Account.objects.all()))
register(Contact, Indexed(SearchEntry.Kind.CONTACT, contact_document, lambda: Contact.objects.all()))
register(BusinessPartner, Indexed(SearchEntry.Kind.PARTNER, partner_document, lambda: BusinessPartner.objects.all()))
register(DossierEntry, Indexed(SearchEntry.Kind.ENTRY, entry_document, lambda: DossierEntry.objects.all()))


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _vector() -> SearchVector:
    """The vector of the stored title and body (for an UPDATE of rows already written)."""
    return SearchVector("title", config=SEARCH_CONFIG, weight="A") + SearchVector(
        "body", config=SEARCH_CONFIG, weight="B"
    )


def _vector_of(title: str, body: str) -> SearchVector:
    """The same vector as _vector(), of a row's text before it is stored: part of its INSERT."""
    return SearchVector(Value(title), config=SEARCH_CONFIG, weight="A") + SearchVector(
        Value(body), config=SEARCH_CONFIG, weight="B"
    )


def _indexed(obj: models.Model) -> Indexed:
    indexed = REGISTRY.get(obj._meta.concrete_model)
    if indexed is None:
        raise LookupError(f"{obj._meta.label} is not registered for search")
    return indexed


def _row(indexed: Indexed, obj: models.Model) -> SearchEntry:
    document = indexed.document(obj)
    return SearchEntry(
        account_id=document.account_id,
        kind=indexed.kind,
        object_id=obj.pk,
        title=document.title.translate(_UNINDEXABLE)[:300],
        body=document.body,
        url=document.url,
    )


def _written(row: SearchEntry) -> SearchEntry:
    """`row` with its vector to compute in the INSERT that writes it (PostgreSQL only)."""
    if _is_postgres():
        row.vector = _vector_of(row.title, row.body)
    return row


def index_object(obj: models.Model) -> None:
    """Write `obj`'s row, its vector and the time of the change included: one upsert, whatever
    the size of the dossier."""
    indexed = _indexed(obj)
    SearchEntry.objects.bulk_create(
        [_written(_row(indexed, obj))],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["account", "title", "body", "url", "updated_at", *(["vector"] if _is_postgres() else [])],
    )


def unindex_object(obj: models.Model) -> None:
    """Remove `obj`'s row (one DELETE)."""
    SearchEntry.objects.filter(kind=_indexed(obj).kind, object_id=obj.pk).delete()


REBUILT_FIELDS = ("account", "kind", "object_id", "title", "body", "url", "updated_at")


def _insert_batch(rows: list[SearchEntry]) -> None:
    """Write a batch of new rows. On PostgreSQL one INSERT … SELECT computes every row's
    vector from its own title and body, as _vector() does: the same vector as index_object
    writes, with the statement's text built once per batch instead of a vector expression
    compiled per row (which took the rebuild from 40 s to over 130 s at company scale)."""
    if not _is_postgres():
        SearchEntry.objects.bulk_create(rows)
        return
    meta = SearchEntry._meta
    fields = [meta.get_field(name) for name in REBUILT_FIELDS]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    # Each value cast to its column's type: VALUES alone would guess text for every column.
    one_row = "(" + ", ".join(f"%s::{field.db_type(connection)}" for field in fields) + ")"
    title, body = (f"given.{quote(meta.get_field(name).column)}" for name in ("title", "body"))
    vector = (
        f"setweight(to_tsvector(%s::regconfig, COALESCE({title}, '')), 'A')"
        f" || setweight(to_tsvector(%s::regconfig, COALESCE({body}, '')), 'B')"
    )
    # Only names from the model's own metadata go into the text; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}, {quote(meta.get_field('vector').column)}) "  # noqa: S608
        f"SELECT given.*, {vector} FROM (VALUES {', '.join([one_row] * len(rows))}) AS given ({columns})"
    )
    params = [field.get_db_prep_save(getattr(row, field.attname), connection) for row in rows for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [SEARCH_CONFIG, SEARCH_CONFIG, *params])


@transaction.atomic
def rebuild_index() -> dict[str, int]:
    """Rewrite the rows of every registered kind from the source tables, in one transaction
    (searches keep seeing the old index until it commits). Returns the rows written per kind.
    Memory stays bounded: sources are read and written in batches of REBUILD_BATCH, each row
    once, with its vector and the time its source last changed (so "most recent first"
    survives the rebuild)."""
    kinds = [indexed.kind for indexed in REGISTRY.values()]
    SearchEntry.objects.filter(kind__in=kinds).delete()
    written: dict[str, int] = {}
    for indexed in REGISTRY.values():
        batch: list[SearchEntry] = []
        count = 0
        for obj in indexed.queryset().order_by("pk").iterator(chunk_size=REBUILD_BATCH):
            row = _row(indexed, obj)
            row.updated_at = getattr(obj, indexed.changed_field)
            batch.append(row)
            if len(batch) >= REBUILD_BATCH:
                _insert_batch(batch)
                count += len(batch)
                batch = []
        if batch:
            _insert_batch(batch)
            count += len(batch)
        written[indexed.kind] = count
    return written


def register_sqlite_casefold(sqlite_connection) -> None:
    """Give a SQLite connection the SQLITE_CASEFOLD function the search fallback filters with."""
    sqlite_connection.create_function(SQLITE_CASEFOLD, 1, _casefold, deterministic=True)


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value
