"""The benchmark's own code: the generator at a tiny scale, the results it writes, the load
through gunicorn, the comparison. Figures are never asserted: only that they exist."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count, F

from accounts.models import Account, BusinessPartner, Contact, DossierEntry, SearchEntry
from accounts.search import REGISTRY, index_object
from bench import STABLE_KEYS
from bench.compare import compare, format_rows
from bench.compare import main as compare_main
from bench.dossier_steps import ACCOUNTS_AT_SCALE, CONTACTS_PER_ACCOUNT, ENTRIES_BY_TIER, PARTNERS_PER_ACCOUNT
from bench.generate import DatasetError, ensure_dataset
from bench.load import LoadError, percentile, run_load
from bench.measure import Options, run_benchmark
from bench.pages import PAGES
from bench.report import evaluate, format_table
from kam.notifications.models import Reminder
from kam.users.models import Role, User
from kam.users.tests.factories import UserFactory
from meetings.models import Commitment, Meeting
from planning.models import Region

TINY = 0.01
ROOT = Path(__file__).resolve().parents[2]


def quiet(_line: str) -> None:
    pass


@pytest.fixture
def dataset(require_postgres, db):
    return ensure_dataset(scale=TINY, log=quiet)


# The generator ------------------------------------------------------------------------------


def test_generator_counts_follow_the_scale(dataset):
    accounts = Account.objects.count()
    assert dataset.built
    assert accounts == round(ACCOUNTS_AT_SCALE * TINY)
    assert accounts * CONTACTS_PER_ACCOUNT[0] <= Contact.objects.count() <= accounts * CONTACTS_PER_ACCOUNT[1]
    assert accounts * PARTNERS_PER_ACCOUNT[0] <= BusinessPartner.objects.count() <= accounts * PARTNERS_PER_ACCOUNT[1]
    fewest = min(low for low, _high in ENTRIES_BY_TIER.values())
    most = max(high for _low, high in ENTRIES_BY_TIER.values())
    assert accounts * fewest <= DossierEntry.objects.count() <= accounts * most
    assert dataset.counts["accounts.Account"] == accounts
    assert dataset.counts["accounts.Contact"] == Contact.objects.count()


def test_every_account_is_owned_by_a_kam_and_has_people(dataset):
    assert not Account.objects.exclude(owner__role=Role.KAM).exists()
    assert not Account.objects.annotate(n=Count("contacts")).filter(n=0).exists()
    # A team is made of KAMs other than the owner.
    assert not Account.team.through.objects.exclude(user__role=Role.KAM).exists()
    assert not Account.team.through.objects.filter(user=F("account__owner")).exists()


def test_reports_to_stays_within_the_account_and_forms_one_tree_per_account(dataset):
    assert not Contact.objects.filter(reports_to__isnull=False).exclude(reports_to__account=F("account")).exists()
    # Bosses are created before their people: no cycles.
    assert not Contact.objects.filter(reports_to_id__gte=F("id")).exists()
    roots = Contact.objects.filter(reports_to__isnull=True).values("account").annotate(n=Count("pk"))
    assert {row["n"] for row in roots} == {1}
    assert roots.count() == Account.objects.count()


def test_each_region_has_its_director_and_one_director_has_all(dataset):
    directors = User.objects.filter(role=Role.DIRECTOR)
    for region in Region.objects.all():
        assert directors.filter(regions=region).count() == 1
    assert directors.filter(regions__isnull=True).count() == 1
    assert User.objects.filter(role=Role.DEPARTMENT, department__isnull=False).exists()


def test_every_searchable_record_has_its_search_row_and_vector(dataset):
    expected = {
        SearchEntry.Kind.ACCOUNT: Account.objects.count(),
        SearchEntry.Kind.CONTACT: Contact.objects.count(),
        SearchEntry.Kind.PARTNER: BusinessPartner.objects.count(),
        SearchEntry.Kind.ENTRY: DossierEntry.objects.count(),
        SearchEntry.Kind.MEETING: Meeting.objects.count(),
    }
    counts = dict(SearchEntry.objects.order_by().values_list("kind").annotate(n=Count("pk")))
    assert counts == expected
    assert not SearchEntry.objects.filter(vector__isnull=True).exists()
    assert not Contact.objects.exclude(pk__in=SearchEntry.objects.filter(kind="contact").values("object_id")).exists()


def test_search_rows_are_what_a_save_would_write(dataset):
    columns = ("account_id", "title", "body", "url", "vector")
    for model, indexed in REGISTRY.items():
        obj = model.objects.order_by("pk").last()
        row = SearchEntry.objects.filter(kind=indexed.kind, object_id=obj.pk).values(*columns)
        generated = row.get()
        index_object(obj)
        assert row.get() == generated


def test_every_record_has_its_creation_in_history(dataset):
    for model in (Account, Contact, BusinessPartner, DossierEntry):
        history = model.history.model.objects
        assert history.count() == model.objects.count()
        assert set(history.values_list("history_type", flat=True)) == {"+"}
        assert not history.filter(history_user__isnull=True).exists()


def test_a_second_run_reuses_the_dataset_and_rebuild_makes_the_same_one(dataset):
    names = list(Account.objects.order_by("pk").values_list("name", "owner__username", "tax_id"))
    again = ensure_dataset(scale=TINY, log=quiet)
    assert not again.built
    assert again.counts == dataset.counts
    rebuilt = ensure_dataset(scale=TINY, rebuild=True, log=quiet)
    assert rebuilt.built
    assert rebuilt.counts == dataset.counts
    assert list(Account.objects.order_by("pk").values_list("name", "owner__username", "tax_id")) == names


def test_a_changed_table_or_scale_makes_it_rebuild(dataset):
    Contact.objects.filter(pk=Contact.objects.order_by("pk").last().pk).delete()
    assert ensure_dataset(scale=TINY, log=quiet).built
    assert ensure_dataset(scale=TINY * 2, log=quiet).built
    assert Account.objects.count() == round(ACCOUNTS_AT_SCALE * TINY * 2)


def test_it_refuses_a_database_that_holds_other_data(require_postgres, db):
    UserFactory(username="someone")
    with pytest.raises(DatasetError, match="holds users but no benchmark dataset"):
        ensure_dataset(scale=TINY, log=quiet)


def test_make_bench_refuses_sqlite(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode != 0
    assert "needs PostgreSQL" in completed.stderr


# Measuring ----------------------------------------------------------------------------------


def test_results_have_the_stable_keys_for_every_page_and_persona(dataset, tmp_path):
    output = tmp_path / "results.json"
    run_benchmark(dataset, Options(requests=2, warmup=1, load=False), output=output, log=quiet)
    results = json.loads(output.read_text())
    assert set(results) == {"meta", "pages", "ceiling", "jobs", "targets"}
    expected = {f"{page.name}/{persona}" for page in PAGES for persona in page.personas}
    assert set(results["pages"]) == expected
    for key, figures in results["pages"].items():
        assert tuple(figures) == STABLE_KEYS, key
        assert figures["queries"] > 0
        assert figures["p50_ms"] is not None and figures["p95_ms"] is not None
        assert figures["rps"] is None  # no load asked
        assert set(results["targets"][key]) >= {"queries"}
    assert results["meta"]["scale"] == TINY
    assert {"date", "machine", "build_seconds", "subjects", "counts"} <= set(results["meta"])
    assert results["ceiling"]["bare_view"]["p50_ms"] is not None
    assert results["ceiling"]["bare_view"]["queries"] == 0
    # The logged-in reference reads the session's user and the accounts, nothing else.
    logged_in = results["ceiling"]["logged_in_view"]
    assert tuple(logged_in) == STABLE_KEYS
    assert logged_in["queries"] >= 1 and logged_in["p50_ms"] is not None
    # The SQL ceiling is the dashboard's slowest query; it may be a UNION, which Django writes
    # with each part in brackets.
    assert results["ceiling"]["sql"]["page"].split("/")[0] == "dashboard"
    assert results["ceiling"]["sql"]["sql"].lstrip("( \n").upper().startswith(("SELECT", "WITH"))
    assert results["jobs"]["search_index_rebuild"]["rows"] == SearchEntry.objects.count()
    sales_import = results["jobs"]["sales_import"]
    assert sales_import["rows"] > 0 and sales_import["rows_per_second"] > 0
    assert sales_import["summary_refresh_seconds"] >= 0
    scan = results["jobs"]["reminder_scan"]
    assert scan["commitments"] == Commitment.objects.count() and scan["due"] >= scan["new"] > 0
    assert scan["new_on_the_next_scan"] == 0
    assert not Reminder.objects.exists()  # the scan's reminders were rolled back
    pack = results["jobs"]["pack_render"]
    assert pack["pages"] >= 5 and pack["seconds"] > 0 and pack["weasyprint_seconds"] > 0


@pytest.mark.django_db(transaction=True)
def test_pages_under_load_through_gunicorn(require_postgres, tmp_path):
    # transaction=True: gunicorn reads the test database from its own connections, so the
    # dataset and the sessions must be committed.
    report = ensure_dataset(scale=TINY, log=quiet)
    output = tmp_path / "results.json"
    options = Options(
        requests=1, warmup=1, load_seconds=1, connections=2, jobs=False, only=["account_list/kam", "search/kam"]
    )
    lines: list[str] = []
    run_benchmark(report, options, output=output, log=lines.append)
    results = json.loads(output.read_text())
    assert set(results["pages"]) == {"account_list/kam", "search/kam"}
    ceilings = [results["ceiling"]["bare_view"], results["ceiling"]["logged_in_view"]]
    # No errors: the logged-in view answered 200 to the KAM's session, not a redirect to log in.
    for figures in [*results["pages"].values(), *ceilings]:
        assert figures["errors"] == 0
        assert figures["rps"] > 0
        assert figures["p99_ms"] is not None
    assert "rps" in results["targets"]["account_list/kam"]
    assert results["ceiling"]["sql"]["psql_ms"] is not None
    # No dashboard measured: the SQL ceiling is the slowest query of the pages that were.
    assert results["ceiling"]["sql"]["page"] in results["pages"]
    assert connection.settings_dict["NAME"].startswith("test_")


def test_load_targets_loopback_only():
    with pytest.raises(LoadError):
        run_load("192.0.2.1", 80, "/", connections=1, seconds=0.1)


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 31)]
    assert percentile(values, 0.5) == 15.0
    assert percentile(values, 0.95) == 29.0
    assert percentile(values, 0.99) == 30.0
    assert percentile([], 0.5) is None


def test_targets_pass_and_miss():
    page = next(p for p in PAGES if p.name == "account_list")
    entry = {
        "queries": 21,
        "p50_ms": 49.0,
        "p95_ms": 60.0,
        "rps": 100.0,
        "load_p50_ms": 5.0,
        "p99_ms": 9.0,
        "errors": 0,
    }
    assert evaluate(page, entry, ceiling_rps=330.0) == {
        "queries": "MISS",
        "p50_ms": "PASS",
        "errors": "PASS",
        "rps": "MISS",
    }
    assert evaluate(page, {**entry, "queries": 20, "rps": 110.0, "errors": 1}, ceiling_rps=330.0) == {
        "queries": "PASS",
        "p50_ms": "PASS",
        "errors": "MISS",
        "rps": "PASS",
    }
    unloaded = {**entry, "rps": None, "errors": None}
    assert set(evaluate(page, unloaded, ceiling_rps=None)) == {"queries", "p50_ms"}


def test_the_table_gives_each_median_as_a_multiple_of_the_bare_views():
    results = _results(p50=12.0, rps=100.0, queries=5, job_seconds=1.0)
    results["ceiling"]["bare_view"].update(p50_ms=3.0, p95_ms=4.0, load_p50_ms=1.0, p99_ms=2.0, errors=0)
    results["targets"] = {"account_list/kam": {"queries": "PASS", "p50_ms": "PASS", "errors": "PASS", "rps": "PASS"}}
    lines = format_table(results).splitlines()
    header = lines[0].split()
    row = lines[2].split()
    assert header[:5] == ["page", "persona", "queries", "p50_ms", "p50/ceil"]
    # page, persona, "5 PASS", "12.0 PASS", then the multiple
    assert row[:7] == ["account_list", "kam", "5", "PASS", "12.0", "PASS", "4.0"]
    assert lines[3].split()[-1] == "1.00"  # the bare view against itself, rps
    results["ceiling"]["logged_in_view"] = {**results["ceiling"]["bare_view"], "p50_ms": 6.0, "rps": 150.0}
    logged_in = format_table(results).splitlines()[4]
    assert logged_in.startswith("ceiling: logged in, 50 rows")
    assert logged_in.split()[-1] == "0.50" and "2.0" in logged_in.split()  # rps and median against the bare view
    assert "< 150 ms for the portfolio matrix" in format_table(results)


# Comparing -----------------------------------------------------------------------------------


def _results(p50: float, rps: float, queries: int, job_seconds: float) -> dict:
    page = {
        "queries": queries,
        "p50_ms": p50,
        "p95_ms": p50 * 2,
        "rps": rps,
        "load_p50_ms": 10.0,
        "p99_ms": 20.0,
        "errors": 0,
    }
    return {
        "meta": {"date": "2026-01-01"},
        "pages": {"account_list/kam": page},
        "ceiling": {
            "bare_view": {"rps": 300.0},
            "logged_in_view": {"rps": rps * 1.5},
            "sql": {"page": "x", "sql": "SELECT 1", "psql_ms": 2.0},
        },
        "jobs": {"search_index_rebuild": {"seconds": job_seconds, "rows": 10}},
    }


def test_compare_gives_new_over_old_per_page_and_metric(tmp_path, capsys):
    old, new = _results(20.0, 100.0, 5, 4.0), _results(40.0, 50.0, 5, 2.0)
    new["pages"]["search/kam"] = dict(new["pages"]["account_list/kam"])
    rows = {(row.name, row.metric): row for row in compare(old, new)}
    assert rows["account_list/kam", "p50_ms"].ratio == 2.0
    assert rows["account_list/kam", "p50_ms"].verdict == "worse"
    assert rows["account_list/kam", "rps"].ratio == 0.5
    assert rows["account_list/kam", "rps"].verdict == "worse"
    assert rows["account_list/kam", "queries"].ratio == 1.0
    assert rows["account_list/kam", "errors"].ratio == 1.0  # 0 then 0
    assert rows["search/kam", "p50_ms"].ratio is None  # not in the old file
    assert rows["ceiling:sql", "psql_ms"].ratio == 1.0
    assert rows["ceiling:logged_in_view", "rps"].ratio == 0.5
    assert rows["job:search_index_rebuild", "seconds"].ratio == 0.5
    assert rows["job:search_index_rebuild", "seconds"].verdict == "better"
    assert "account_list/kam" in format_rows(list(rows.values()))

    (tmp_path / "old.json").write_text(json.dumps(old))
    (tmp_path / "new.json").write_text(json.dumps(new))
    assert compare_main(tmp_path / "old.json", tmp_path / "new.json") == 0
    printed = capsys.readouterr().out
    assert "2.00" in printed and "0.50" in printed
