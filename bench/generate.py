"""The benchmark dataset: DESIGN §6 scale, deterministic, loaded through PostgreSQL COPY.

`ensure_dataset(scale=…)` builds the dataset, or reuses it when the database already holds a
complete one of the same generator version, seed and scale (the `bench_dataset` marker row,
and every table count it recorded still true). A build wipes the tables of the project's apps
first (but for KEPT_MODELS, configuration its data migrations wrote: the scoring criteria),
so it refuses a database that holds users but no marker: it only ever overwrites a
benchmark dataset or an empty database.

The build is a list of steps (STEPS), run in order in one transaction; the data comes from
bench.company_steps (regions, industries and users), bench.dossier_steps (accounts and their
dossiers), bench.meeting_steps (meetings and commitments), bench.analysis_steps (assessments
and results), bench.sales_steps (the catalogue and 2,000,000 sales records),
bench.sales_plan_steps (this year's sales plans) and bench.account_plan_steps (client
development plans). Each step writes rows with
`Build.load`, which COPYs them into the model's table and keeps them for the steps that
follow: `history` writes one '+' row for every kept object of a model with
django-simple-history, `search_index` one SearchEntry row for every kept object of a model
registered in accounts.search, with its vector computed in SQL (a step whose model's search
document reads related objects leaves them in `Build.search_prefetch`, as prefetch_related
would, so building the documents runs no query per row). A step too large to keep in memory
(the sales records) streams its rows straight to COPY with `keep=False`; rows best computed
from rows already written (a plan's lines from the sales records) go in with one INSERT …
SELECT through `Build.execute`, counted like the others but not kept. A later feature adds
its data by inserting a step before those two and bumping GENERATOR_VERSION, so that existing
benchmark databases are rebuilt.

Row values are keyed by model attname (`account_id`, not `account`); keys starting with "_"
travel with the row for later steps (`_history_user_id`) and are never written. A column a
row leaves out gets the field's default, so a new field with a default needs no change here.
"""

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from random import Random

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from accounts import search as search_index
from accounts.models import SearchEntry
from bench import (
    account_plan_steps,
    analysis_steps,
    company_steps,
    dossier_steps,
    meeting_steps,
    sales_plan_steps,
    sales_steps,
)
from kam.users.models import User

# Bump when the generated data changes: benchmark databases built by an older version rebuild.
GENERATOR_VERSION = 7
SEED = 20260601
MARKER_TABLE = "bench_dataset"
# The apps whose tables a build empties first (TRUNCATE … CASCADE also empties what refers to them).
WIPED_APPS = ["users", "planning", "accounts", "meetings", "analysis", "sessions"]
# Configuration that data migrations write and the steps read, left as it is by the wipe.
KEPT_MODELS = ["analysis.Criterion"]


class DatasetError(Exception):
    """The database cannot take a benchmark dataset (it holds other data, or is not PostgreSQL)."""


@dataclass
class Build:
    """What the steps share: the random source, the scale, what earlier steps made."""

    rng: Random
    scale: float
    today: date
    cursor: object
    # Rows kept per model, for the history and search steps (and any step that needs them).
    rows: dict[type[models.Model], list[dict]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    # Whatever a step leaves for later ones: user ids by role, each account's language …
    shared: dict[str, object] = field(default_factory=dict)
    loaded_models: list[type[models.Model]] = field(default_factory=list)
    # Per model, a row's related objects as prefetch_related would cache them ({"topics": […]}),
    # for search documents that read them.
    search_prefetch: dict[type[models.Model], Callable[[dict], dict[str, list]]] = field(default_factory=dict)

    def scaled(self, count: int, minimum: int = 1) -> int:
        return max(minimum, round(count * self.scale))

    def moment(self, days_ago: int) -> datetime:
        """An aware datetime `days_ago` days before today, at a working hour."""
        day = self.today - timedelta(days=days_ago)
        return datetime.combine(day, dtime(self.rng.randint(6, 15), self.rng.randrange(60)), tzinfo=UTC)

    def load(self, model: type[models.Model], rows: Iterable[dict], *, keep: bool = True) -> list[dict]:
        """COPY the rows into the model's table; keep them (and return them) unless keep=False,
        for data too large to hold in memory. Primary keys are set by the step (so later
        steps can refer to them) unless the rows leave `id` out."""
        if keep:
            rows = list(rows)
        written = copy_rows(self.cursor, model, rows)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + written
        if model not in self.loaded_models:
            self.loaded_models.append(model)
        if keep:
            self.rows.setdefault(model, []).extend(rows)
            return rows
        return []

    def execute(self, model: type[models.Model], sql: str, params: dict | list | None = None) -> int:
        """Write rows of the model with one SQL statement (an INSERT … SELECT over what earlier
        steps wrote); they count towards the dataset like `load`'s, and are not kept."""
        self.cursor.execute(sql, params)
        written = max(self.cursor.rowcount, 0)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + written
        if model not in self.loaded_models:
            self.loaded_models.append(model)
        return written


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Build], None]


