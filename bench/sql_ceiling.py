"""The SQL ceiling: the slowest query a page ran, timed through psql and by EXPLAIN ANALYZE,
so that a page's time can be read against what the database alone takes."""

import json
import os
import re
import statistics
import subprocess

from django.db import connection

PSQL_RUNS = 10


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
