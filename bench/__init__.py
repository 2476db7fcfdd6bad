"""The benchmark at company scale: `make bench` (see README, "Benchmark").

generate builds the dataset, measure times the pages in-process, load drives them through
gunicorn, compare reads two results files side by side. `python -m bench` is the entry point.
"""

# The figures of every page in results.json, in this order (compare reads them by these names).
STABLE_KEYS = ("queries", "p50_ms", "p95_ms", "rps", "load_p50_ms", "p99_ms", "errors")
