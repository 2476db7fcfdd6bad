"""`python -m bench run | build | compare`: the benchmark's entry point (make bench calls `run`).

run      build or reuse the dataset, measure every page in-process and under load, print the
         table, write bench/results.json
build    only build or reuse the dataset
compare  print the ratios NEW/OLD of two results files
"""

import argparse
import os
import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_RESULTS = HERE / "results.json"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def dataset_options(command):
        command.add_argument("--scale", type=float, default=1.0, help="fraction of DESIGN §6 scale (default 1.0)")
        command.add_argument("--rebuild", action="store_true", help="build the dataset even if a complete one exists")

    run = commands.add_parser("run", help="build or reuse the dataset, measure, print, write results")
    dataset_options(run)
    run.add_argument("--requests", type=int, default=30, help="timed requests per page and persona (default 30)")
    run.add_argument("--warmup", type=int, default=3, help="untimed requests first (default 3)")
    run.add_argument("--load-seconds", type=float, default=20.0, help="load per page and persona (default 20)")
    run.add_argument("--connections", type=int, default=16, help="concurrent connections under load (default 16)")
    run.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    run.add_argument("--skip-load", action="store_true", help="in-process figures only, no gunicorn")
    run.add_argument("--skip-jobs", action="store_true", help="no job timings (search index rebuild …)")
    run.add_argument("--only", default="", help="comma-separated page names (or page/persona) to measure")
    run.add_argument("--output", type=Path, default=DEFAULT_RESULTS, help="results file (default bench/results.json)")

    build = commands.add_parser("build", help="only build or reuse the dataset")
    dataset_options(build)

    compare = commands.add_parser("compare", help="ratios NEW/OLD of two results files")
    compare.add_argument("old", type=Path)
    compare.add_argument("new", type=Path, nargs="?", default=DEFAULT_RESULTS)
    return parser


def ensure_database(db: dict) -> bool:
    """Create the database DATABASE_URL names if it does not exist yet (True if created)."""
    import psycopg
    from psycopg import sql

    params = {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
        print(f"Created database {db['NAME']}.")
        return True


def _setup_django() -> None:
    # Figures as production would see them: no debug pages, no per-query bookkeeping except
    # where the benchmark asks for it, no template debug information.
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kam.settings")
    # WhiteNoise looks for collected static files; the measured pages only link to them.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    if str(HERE.parent) not in sys.path:
        sys.path.insert(0, str(HERE.parent))
    from django.conf import settings

    if not settings.IS_POSTGRES:
        sys.exit(
            "The benchmark needs PostgreSQL, and DATABASE_URL points to "
            f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}. "
            "Set DATABASE_URL=postgres://postgres@127.0.0.1:5432/kam_bench (make bench does by default)."
        )
    ensure_database(settings.DATABASES["default"])
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "compare":
        from bench.compare import main as compare_main

        return compare_main(args.old, args.new)

    _setup_django()
    from django.core.management import call_command

    from bench.generate import DatasetError, ensure_dataset

    call_command("migrate", interactive=False, verbosity=0)
    try:
        report = ensure_dataset(scale=args.scale, rebuild=args.rebuild)
    except DatasetError as error:
        sys.exit(str(error))
    if args.command == "build":
        return 0

    from bench.measure import Options, run_benchmark
    from kam.core.heap import settle_heap

    options = Options(
        requests=args.requests,
        warmup=args.warmup,
        load_seconds=args.load_seconds,
        connections=args.connections,
        workers=args.workers,
        load=not args.skip_load,
        jobs=not args.skip_jobs,
        only=[item.strip() for item in args.only.split(",") if item.strip()],
    )
    # As a server process starts (kam.wsgi): what is loaded so far stays out of the
    # collector's full passes while the pages are measured.
    settle_heap()
    run_benchmark(report, options, output=args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
