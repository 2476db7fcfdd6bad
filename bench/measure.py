"""Measuring every page: in-process through Django's test client, under load through gunicorn,
against the ceilings of this machine measured in the same run.

PAGES lists what is measured; a feature that adds a page adds a Page here (and its data in
bench.generate), a job (a report, a scan, an import) a Job in JOBS. Each page is requested as
the personas it names:
- kam: an account manager with the median number of visible accounts,
- director_region: the director of the region of the dossier account,
- director_all: the director of every region,
- department: a member of the logistics department (the commitments queue);
the dossier pages show one account of that KAM whose numbers of contacts and entries are
closest to the medians, the meeting page that account's latest held meeting with agenda
topics, negotiation targets and commitments. The plan pages show the plans of one account of
that KAM (`plan_account`): its sales plan of the latest year, whose number of lines is closest
to the median (an account that also has a development plan first), and its development plan
(`account_plan`); the regional plan is that of the dossier account's region. A later plan page
(the development plan, the account's Plans tab) is one Page reading these.

In-process: per page and persona a fresh login, `warmup` untimed requests, one request with
its queries captured (the count, and the slowest query for the SQL ceiling), then `requests`
timed ones: median and 95th percentile of the server time, in ms. Under load: `connections`
connections for `load_seconds` against gunicorn with `workers` workers: requests per second,
median and 99th percentile latency, errors.
"""

import json
import os
import platform
import re
import socket
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import django
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account, Contact, DossierEntry, SearchEntry
from accounts.search import SEARCH_CONFIG
from bench import load as bench_load
from bench.generate import DatasetReport
from bench.report import LIST_MS, LOAD_SHARE_OF_CEILING, MATRIX_MS, MAX_QUERIES, SEARCH_MS, evaluate, format_table
from kam.users.models import Role, User
from meetings.models import AgendaTopic, Commitment, Meeting, NegotiationTarget
from planning.models import AccountPlan, SalesPlan, SalesPlanLine
from planning.selectors.plans import plan_list_for_user

BACKEND = "django.contrib.auth.backends.ModelBackend"

# A word found in a good share of the dossier (an inflected form: stemming must find the rest).
COMMON_QUERY = "упаковки"
PSQL_RUNS = 10


class BenchError(Exception):
    """A page did not answer 200, or a measurement could not be made."""


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


@dataclass
class Subjects:
    """Who asks and what for: chosen from the data, the same on every run of one dataset."""

    users: dict[str, User]
    account: Account
    common_query: str
    rare_query: str
    about: dict
    meeting: Meeting | None = None
    # An account of the KAM's with this year's plans, its sales and development plans, and the
    # plan of the dossier account's region.
    plan_account: Account | None = None
    sales_plan: SalesPlan | None = None
    account_plan: AccountPlan | None = None
    regional_plan: SalesPlan | None = None


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[Subjects], str]
    personas: tuple[str, ...]
    p50_target_ms: float | None


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Subjects], dict]


ALL = ("kam", "director_region", "director_all")
DOSSIER = ("kam", "director_region")
# The commitments queue is also a department member's page.
QUEUE = ("kam", "director_region", "department")
# The plan list: a KAM's few plans, and every plan of the company.
PLAN_LIST = ("kam", "director_all")
# A region's own plan is its director's page.
REGIONAL = ("director_region",)


def _search(query_of: Callable[[Subjects], str]) -> Callable[[Subjects], str]:
    return lambda s: f"{reverse('search')}?{urlencode({'q': query_of(s)})}"


