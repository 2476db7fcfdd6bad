"""Searching the dossier: ranked, highlighted, and only within what the user may see.

Every search goes through SearchEntry.objects.visible_to(user), the same account scoping as
the rest of the dossier. Results come back as SearchHit rows whose title and snippet are plain
text with highlight markers (kam_tags.HIGHLIGHT_START/STOP) around matched words; the
template's `highlight` filter escapes them and only then turns the markers into <mark>.

PostgreSQL: full-text search in the `russian` configuration (Russian and English stemming),
`websearch_to_tsquery` syntax ("a phrase", -exclude, or), plus a prefix match on the last word
typed so that "Север" finds "Северсталь"; ranked by ts_rank on the weighted vector (title A,
body B), highlighted by ts_headline: the whole title, and up to two fragments of the body
(ts_headline is meant for HTML and leaves tag-like text such as "<b>" out of fragments; the
title keeps it, and either way the template escapes what is shown).

SQLite (the embedded demo): plain words. Each word must occur, case-insensitively, in the
title or the body; a title occurrence counts 2 and a body occurrence 1 towards the rank.
Case folding uses the Unicode-aware SQLITE_CASEFOLD function registered on each connection
rather than SQLite's lower()/LIKE, which fold ASCII only: it is exact for Cyrillic and mixed
case, at the price of a Python call per row scanned, fine at the embedded mode's size.
Snippets are cut and highlighted in Python for the rows of the page only.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, F, Func, Q, QuerySet, TextField, Value, When
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
    """The hits of one search, evaluated lazily a page at a time: the paginator counts them and
    slices them, and each slice is one query."""

    ordered = True  # by rank, then recency (the paginator checks)

    def __init__(self, queryset: QuerySet, to_hit):
        self._queryset = queryset
        self._to_hit = to_hit

    def count(self) -> int:
        return self._queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._to_hit(row) for row in self._queryset[index]]
        return self._to_hit(self._queryset[index])


def user_may_search(user) -> bool:
    """Search is for those who see accounts: KAMs, directors and administrators."""
    return bool(getattr(user, "is_authenticated", False)) and (user.is_kam or user.is_director or user.is_admin)


def clean_query(raw: str) -> str:
    """The query as searched: control characters removed, whitespace collapsed, bounded."""
    return " ".join(_CONTROL.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH]


def search_for_user(*, user, query: str, kinds: Iterable[str] | None = None) -> SearchResults:
    """What the user may see that matches `query`, best first (rank, then most recently
    changed); optionally only the given kinds. One query per page of hits."""
    query = clean_query(query)
    if connection.vendor == "postgresql":
        return _postgres_results(user, query, kinds)
    return _sqlite_results(user, query, kinds)


def search_kind_counts(*, user, query: str) -> dict[str, int]:
    """How many hits of each kind the user may see, in one aggregate query."""
    query = clean_query(query)
    if connection.vendor == "postgresql":
        matching = _postgres_matching(user, _postgres_query(query))
    else:
        matching = _sqlite_matching(user, _sqlite_words(query))
    return matching.aggregate(**{kind: Count("pk", filter=Q(kind=kind)) for kind in SearchEntry.Kind.values})


def _kind_filter(queryset: QuerySet, kinds: Iterable[str] | None) -> QuerySet:
    return queryset.filter(kind__in=list(kinds)) if kinds else queryset


def _hit(row: dict, title: str, snippet: str) -> SearchHit:
    return SearchHit(
        kind=row["kind"],
        kind_label=SearchEntry.Kind(row["kind"]).label,
        account_id=row["account_id"],
        account_name=row["account_name"],
        title=title,
        snippet=snippet,
        url=row["url"],
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


def _postgres_results(user, query: str, kinds) -> SearchResults:
    tsquery = _postgres_query(query)
    if tsquery is None:
        return SearchResults(SearchEntry.objects.none(), _headline_hit)
    marks = {"config": SEARCH_CONFIG, "start_sel": HIGHLIGHT_START, "stop_sel": HIGHLIGHT_STOP}
    queryset = (
        _kind_filter(_postgres_matching(user, tsquery), kinds)
        .annotate(
            rank=SearchRank(F("vector"), tsquery),
            account_name=F("account__name"),
            marked_title=SearchHeadline("title", tsquery, highlight_all=True, **marks),
            snippet=SearchHeadline(
                "body", tsquery, max_fragments=2, min_words=12, max_words=30, fragment_delimiter=" … ", **marks
            ),
        )
        .order_by("-rank", "-updated_at", "kind", "-object_id")
        .values("kind", "account_id", "account_name", "url", "marked_title", "snippet")
    )
    return SearchResults(queryset, _headline_hit)


def _headline_hit(row: dict) -> SearchHit:
    return _hit(row, row["marked_title"], row["snippet"])


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


def _sqlite_results(user, query: str, kinds) -> SearchResults:
    words = _sqlite_words(query)
    queryset = _kind_filter(_sqlite_matching(user, words), kinds)
    if words:
        rank = sum(
            (
                Case(When(folded_title__contains=word, then=Value(2)), default=Value(0))
                + Case(When(folded_body__contains=word, then=Value(1)), default=Value(0))
                for word in words
            ),
            start=Value(0),
        )
        queryset = queryset.annotate(rank=rank, account_name=F("account__name")).order_by(
            "-rank", "-updated_at", "kind", "-object_id"
        )
    queryset = queryset.values("kind", "account_id", "account_name", "url", "title", "body")
    pattern = _highlight_pattern(words)
    return SearchResults(queryset, lambda row: _hit(row, _mark(row["title"], pattern), _snippet(row["body"], pattern)))


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