def copy_rows(cursor, model: type[models.Model], rows: Iterable[dict]) -> int:
    """Write rows (dicts keyed by attname) through one COPY. Missing columns get the field's
    default; an auto primary key missing from the first row is left to the database."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField) and f.attname not in first)
    ]
    attnames = [f.attname for f in fields]
    defaults = {f.attname: f.get_default() for f in fields}
    # Types psycopg cannot adapt as they come (JSON) go through the field's own preparation.
    prepared = {f.attname: f for f in fields if isinstance(f, models.JSONField)}
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN"
    written = 0
    with cursor.copy(sql) as copy:
        for row in _chain(first, rows):
            values = [row[name] if name in row else defaults[name] for name in attnames]
            if prepared:
                for index, name in enumerate(attnames):
                    if name in prepared:
                        values[index] = prepared[name].get_db_prep_save(values[index], connection)
            copy.write_row(values)
            written += 1
    return written


def _chain(first, rest):
    yield first
    yield from rest


def build_history(build: Build) -> None:
    """One '+' (created) row per kept object of every model with django-simple-history,
    dated when the object was created, by its owner or author."""
    for model, rows in list(build.rows.items()):
        history = getattr(model, "history", None)
        if history is None or not hasattr(history, "model"):
            continue
        historical = history.model
        names = {f.attname for f in historical._meta.concrete_fields} - {"history_id"}
        build.load(
            historical,
            (
                {
                    **{name: row[name] for name in names if name in row},
                    "history_date": row.get("created_at") or build.moment(0),
                    "history_type": "+",
                    "history_change_reason": None,
                    "history_user_id": row.get("_history_user_id"),
                }
                for row in rows
            ),
            keep=False,
        )


def build_search_index(build: Build) -> None:
    """The SearchEntry rows of every kept object of a model registered in accounts.search,
    built by that module's own document functions (so they match what a save would write),
    then every vector in one UPDATE, with the module's own vector expression."""
    for model, indexed in search_index.REGISTRY.items():
        rows = build.rows.get(model, [])
        build.load(
            SearchEntry,
            (_search_row(model, indexed, row, build.search_prefetch.get(model)) for row in rows),
            keep=False,
        )
    SearchEntry.objects.update(vector=search_index._vector())


def _search_row(model, indexed, row: dict, prefetch: Callable[[dict], dict[str, list]] | None) -> dict:
    obj = model(**{name: value for name, value in row.items() if not name.startswith("_")})
    if prefetch is not None:
        obj._prefetched_objects_cache = prefetch(row)
    entry = search_index._row(indexed, obj)
    return {
        "account_id": entry.account_id,
        "kind": entry.kind,
        "object_id": entry.object_id,
        "title": entry.title,
        "body": entry.body,
        "url": entry.url,
        "vector": None,
        "updated_at": row[indexed.changed_field],
    }