PAGES: list[Page] = [
    Page("account_list", lambda s: reverse("accounts:list"), ALL, LIST_MS),
    Page("account_export", lambda s: reverse("accounts:export", args=["csv"]), ("kam", "director_all"), None),
    Page("dossier_overview", lambda s: reverse("accounts:detail", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("contacts", lambda s: reverse("accounts:contacts", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("partners", lambda s: reverse("accounts:partners", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("dossier_timeline", lambda s: reverse("accounts:dossier", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("history", lambda s: reverse("accounts:history", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("search", _search(lambda s: s.common_query), ALL, SEARCH_MS),
    Page("search_rare", _search(lambda s: s.rare_query), ("kam", "director_all"), SEARCH_MS),
    Page("meeting_list", lambda s: reverse("meetings:list"), ALL, LIST_MS),
    Page("meeting_page", lambda s: reverse("meetings:detail", args=[s.meeting.pk]), DOSSIER, LIST_MS),
    Page("account_meetings_tab", lambda s: reverse("meetings:account_tab", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("commitment_queue", lambda s: reverse("meetings:commitments"), QUEUE, LIST_MS),
    # A department member's "my day" is their queue, and "/" sends directors to their dashboard:
    # my day is measured at its own address.
    Page("my_day", lambda s: reverse("meetings:my_day"), DOSSIER, LIST_MS),
    Page("portfolio_matrix", lambda s: reverse("analysis:portfolio"), ALL, MATRIX_MS),
    Page("scores_tab", lambda s: reverse("analysis:scores", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("sales_tab", lambda s: reverse("planning:sales", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("plan_list", lambda s: reverse("planning:plans"), PLAN_LIST, LIST_MS),
    Page("plan_page", lambda s: reverse("planning:plan", args=[s.sales_plan.pk]), DOSSIER, LIST_MS),
    Page("plan_page_regional", lambda s: reverse("planning:plan", args=[s.regional_plan.pk]), REGIONAL, LIST_MS),
    Page("account_plans_tab", lambda s: reverse("planning:account_plans", args=[s.plan_account.pk]), DOSSIER, LIST_MS),
    Page("development_plan", lambda s: reverse("planning:account_plan", args=[s.account_plan.pk]), DOSSIER, LIST_MS),
    # A region's accounts × product groups, summed from the records: a map, like the matrix.
    Page("whitespace_grid", lambda s: reverse("planning:whitespace"), DOSSIER, MATRIX_MS),
    Page("dashboard", lambda s: reverse("analysis:dashboard"), ALL, MATRIX_MS),
    Page("notifications", lambda s: reverse("notifications:list"), ("kam",), LIST_MS),
]


def _search_index_rebuild(subjects: Subjects) -> dict:
    """`manage.py rebuild_search_index` over the whole dataset, rolled back afterwards."""
    from accounts.search import rebuild_index

    with transaction.atomic():
        started = time.perf_counter()
        written = rebuild_index()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    if not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {SearchEntry._meta.db_table}")
    return {"seconds": round(seconds, 2), "rows": sum(written.values())}


def _sales_import(subjects: Subjects) -> dict:
    """An ERP export of up to 1,000 accounts × 50 products × the last 20 months (1,000,000 rows
    at full scale, by ERP code) through the import's own apply — parse, validate, COPY,
    merge — as `manage.py import_sales` runs it, rolled back afterwards."""
    import csv
    import tempfile

    from accounts.models import Account
    from planning.imports import run_after_import
    from planning.models import Product
    from planning.services.imports import sales_import_apply

    accounts = Account.objects.exclude(external_code="").order_by("pk")
    codes = list(accounts.values_list("external_code", flat=True)[:1000])
    products = list(Product.objects.order_by("code").values_list("code", flat=True)[:50])
    today = timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _ in range(20):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(f"{year:04d}-{month:02d}")
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", encoding="utf-8") as export:
        writer = csv.writer(export)
        writer.writerow(["account", "product_code", "month", "volume", "revenue", "margin"])
        for code in codes:
            for product in products:
                for month_text in months:
                    writer.writerow([code, product, month_text, "12.500", "3125.00", "412.50"])
        export.flush()
        rows = len(codes) * len(products) * len(months)
        with transaction.atomic():
            started = time.perf_counter()
            sales_import = sales_import_apply(by=None, path=Path(export.name), file_name="bench.csv")
            seconds = time.perf_counter() - started
            # What follows the commit (here rolled back): the dashboards' summary refreshed
            # for the accounts and months the file wrote.
            started = time.perf_counter()
            run_after_import(sales_import)
            summary_seconds = time.perf_counter() - started
            transaction.set_rollback(True)
    return {
        "seconds": round(seconds, 2),
        "rows": rows,
        "rows_per_second": round(rows / seconds) if seconds else None,
        "replaced": sales_import.replaced,
        "summary_refresh_seconds": round(summary_seconds, 2),
    }


def _reminder_scan(subjects: Subjects) -> dict:
    """The reminder scan over the whole dataset (200,000 commitments, the plans' stages, the
    annual meetings and the plans waiting for a decision), as the beat job runs it: the first
    scan, which sends everything due at once, then the next one, which finds it all sent. The
    reminders are rolled back so every run scans the same state."""
    from kam.notifications.scan import run_scan

    with transaction.atomic():
        started = time.perf_counter()
        result = run_scan()
        seconds = time.perf_counter() - started
        # The next scan, 15 minutes later in production: everything due has been reminded, so
        # this is the scan's steady cost.
        started = time.perf_counter()
        again = run_scan()
        steady_seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {
        "seconds": round(seconds, 2),
        "steady_seconds": round(steady_seconds, 2),
        "commitments": Commitment.objects.count(),
        "due": result.due,
        "new": result.new,
        "new_on_the_next_scan": again.new,
        "skipped": len(result.skipped),
    }


def _pack_render(subjects: Subjects) -> dict:
    """The briefing pack of the dossier account's meeting, as its owner asks for it: the data
    gathered through the pages' selectors, the HTML, the PDF (median of 3); and WeasyPrint
    alone on the same HTML, the floor the pack is measured against."""
    from meetings.packs.content import pack_content
    from meetings.packs.render import html_to_pdf, pack_html

    totals, weasyprint, pages = [], [], 0
    for _ in range(3):
        started = time.perf_counter()
        content = pack_content(user=subjects.users["kam"], meeting_id=subjects.meeting.pk)
        html = pack_html(content)
        _pdf, pages = html_to_pdf(html)
        totals.append(time.perf_counter() - started)
        started = time.perf_counter()
        html_to_pdf(html)
        weasyprint.append(time.perf_counter() - started)
    total, floor = statistics.median(totals), statistics.median(weasyprint)
    return {
        "seconds": round(total, 2),
        "weasyprint_seconds": round(floor, 2),
        "ratio": round(total / floor, 2) if floor else None,
        "pages": pages,
    }


JOBS: list[Job] = [
    Job("search_index_rebuild", _search_index_rebuild),
    Job("sales_import", _sales_import),
    Job("reminder_scan", _reminder_scan),
    Job("pack_render", _pack_render),
]


# Choosing who asks --------------------------------------------------------------------------


def _median_low(values: list[int]) -> int:
    return statistics.median_low(values) if values else 0


def pick_subjects() -> Subjects:
    owned: dict[int, set[int]] = {}
    for account_id, owner_id in Account.objects.values_list("pk", "owner_id"):
        owned.setdefault(owner_id, set()).add(account_id)
    visible = {kam: set(ids) for kam, ids in owned.items()}
    for account_id, user_id in Account.team.through.objects.values_list("account_id", "user_id"):
        visible.setdefault(user_id, set()).add(account_id)
    kam_ids = list(User.objects.filter(role=Role.KAM, pk__in=owned).order_by("pk").values_list("pk", flat=True))
    if not kam_ids:
        raise BenchError("the dataset has no account manager with accounts")
    typical = _median_low([len(visible[k]) for k in kam_ids])
    typical_kams = [k for k in kam_ids if len(visible[k]) == typical]

    contacts = dict(Contact.objects.order_by().values_list("account").annotate(n=Count("pk")))
    entries = dict(DossierEntry.objects.order_by().values_list("account").annotate(n=Count("pk")))
    median_contacts = _median_low(list(contacts.values())) or 1
    median_entries = _median_low(list(entries.values())) or 1

    def distance(account_id: int) -> tuple[float, int]:
        c, e = contacts.get(account_id, 0), entries.get(account_id, 0)
        return abs(c - median_contacts) / median_contacts + abs(e - median_entries) / median_entries, account_id

    # The most typical account among those owned by KAMs with a typical portfolio; its owner asks.
    account = Account.objects.select_related("region", "owner").get(
        pk=min((a for k in typical_kams for a in owned[k]), key=distance)
    )
    kam = account.owner
    director_region = User.objects.filter(role=Role.DIRECTOR, regions=account.region).order_by("pk").first()
    director_all = User.objects.filter(role=Role.DIRECTOR, regions__isnull=True).order_by("pk").first()
    if director_region is None or director_all is None:
        raise BenchError("the dataset needs a director of the account's region and one of all regions")
    # The rare query: the account's own name, found in its card and the entries that name it.
    rare_query = account.name.split()[0]
    department = (
        User.objects.filter(role=Role.DEPARTMENT, department__slug="logistics").order_by("pk").first()
        or User.objects.filter(role=Role.DEPARTMENT, department__isnull=False).order_by("pk").first()
    )
    if department is None:
        raise BenchError("the dataset needs a department member")
    meeting = _typical_meeting(account)
    plans = _typical_plans(kam, account, director_all)
    users = {"kam": kam, "director_region": director_region, "director_all": director_all, "department": department}
    about = {
        "personas": {
            "kam": {"username": kam.username, "visible_accounts": typical},
            "director_region": {
                "username": director_region.username,
                "visible_accounts": Account.objects.filter(region=account.region).count(),
            },
            "director_all": {"username": director_all.username, "visible_accounts": Account.objects.count()},
            "department": {
                "username": department.username,
                "open_commitments": Commitment.objects.visible_to(department).open().count(),
            },
        },
        "meeting": {
            "id": meeting.pk,
            "title": meeting.title,
            "topics": meeting.topics.count(),
            "targets": meeting.targets.count(),
            "commitments": meeting.commitments.count(),
            "account_meetings": account.meetings.count(),
        },
        "account": {
            "id": account.pk,
            "name": account.name,
            "contacts": contacts.get(account.pk, 0),
            "entries": entries.get(account.pk, 0),
            "assessments": account.assessments.count(),
            "median_contacts": median_contacts,
            "median_entries": median_entries,
        },
        "search": {
            "common": {"query": COMMON_QUERY, "hits_all": _hits(COMMON_QUERY)},
            "rare": {"query": rare_query, "hits_all": _hits(rare_query)},
        },
        "plans": plans.pop("about"),
    }
    return Subjects(
        users=users,
        account=account,
        common_query=COMMON_QUERY,
        rare_query=rare_query,
        about=about,
        meeting=meeting,
        **plans,
    )


def _typical_meeting(account: Account) -> Meeting:
    """The account's latest held meeting with agenda topics, targets and commitments (the
    fullest page), else its latest meeting."""
    meetings = Meeting.objects.filter(account=account).order_by("-starts_at", "-pk")
    full = meetings.filter(
        Exists(AgendaTopic.objects.filter(meeting=OuterRef("pk"))),
        Exists(NegotiationTarget.objects.filter(meeting=OuterRef("pk"))),
        Exists(Commitment.objects.filter(meeting=OuterRef("pk"))),
        status=Meeting.Status.HELD,
    ).first()
    meeting = full or meetings.first()
    if meeting is None:
        raise BenchError(f"the dossier account {account.pk} has no meeting")
    return meeting


def _typical_plans(kam: User, account: Account, director_all: User) -> dict:
    """The plan subjects (see the module docstring) and what describes them (`about`)."""
    year = SalesPlan.objects.filter(account__isnull=False).order_by("-year").values_list("year", flat=True).first()
    if year is None:
        raise BenchError("the dataset has no sales plan")
    lines = dict(
        SalesPlanLine.objects.filter(plan__year=year, plan__account__isnull=False)
        .order_by()
        .values_list("plan")
        .annotate(n=Count("pk"))
    )
    median_lines = _median_low(list(lines.values()))
    developed = set(AccountPlan.objects.filter(year=year).values_list("account_id", flat=True))
    # The KAM's accounts are in their region: the region's director sees the same plans.
    candidates = SalesPlan.objects.filter(year=year, account__owner=kam, account__region_id=account.region_id)
    chosen = min(
        candidates.values_list("pk", "account_id"),
        key=lambda c: (c[1] not in developed, abs(lines.get(c[0], 0) - median_lines), c[0]),
        default=None,
    )
    if chosen is None:
        raise BenchError(f"the KAM {kam.username} has no sales plan for {year}")
    sales_plan = SalesPlan.objects.select_related("account").get(pk=chosen[0])
    development = AccountPlan.objects.filter(year=year, account__owner=kam, account__region_id=account.region_id)
    account_plan = (
        development.filter(account_id=sales_plan.account_id).first() or development.order_by("account_id").first()
    )
    regional_plan = SalesPlan.objects.filter(region_id=account.region_id, year=year).first()
    if regional_plan is None:
        raise BenchError(f"the region {account.region} has no sales plan for {year}")
    about = {
        "year": year,
        "account": {"id": sales_plan.account_id, "name": sales_plan.account.name},
        "sales_plan": {
            "id": sales_plan.pk,
            "status": sales_plan.status,
            "lines": lines.get(sales_plan.pk, 0),
            "median_lines": median_lines,
            "transitions": sales_plan.transitions.count(),
        },
        "account_plan": {"id": account_plan.pk, "stages": account_plan.stages.count()} if account_plan else None,
        "regional_plan": {
            "id": regional_plan.pk,
            "status": regional_plan.status,
            "lines": regional_plan.lines.count(),
            "region_accounts_with_plans": SalesPlan.objects.filter(year=year, account__region=account.region).count(),
        },
        "visible_plans": {
            "kam": plan_list_for_user(user=kam).count(),
            "director_all": plan_list_for_user(user=director_all).count(),
        },
    }
    return {
        "plan_account": sales_plan.account,
        "sales_plan": sales_plan,
        "account_plan": account_plan,
        "regional_plan": regional_plan,
        "about": about,
    }


def _hits(query: str) -> int:
    return SearchEntry.objects.filter(vector=SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")).count()


def selected(page: Page, persona: str, only: list[str]) -> bool:
    return not only or page.name in only or f"{page.name}/{persona}" in only


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


# The SQL ceiling ----------------------------------------------------------------------------


# iterator() reads through a server-side cursor; psql runs the query inside it.
_DECLARE = re.compile(r'^DECLARE\s+"[^"]+"\s+.*?CURSOR\s+(?:WITH(?:OUT)?\s+HOLD\s+)?FOR\s+', re.DOTALL)


def plain_sql(sql: str) -> str:
    return _DECLARE.sub("", sql, count=1)


def psql_timing(sql: str, *, runs: int = PSQL_RUNS) -> dict:
    """The query through psql with \\timing: the median of `runs` runs after one warm-up, and
    the execution time EXPLAIN ANALYZE reports (the server alone, no transfer), also after a
    warm-up run: a single run right after the load phase read several times what repeated
    runs do. psql gets the app's connection options (JIT off). Inside an open transaction (a
    test's) psql would not see its rows and would wait on its locks, so only EXPLAIN runs
    there."""
    figures = {"psql_ms": None, "explain_ms": _explain_ms(sql)}
    if connection.in_atomic_block:
        return {**figures, "note": "inside a transaction: EXPLAIN ANALYZE only"}
    db = connection.settings_dict
    app_options = db.get("OPTIONS", {}).get("options", "")
    env = {
        **os.environ,
        "PGHOST": db.get("HOST") or "127.0.0.1",
        "PGPORT": str(db.get("PORT") or 5432),
        "PGUSER": db.get("USER") or "postgres",
        "PGDATABASE": db["NAME"],
        "PGOPTIONS": f"-c lock_timeout=10s -c statement_timeout=120s {app_options}".strip(),
    }
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-c", "\\timing on"]
    command += ["-c", sql] * (runs + 1)
    try:
        completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=True)  # noqa: S603
    except FileNotFoundError:
        return {**figures, "note": "psql is not installed"}
    except subprocess.CalledProcessError as error:
        return {**figures, "note": error.stderr.strip()[:500]}
    times = [float(line.split()[1]) for line in completed.stdout.splitlines() if line.startswith("Time:")][1:]
    return {**figures, "psql_ms": round(statistics.median(times), 2) if times else None}


def _explain_ms(sql: str) -> float:
    """The second of two runs (the first warms the buffers, as psql's warm-up does)."""
    with connection.cursor() as cursor:
        for _run in range(2):
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)
    return round(plan[0]["Execution Time"], 2)


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
    slowest: tuple[float, str, str] | None = None
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
        if query and (slowest is None or float(query["time"]) > slowest[0]):
            slowest = (float(query["time"]), key, plain_sql(query["sql"]))
        pages[key] = {**figures, "rps": None, "load_p50_ms": None, "p99_ms": None, "errors": None}

    ceiling: dict = {"bare_view": {}, "sql": {}}
    with override_settings(ROOT_URLCONF="bench.ceiling_urls"):
        ceiling["bare_view"] = measure_in_process(
            Client(), "/", requests=options.requests, warmup=options.warmup, what="ceiling"
        )
    ceiling["bare_view"].pop("slowest_sql")
    ceiling["bare_view"].update(rps=None, load_p50_ms=None, p99_ms=None, errors=None)

    if options.load:
        log(
            f"Under load: gunicorn with {options.workers} workers, {options.connections} connections, "
            f"{options.load_seconds:g} s per page …"
        )
        run_load_phase(subjects, pairs, pages, ceiling, options, log)

    if slowest is not None:
        log(f"SQL ceiling: the slowest query ({slowest[0] * 1000:.1f} ms in {slowest[1]}) through psql …")
        ceiling["sql"] = {"page": slowest[1], "sql": slowest[2], **psql_timing(slowest[2])}

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
    with bench_load.Gunicorn("bench.ceiling_wsgi", ready_path="/", **common) as server:
        result = bench_load.run_load(server.host, server.port, "/", **load)
    ceiling["bare_view"].update(result.as_dict())
    log(f"  ceiling: {result.rps:.0f} requests/s")
    cookie_name = settings.SESSION_COOKIE_NAME
    with bench_load.Gunicorn("kam.wsgi", **common) as server:
        for page, persona in pairs:
            key = f"{page.name}/{persona}"
            client = _logged_in(subjects.users[persona])
            cookie = f"{cookie_name}={client.cookies[cookie_name].value}"
            result = bench_load.run_load(server.host, server.port, page.path(subjects), cookie=cookie, **load)
            pages[key].update(result.as_dict())
            note = f", errors: {'; '.join(result.error_samples)}" if result.errors else ""
            log(f"  {key}: {result.rps:.0f} requests/s{note}")
