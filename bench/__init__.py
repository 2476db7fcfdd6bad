"""The benchmark at company scale: `make bench` (see README, "Benchmark").

generate builds the dataset; pages and jobs say what is measured and subjects who asks; measure
times the pages in-process, load drives them through gunicorn, sql_ceiling times the slowest
query alone, and measure runs the jobs; report prints the table, compare reads two results
files side by side. `python -m bench` is the entry point.
"""

# The figures of every page in results.json, in this order (compare reads them by these names).
STABLE_KEYS = ("queries", "p50_ms", "p95_ms", "rps", "load_p50_ms", "p99_ms", "errors")
