"""Searching the dossier: ranked, highlighted, and only within what the user may see.

Every search goes through SearchEntry.objects.visible_to(user), the same account scoping as
the rest of the dossier. Results come back as SearchHit rows whose title and snippet are plain
text with highlight markers (kam_tags.HIGHLIGHT_START/STOP) around matched words; the
template's `highlight` filter escapes them and only then turns the markers into <mark>.

A page of hits and the counts per kind (the tabs) come together from SearchResults: on
PostgreSQL one statement reads the matches once for both, where a COUNT and a ranked page would
read every matching row twice (a common word matches a quarter of the dossier).

PostgreSQL: full-text search in the `russian` configuration (Russian and English stemming),
`websearch_to_tsquery` syntax ("a phrase", -exclude, or), plus a prefix match on the last word
typed so that "Север" finds "Северсталь"; ranked by ts_rank on the weighted vector (title A,
body B), highlighted by ts_headline: the whole title, and up to two fragments of the body
(ts_headline is meant for HTML and leaves tag-like text such as "<b>" out of fragments; the
title keeps it, and either way the template escapes what is shown). ts_headline re-parses the
text it marks, so it runs on the rows of the page only.

SQLite (the embedded demo): plain words. Each word must occur, case-insensitively, in the
title or the body; a title occurrence counts 2 and a body occurrence 1 towards the rank.
Case folding uses the Unicode-aware SQLITE_CASEFOLD function registered on each connection
rather than SQLite's lower()/LIKE, which fold ASCII only: it is exact for Cyrillic and mixed
case, at the price of a Python call per row scanned, fine at the embedded mode's size.
Snippets are cut and highlighted in Python for the rows of the page only.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Case, Count, F, Func, Q, QuerySet, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.utils.functional import Promise

from accounts.models import SearchEntry
from accounts.search import SEARCH_CONFIG, SQLITE_CASEFOLD
from kam.core.templatetags.kam_tags import HIGHLIGHT_START, HIGHLIGHT_STOP

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
# Shortest last word that also matches as a prefix: one letter would match half the index.
MIN_PREFIX_LENGTH = 2
SNIPPET_CHARS = 220
# Letters and digits only: the only characters allowed into the raw prefix tsquery.
_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class SearchHit:
    kind: str
    kind_label: str | Promise
    account_id: int
    account_name: str
    title: str  # with highlight markers
    snippet: str  # with highlight markers
    url: str


class SearchResults:
    """The hits of one search, best first, and how many there are of each kind, fetched a page
    at a time: each fetch is one query on PostgreSQL (the counts with the page's hits), two on
    SQLite. The paginator counts them from the fetch of the page it then slices."""

    ordered = True  # by rank, then recency (the paginator checks)

    def __init__(self, fetch: Callable[[int, int], tuple[dict[str, int], list[SearchHit]]], kinds: list[str]):
        self._fetch = fetch
        self._kinds = kinds
        self._counts: dict[str, int] | None = None
        self._offset = 0
        self._limit = 0
        self._hits: list[SearchHit] = []

    def page(self, number: int | str | None, per_page: int) -> Page:
        """The page `number` (read as Paginator.get_page reads it). One fetch for a page in
        range; a number past the last page costs a second fetch, of the last page."""
        try:
            requested = max(int(number), 1)
        except (TypeError, ValueError):
            requested = 1
        self._load((requested - 1) * per_page, per_page)
        return Paginator(self, per_page).get_page(number)

    def kind_counts(self) -> dict[str, int]:
        """Hits per kind, of every kind whatever the kinds searched (the tabs show them all)."""
        if self._counts is None:
            self._load(0, 0)
        return self._counts

    def count(self) -> int:
        counts = self.kind_counts()
        return sum(counts[kind] for kind in self._kinds) if self._kinds else sum(counts.values())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if stop is None or index.step is not None or start < 0 or stop < 0:
            raise ValueError("search results are sliced by start and stop only")
        if stop <= start:
            return []
        if start != self._offset or stop - start > self._limit:
            self._load(start, stop - start)
        return self._hits[: stop - start]

    def _load(self, offset: int, limit: int) -> None:
        self._counts, self._hits = self._fetch(offset, limit)
        self._offset, self._limit = offset, limit


def user_may_search(user) -> bool:
    """Search is for those who see accounts: KAMs, directors and administrators."""
    return bool(getattr(user, "is_authenticated", False)) and (user.is_kam or user.is_director or user.is_admin)


def clean_query(raw: str) -> str:
    """The query as searched: control characters removed, whitespace collapsed, bounded."""
    return " ".join(_CONTROL.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH]


def search_for_user(*, user, query: str, kinds: Iterable[str] | None = None) -> SearchResults:
    """What the user may see that matches `query`, best first (rank, then most recently
    changed); optionally only the given kinds. One query per page of hits, counts included."""
    query = clean_query(query)
    kinds = list(kinds or [])
    if connection.vendor == "postgresql":
        tsquery = _postgres_query(query)
        return SearchResults(lambda offset, limit: _postgres_fetch(user, tsquery, kinds, offset, limit), kinds)
    words = _sqlite_words(query)
    return SearchResults(lambda offset, limit: _sqlite_fetch(user, words, kinds, offset, limit), kinds)


def search_kind_counts(*, user, query: str) -> dict[str, int]:
    """How many hits of each kind the user may see, in one aggregate query."""
    query = clean_query(query)
    if connection.vendor == "postgresql":
        return _counts(_postgres_matching(user, _postgres_query(query)))
    return _counts(_sqlite_matching(user, _sqlite_words(query)))


def _counts(matching: QuerySet) -> dict[str, int]:
    return matching.aggregate(**{kind: Count("pk", filter=Q(kind=kind)) for kind in SearchEntry.Kind.values})


def _kind_filter(queryset: QuerySet, kinds: Iterable[str] | None) -> QuerySet:
    return queryset.filter(kind__in=list(kinds)) if kinds else queryset


def _hit(kind: str, account_id: int, account_name: str, url: str, title: str, snippet: str) -> SearchHit:
    return SearchHit(
        kind=kind,
        kind_label=SearchEntry.Kind(kind).label,
        account_id=account_id,
        account_name=account_name,
        title=title,
        snippet=snippet,
        url=url,
    )


# PostgreSQL ---------------------------------------------------------------------------------


def _postgres_query(query: str) -> SearchQuery | None:
    """websearch_to_tsquery of the whole query, OR the same with its last word as a prefix.
    The prefix tsquery is built from letters and digits only, so nothing the user types can
    reach to_tsquery's own syntax."""
    if not query:
        return None
    full = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    prefix = _last_word_prefix(query)
    if prefix is None:
        return full
    word, rest = prefix
    started = SearchQuery(f"{word}:*", config=SEARCH_CONFIG, search_type="raw")
    if rest:
        started = SearchQuery(rest, config=SEARCH_CONFIG, search_type="websearch") & started
    return full | started


def _last_word_prefix(query: str) -> tuple[str, str] | None:
    """(last word, the rest) when the last word may be one still being typed; None when the
    query uses phrase or OR syntax, or ends with an exclusion or a compound token."""
    tokens = query.split()
    if '"' in query or any(token.lower() == "or" for token in tokens):
        return None
    last = tokens[-1]
    words = _WORD.findall(last)
    if last.startswith("-") or len(words) != 1 or len(words[0]) < MIN_PREFIX_LENGTH:
        return None
    return words[0], " ".join(tokens[:-1])


def _postgres_matching(user, tsquery: SearchQuery | None) -> QuerySet:
    if tsquery is None:
        return SearchEntry.objects.none()
    return SearchEntry.objects.visible_to(user).filter(vector=tsquery)


# One pass over the matches: `hits` holds each match's rank and sort keys (a few bytes a row,
# not its text), the page is the top of it, the counts are taken from it too; the page's rows
# are then read again by primary key for their text and headlines. MATERIALIZED: read once,
# used twice. The ORDER BY is the one SearchResults promises: rank, recency, then the row.
_ONE_PASS = """
WITH hits AS MATERIALIZED ({hits}),
page AS (
    SELECT pk, rank, updated_at, kind, object_id FROM hits {kinds}
    ORDER BY rank DESC, updated_at DESC, kind ASC, object_id DESC
    LIMIT %s OFFSET %s
)
SELECT {counts}, shown.*
FROM (SELECT {counts_from_hits} FROM hits) AS counts
LEFT JOIN (page JOIN ({shown}) AS shown ON shown.pk = page.pk) ON true
ORDER BY page.rank DESC, page.updated_at DESC, page.kind ASC, page.object_id DESC
"""


# The planner's cost of reading a page at random, for the search statement only (for its
# transaction). At PostgreSQL's default of 4, meant for disks, a regional director's search for
# a common word read every match in the company through the GIN index and only then kept the
# region's: 30,388 entries for 1,585, 45 ms at benchmark scale. At 1.1 (the index and table are
# in memory, where a random read costs about what a sequential one does) it starts from the
# region's accounts: 13–17 ms, and a rare word is still found through the index. Set for every
# page instead, it made others slower (the meeting list, my day), so it stays here.
RANDOM_PAGE_COST = "1.1"


def _postgres_fetch(user, tsquery: SearchQuery | None, kinds: list[str], offset: int, limit: int):
    """(hits per kind, the hits from `offset` to `offset + limit`) in one statement. Scoping,
    matching, ranking and highlighting are the ORM's expressions, compiled into it."""
    if tsquery is None:
        return dict.fromkeys(SearchEntry.Kind.values, 0), []
    hits = (
        _postgres_matching(user, tsquery)
        .annotate(rank=SearchRank(F("vector"), tsquery))
        .values_list("pk", "kind", "rank", "updated_at", "object_id")
    )
    marks = {"config": SEARCH_CONFIG, "start_sel": HIGHLIGHT_START, "stop_sel": HIGHLIGHT_STOP}
    shown = (
        SearchEntry.objects.filter(pk__in=RawSQL("SELECT pk FROM page", ()))
        .annotate(
            account_name=F("account__name"),
            marked_title=SearchHeadline("title", tsquery, highlight_all=True, **marks),
            snippet=SearchHeadline(
                "body", tsquery, max_fragments=2, min_words=12, max_words=30, fragment_delimiter=" … ", **marks
            ),
        )
        .values_list("pk", "kind", "account_id", "account_name", "url", "marked_title", "snippet")
    )
    try:
        hits_sql, hits_params = hits.query.sql_with_params()
    except EmptyResultSet:  # the user sees no account at all
        return dict.fromkeys(SearchEntry.Kind.values, 0), []
    shown_sql, shown_params = shown.query.sql_with_params()
    names = SearchEntry.Kind.values
    sql = _ONE_PASS.format(
        hits=hits_sql,
        kinds="WHERE kind = ANY(%s)" if kinds else "",
        counts=", ".join(f"counts.n{i}" for i in range(len(names))),
        counts_from_hits=", ".join(f"COUNT(*) FILTER (WHERE kind = %s) AS n{i}" for i in range(len(names))),
        shown=shown_sql,
    )
    params = [*hits_params, *([kinds] if kinds else []), limit, offset, *names, *shown_params]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('random_page_cost', %s, true)", [RANDOM_PAGE_COST])
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts = dict(zip(names, rows[0][: len(names)], strict=True))
    hits_of_page = [_headline_hit(row[len(names) :]) for row in rows if row[len(names)] is not None]
    return counts, hits_of_page


def _headline_hit(row: tuple) -> SearchHit:
    _pk, kind, account_id, account_name, url, marked_title, snippet = row
    return _hit(kind, account_id, account_name, url, marked_title, snippet)


# SQLite -------------------------------------------------------------------------------------


def _sqlite_words(query: str) -> list[str]:
    words: list[str] = []
    for word in _WORD.findall(query.casefold()):
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def _folded(field: str) -> Func:
    return Func(F(field), function=SQLITE_CASEFOLD, output_field=TextField())


def _sqlite_matching(user, words: list[str]) -> QuerySet:
    if not words:
        return SearchEntry.objects.none()
    queryset = SearchEntry.objects.visible_to(user).alias(folded_title=_folded("title"), folded_body=_folded("body"))
    for word in words:
        queryset = queryset.filter(Q(folded_title__contains=word) | Q(folded_body__contains=word))
    return queryset


def _sqlite_fetch(user, words: list[str], kinds: list[str], offset: int, limit: int):
    """(hits per kind, the hits from `offset` to `offset + limit`): the counts' aggregate, then
    the page (no second query when no rows are asked for)."""
    matching = _sqlite_matching(user, words)
    counts = _counts(matching)
    if not words or not limit:
        return counts, []
    rank = sum(
        (
            Case(When(folded_title__contains=word, then=Value(2)), default=Value(0))
            + Case(When(folded_body__contains=word, then=Value(1)), default=Value(0))
            for word in words
        ),
        start=Value(0),
    )
    rows = (
        _kind_filter(matching, kinds)
        .annotate(rank=rank, account_name=F("account__name"))
        .order_by("-rank", "-updated_at", "kind", "-object_id")
        .values_list("kind", "account_id", "account_name", "url", "title", "body")[offset : offset + limit]
    )
    pattern = _highlight_pattern(words)
    return counts, [
        _hit(kind, account_id, account_name, url, _mark(title, pattern), _snippet(body, pattern))
        for kind, account_id, account_name, url, title, body in rows
    ]


def _highlight_pattern(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = sorted(words, key=len, reverse=True)  # longest first: "договоры" before "договор"
    return re.compile("|".join(re.escape(word) for word in alternatives), re.IGNORECASE)


def _mark(text: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        return text
    return pattern.sub(lambda match: f"{HIGHLIGHT_START}{match.group(0)}{HIGHLIGHT_STOP}", text)


def _snippet(body: str, pattern: re.Pattern | None) -> str:
    """About SNIPPET_CHARS of the body around its first match (or its beginning), cut at word
    boundaries, with the matches marked."""
    text = " ".join(body.split())
    if len(text) <= SNIPPET_CHARS:
        return _mark(text, pattern)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > SNIPPET_CHARS // 3:
        start = text.rfind(" ", 0, match.start() - SNIPPET_CHARS // 3) + 1
    end = start + SNIPPET_CHARS
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = _mark(text[start:end], pattern)
    return ("… " if start else "") + piece + (" …" if end < len(text) else "")
