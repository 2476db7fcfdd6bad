"""Measuring every page: in-process through Django's test client, under load through gunicorn,
against the ceilings of this machine measured in the same run; then the jobs.

What is measured is in bench.pages and bench.jobs, who asks in bench.subjects. In-process: per
page and persona a fresh login, `warmup` untimed requests, one request with its queries
captured (the count, and the slowest query for the SQL ceiling: the dashboard's), then `requests` timed ones:
median and 95th percentile of the server time, in ms. Under load: `connections` connections
for `load_seconds` against gunicorn with `workers` workers: requests per second, median and
99th percentile latency, errors.
"""

import json
import os
import platform
import socket
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import django
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench import load as bench_load
from bench.generate import DatasetReport
from bench.jobs import JOBS
from bench.pages import PAGES, selected
from bench.report import LOAD_SHARE_OF_CEILING, MAX_QUERIES, evaluate, format_table
from bench.sql_ceiling import plain_sql, psql_timing
from bench.subjects import BenchError, Subjects, pick_subjects
from kam.users.models import User

BACKEND = "django.contrib.auth.backends.ModelBackend"
# The ceilings' addresses in bench.ceiling_urls.
CEILING_PATHS = {"bare_view": "/", "logged_in_view": "/logged-in/"}
SQL_CEILING_PAGE = "dashboard"


@dataclass(frozen=True)
class Options:
    requests: int = 30
    warmup: int = 3
    load_seconds: float = 20.0
    connections: int = 16
    workers: int = 2
    load: bool = True
    only: list[str] = field(default_factory=list)
    jobs: bool = True


# In-process -----------------------------------------------------------------------------------


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _get(client: Client, path: str) -> int:
    response = client.get(path)
    if getattr(response, "streaming", False):
        for _chunk in response.streaming_content:
            pass
    return response.status_code


def _check(status: int, what: str) -> None:
    if status != 200:
        raise BenchError(f"{what} answered {status}, not 200")


def measure_in_process(client: Client, path: str, *, requests: int, warmup: int, what: str) -> dict:
    """Queries of one request, and the server time of `requests` more (after `warmup`)."""
    for _ in range(warmup):
        _check(_get(client, path), what)
    with CaptureQueriesContext(connection) as captured:
        _check(_get(client, path), what)
    # Read now: the next request's request_started signal empties the connection's query log.
    queries = captured.captured_queries
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        status = _get(client, path)
        timings.append((time.perf_counter() - started) * 1000)
        _check(status, what)
    slowest = max(queries, key=lambda q: float(q["time"]), default=None)
    return {
        "queries": len(queries),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(bench_load.percentile(timings, 0.95), 2),
        "slowest_sql": slowest,
    }


def _ensure_test_host() -> None:
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


# The run ----------------------------------------------------------------------------------------