STEPS: list[Step] = [
    Step("regions", company_steps.build_regions),
    Step("industries", company_steps.build_industries),
    Step("users", company_steps.build_users),
    Step("accounts", dossier_steps.build_accounts),
    Step("contacts", dossier_steps.build_contacts),
    Step("partners", dossier_steps.build_partners),
    Step("entries", dossier_steps.build_entries),
    Step("meetings", meeting_steps.build_meetings),
    Step("preparation", meeting_steps.build_preparation),
    Step("commitments", meeting_steps.build_commitments),
    Step("assessments", analysis_steps.build_assessments),
    Step("catalogue", sales_steps.build_catalogue),
    # 2,000,000 sales records, streamed (keep=False).
    Step("sales", sales_steps.build_sales),
    # What the nightly job makes of them: the dashboards' monthly summary.
    Step("sales_summary", sales_steps.build_sales_summary),
    # This year's plans: their lines' baselines are last year's sales records.
    Step("sales_plans", sales_plan_steps.build_sales_plans),
    Step("account_plans", account_plan_steps.build_account_plans),
    # Later features insert their steps here: history and search_index below cover every kept
    # row of the steps before them.
    Step("history", build_history),
    Step("search_index", build_search_index),
]


# The marker, reuse and the build ----------------------------------------------------------


@dataclass
class DatasetReport:
    built: bool
    scale: float
    version: int
    seconds: float  # of the build that made the dataset (this one, or the one reused)
    steps: dict[str, float]
    counts: dict[str, int]
    built_at: str
    reason: str = ""


def _ensure_marker_table(cursor) -> None:
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} ("
        "id integer PRIMARY KEY, version integer NOT NULL, seed integer NOT NULL, "
        "scale double precision NOT NULL, built_at timestamptz NOT NULL, build_seconds double precision NOT NULL, "
        "counts jsonb NOT NULL, steps jsonb NOT NULL)"
    )


def read_marker() -> dict | None:
    with connection.cursor() as cursor:
        _ensure_marker_table(cursor)
        cursor.execute(f"SELECT version, seed, scale, built_at, build_seconds, counts, steps FROM {MARKER_TABLE}")  # noqa: S608
        row = cursor.fetchone()
    if row is None:
        return None
    version, seed, scale, built_at, seconds, counts, steps = row
    return {
        "version": version,
        "seed": seed,
        "scale": scale,
        "built_at": built_at.isoformat(),
        "seconds": seconds,
        "counts": counts if isinstance(counts, dict) else json.loads(counts),
        "steps": _in_build_order(steps if isinstance(steps, dict) else json.loads(steps)),
    }


def _in_build_order(steps: dict[str, float]) -> dict[str, float]:
    """The step timings in the order they ran (jsonb keeps its keys in an order of its own)."""
    order = ["wipe", *(step.name for step in STEPS), "sequences", "vacuum_analyze"]
    return dict(sorted(steps.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))


