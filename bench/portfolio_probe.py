"""How long the portfolio matrix takes with many assessed accounts: a measurement, not a test.

    DATABASE_URL=postgres://… .venv/bin/python -m bench.portfolio_probe [--accounts 2000]

Makes (once, and keeps) `--accounts` accounts owned by one manager across five regions, each
with two assessments, so every point has an arrow; then asks for /analysis/portfolio/ through
Django's test client as a director of every region: a few untimed requests, then `--requests`
timed ones. Prints the median and 95th percentile of the server time, the median CPU time
of the Python process, the query count, the size of the page and the time the database took.
"""

import argparse
import datetime
import os
import random
import statistics
import time
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kam.settings")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Account  # noqa: E402
from accounts.tests.factories import AccountFactory, IndustryFactory  # noqa: E402
from analysis.models import Assessment  # noqa: E402
from kam.users.models import Role  # noqa: E402
from kam.users.tests.factories import RegionFactory, UserFactory  # noqa: E402

OWNER = "portfolio-measure-kam"
DIRECTOR = "portfolio-measure-director"


@transaction.atomic
def ensure_accounts(count: int) -> None:
    owner = UserFactory(username=OWNER, role=Role.KAM)
    have = Account.objects.filter(owner=owner).count()
    if have >= count:
        return
    regions = [RegionFactory(code=f"pm{i}", name=f"Measure region {i}") for i in range(5)]
    industries = [IndustryFactory() for _ in range(5)]
    rng = random.Random(count)
    today = timezone.localdate()
    for index in range(have, count):
        account = AccountFactory(
            name=f"Measured client {index:05d}",
            owner=owner,
            region=regions[index % 5],
            industry=industries[index % 5],
            tier=rng.choice(Account.Tier.values),
        )
        Assessment.objects.bulk_create(
            Assessment(
                account=account,
                by=owner,
                assessed_on=today - datetime.timedelta(days=days),
                competitiveness=Decimal(rng.randint(10, 100)) / 10,
                sales_interest=Decimal(rng.randint(10, 100)) / 10,
            )
            for days in (200, 20)
        )


def measure(*, requests: int, warmup: int, query: dict) -> dict:
    director = UserFactory(username=DIRECTOR, role=Role.DIRECTOR)
    client = Client()
    client.force_login(director)
    url = reverse("analysis:portfolio")
    for _ in range(warmup):
        assert client.get(url, query).status_code == 200
    database = []

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            database.append(time.perf_counter() - start)

    with connection.execute_wrapper(timed):
        response = client.get(url, query)
    assert response.status_code == 200
    times, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url, query)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        # This process's CPU only (the database runs apart): steadier than the wall clock on a busy machine.
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "queries": len(database),
        "database_ms": round(sum(database) * 1000, 1),
        "html_kb": round(len(response.content) / 1024, 1),
        "points": response.content.count(b"<circle"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    ensure_accounts(args.accounts)
    region = Account.objects.filter(owner__username=OWNER).values_list("region", flat=True).first()
    for debug in (False, True):
        with override_settings(DEBUG=debug, ALLOWED_HOSTS=["testserver"]):
            for label, query in (("every account", {}), ("one region", {"region": region})):
                result = measure(requests=args.requests, warmup=args.warmup, query=query)
                numbers = ", ".join(f"{k} {v}" for k, v in result.items())
                print(f"{connection.vendor}, DEBUG={debug}, {label}: {numbers}")


if __name__ == "__main__":
    main()