def _machine() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory = None
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = round(pages * page_size / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "hostname": socket.gethostname(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gib": memory,
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgres": postgres,
    }


def run_benchmark(
    report: DatasetReport, options: Options, *, output: Path | None, log: Callable[[str], None] = print
) -> dict:
    """Measure everything, print the table, write the results (when `output` is given)."""
    _ensure_test_host()
    started = time.monotonic()
    subjects = pick_subjects()
    about = subjects.about
    log(
        f"KAM {about['personas']['kam']['username']} ({about['personas']['kam']['visible_accounts']} accounts), "
        f"dossier of «{subjects.account.name}» ({about['account']['contacts']} contacts, "
        f"{about['account']['entries']} entries), search «{subjects.common_query}» "
        f"({about['search']['common']['hits_all']} hits) and «{subjects.rare_query}» "
        f"({about['search']['rare']['hits_all']} hits), meeting «{subjects.meeting.title}» "
        f"({about['meeting']['topics']} topics, {about['meeting']['targets']} targets, "
        f"{about['meeting']['commitments']} commitments), department member "
        f"{about['personas']['department']['username']} ({about['personas']['department']['open_commitments']} open "
        f"commitments), sales plan of «{about['plans']['account']['name']}» "
        f"({about['plans']['sales_plan']['lines']} lines, {about['plans']['sales_plan']['status']}), regional plan "
        f"({about['plans']['regional_plan']['lines']} lines, {about['plans']['regional_plan']['status']})."
    )
    pairs = [(page, persona) for page in PAGES for persona in page.personas if selected(page, persona, options.only)]
    pages: dict[str, dict] = {}
    # The SQL ceiling is the dashboard's heaviest query: the company-wide aggregates it stands
    # for. A run that measures no dashboard takes the heaviest of the pages it measures.
    slowest: dict[bool, tuple[float, str, str]] = {}
    log(f"In-process: {len(pairs)} page/persona pairs × {options.requests} requests …")
    for page, persona in pairs:
        key = f"{page.name}/{persona}"
        figures = measure_in_process(
            _logged_in(subjects.users[persona]),
            page.path(subjects),
            requests=options.requests,
            warmup=options.warmup,
            what=key,
        )
        query = figures.pop("slowest_sql")
        dashboard = page.name == SQL_CEILING_PAGE
        if query and (dashboard not in slowest or float(query["time"]) > slowest[dashboard][0]):
            slowest[dashboard] = (float(query["time"]), key, plain_sql(query["sql"]))
        pages[key] = {**figures, "rps": None, "load_p50_ms": None, "p99_ms": None, "errors": None}

    ceiling: dict = {"bare_view": {}, "logged_in_view": {}, "sql": {}}
    with override_settings(ROOT_URLCONF="bench.ceiling_urls"):
        for part, client in (("bare_view", Client()), ("logged_in_view", _logged_in(subjects.users["kam"]))):
            figures = measure_in_process(
                client, CEILING_PATHS[part], requests=options.requests, warmup=options.warmup, what=part
            )
            figures.pop("slowest_sql")
            ceiling[part] = {**figures, "rps": None, "load_p50_ms": None, "p99_ms": None, "errors": None}

    if options.load:
        log(
            f"Under load: gunicorn with {options.workers} workers, {options.connections} connections, "
            f"{options.load_seconds:g} s per page …"
        )
        run_load_phase(subjects, pairs, pages, ceiling, options, log)

    heaviest = slowest.get(True) or slowest.get(False)
    if heaviest is not None:
        log(f"SQL ceiling: the slowest query ({heaviest[0] * 1000:.1f} ms in {heaviest[1]}) through psql …")
        ceiling["sql"] = {"page": heaviest[1], "sql": heaviest[2], **psql_timing(heaviest[2])}

    jobs = {}
    if options.jobs:
        for job in JOBS:
            log(f"Job {job.name} …")
            jobs[job.name] = job.run(subjects)

    ceiling_rps = ceiling["bare_view"].get("rps")
    by_name = {page.name: page for page in PAGES}
    targets = {key: evaluate(by_name[key.split("/")[0]], entry, ceiling_rps) for key, entry in pages.items()}
    results = {
        "meta": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": _machine(),
            "scale": report.scale,
            "generator_version": report.version,
            "dataset_built_now": report.built,
            "dataset_built_at": report.built_at,
            "build_seconds": round(report.seconds, 1),
            "build_steps": {name: round(seconds, 2) for name, seconds in report.steps.items()},
            "counts": report.counts,
            "subjects": about,
            "options": {
                "requests": options.requests,
                "warmup": options.warmup,
                "load_seconds": options.load_seconds,
                "connections": options.connections,
                "workers": options.workers,
            },
            "targets": {
                "max_queries": MAX_QUERIES,
                "p50_ms": {page.name: page.p50_target_ms for page in PAGES},
                "rps_share_of_ceiling": round(LOAD_SHARE_OF_CEILING, 4),
            },
            "run_seconds": round(time.monotonic() - started, 1),
        },
        "pages": pages,
        "ceiling": ceiling,
        "jobs": jobs,
        "targets": targets,
    }
    log("")
    log(format_table(results))
    if output is not None:
        output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
        log(f"\nWrote {output}.")
    return results


def run_load_phase(subjects: Subjects, pairs, pages: dict, ceiling: dict, options: Options, log) -> None:
    url = bench_load.database_url(connection.settings_dict)
    common = {"database_url": url, "secret_key": settings.SECRET_KEY, "workers": options.workers}
    load = {"connections": options.connections, "seconds": options.load_seconds}
    cookie_name = settings.SESSION_COOKIE_NAME

    def session_of(persona: str) -> str:
        return f"{cookie_name}={_logged_in(subjects.users[persona]).cookies[cookie_name].value}"

    with bench_load.Gunicorn("bench.ceiling_wsgi", ready_path="/", **common) as server:
        for part, cookie in (("bare_view", None), ("logged_in_view", session_of("kam"))):
            result = bench_load.run_load(server.host, server.port, CEILING_PATHS[part], cookie=cookie, **load)
            ceiling[part].update(result.as_dict())
            log(f"  ceiling, {part.replace('_', ' ')}: {result.rps:.0f} requests/s")
    with bench_load.Gunicorn("kam.wsgi", **common) as server:
        for page, persona in pairs:
            key = f"{page.name}/{persona}"
            path, cookie = page.path(subjects), session_of(persona)
            result = bench_load.run_load(server.host, server.port, path, cookie=cookie, **load)
            pages[key].update(result.as_dict())
            note = f", errors: {'; '.join(result.error_samples)}" if result.errors else ""
            log(f"  {key}: {result.rps:.0f} requests/s{note}")