def _table_count(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
        return cursor.fetchone()[0]


def reusable(marker: dict | None, scale: float) -> tuple[bool, str]:
    """Whether the marker describes a complete dataset of this version and scale, every table
    still holding the rows the build wrote."""
    if marker is None:
        return False, "no benchmark dataset"
    if marker["version"] != GENERATOR_VERSION or marker["seed"] != SEED:
        return False, f"dataset of generator version {marker['version']}, this is version {GENERATOR_VERSION}"
    if abs(marker["scale"] - scale) > 1e-9:
        return False, f"dataset at scale {marker['scale']}, {scale} asked"
    for label, expected in marker["counts"].items():
        try:
            model = apps.get_model(label)
        except LookupError:
            return False, f"{label} is gone"
        actual = _table_count(model)
        if actual != expected:
            return False, f"{label} holds {actual} rows, the build wrote {expected}"
    return True, "complete"


def _wipe(cursor) -> None:
    kept = {apps.get_model(label)._meta.db_table for label in KEPT_MODELS}
    tables = {
        model._meta.db_table
        for label in WIPED_APPS
        if label in {config.label for config in apps.get_app_configs()}
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    } - kept
    existing = set(connection.introspection.table_names(cursor))
    quoted = ", ".join(connection.ops.quote_name(table) for table in sorted(tables & existing))
    # Rows written earlier in the same transaction (a rebuild inside a test) leave deferred
    # foreign key checks pending, and TRUNCATE refuses to run over them: run them first.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608 - a constant


def ensure_dataset(
    *, scale: float = 1.0, rebuild: bool = False, log: Callable[[str], None] = print, today: date | None = None
) -> DatasetReport:
    """Build the dataset, or reuse the one the database holds (see the module docstring).
    Runs in one transaction; then ANALYZE (and VACUUM when not inside a transaction, since the
    vector UPDATE leaves a dead row behind each live one; the search table is rewritten
    compact)."""
    if connection.vendor != "postgresql":
        raise DatasetError("The benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    marker = read_marker()
    ok, reason = reusable(marker, scale)
    if ok and not rebuild:
        log(f"Reusing the benchmark dataset built {marker['built_at']} in {marker['seconds']:.1f} s.")
        return DatasetReport(
            built=False,
            scale=scale,
            version=GENERATOR_VERSION,
            seconds=marker["seconds"],
            steps=marker["steps"],
            counts=marker["counts"],
            built_at=marker["built_at"],
            reason="reused",
        )
    if marker is None and User.objects.exists():
        raise DatasetError(
            f"Database {connection.settings_dict['NAME']!r} holds users but no benchmark dataset; "
            "the benchmark wipes its database, so give it one of its own (DATABASE_URL=…/kam_bench)."
        )
    log(f"Building the benchmark dataset at scale {scale} ({'rebuild asked' if ok else reason}).")
    started = time.monotonic()
    steps: dict[str, float] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        _ensure_marker_table(cursor)
        step_started = time.monotonic()
        _wipe(cursor)
        steps["wipe"] = time.monotonic() - step_started
        build = Build(rng=Random(SEED), scale=scale, today=today or timezone.localdate(), cursor=cursor)
        for step in STEPS:
            step_started = time.monotonic()
            before = dict(build.counts)
            step.run(build)
            steps[step.name] = time.monotonic() - step_started
            written = {label: n - before.get(label, 0) for label, n in build.counts.items() if n != before.get(label)}
            rows = ", ".join(f"{n:,} {label}" for label, n in written.items())
            log(f"  {step.name:<14} {steps[step.name]:6.2f} s  {rows}")
        step_started = time.monotonic()
        for sql in connection.ops.sequence_reset_sql(no_style(), build.loaded_models):
            cursor.execute(sql)
        steps["sequences"] = time.monotonic() - step_started
        seconds = time.monotonic() - started
        built_at = datetime.now(UTC)
        columns = "id, version, seed, scale, built_at, build_seconds, counts, steps"
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} ({columns}) VALUES (1, %s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
            [GENERATOR_VERSION, SEED, scale, built_at, seconds, json.dumps(build.counts), json.dumps(steps)],
        )
    step_started = time.monotonic()
    with connection.cursor() as cursor:
        if not connection.in_atomic_block:
            # The vector UPDATE left the search table twice its size, and every search that
            # scans it would read the dead half too: rewrite it compact first.
            cursor.execute(f"VACUUM FULL {connection.ops.quote_name(SearchEntry._meta.db_table)}")
        cursor.execute("VACUUM ANALYZE" if not connection.in_atomic_block else "ANALYZE")
    steps["vacuum_analyze"] = time.monotonic() - step_started
    seconds = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {MARKER_TABLE} SET build_seconds = %s, steps = %s", [seconds, json.dumps(steps)])  # noqa: S608
    log(f"  {'vacuum/analyze':<14} {steps['vacuum_analyze']:6.2f} s")
    log(f"Built in {seconds:.1f} s.")
    return DatasetReport(
        built=True,
        scale=scale,
        version=GENERATOR_VERSION,
        seconds=seconds,
        steps=steps,
        counts=build.counts,
        built_at=built_at.isoformat(),
        reason=reason if not ok else "rebuild asked",
    )
