"""The printed table: every page's figures beside its targets, then the ceilings and jobs.

Besides the rps against the bare view's, each median is given as a multiple of the bare
view's own in-process median ("p50/ceil"): the same machine runs the same work at different
speeds from one day to the next, and that multiple is what stays comparable between runs."""

# Targets (issue «Benchmark at company scale»).
MAX_QUERIES = 20
LIST_MS = 50.0
SEARCH_MS = 100.0
# The portfolio matrix, the whitespace grid and the dashboard place every visible account.
MATRIX_MS = 150.0
LOAD_SHARE_OF_CEILING = 1 / 3


def evaluate(page, entry: dict, ceiling_rps: float | None) -> dict[str, str]:
    """PASS or MISS per target that applies to this page (none for a figure not measured)."""
    verdicts = {"queries": "PASS" if entry["queries"] <= MAX_QUERIES else "MISS"}
    if page.p50_target_ms is not None:
        verdicts["p50_ms"] = "PASS" if entry["p50_ms"] < page.p50_target_ms else "MISS"
    if entry["errors"] is not None:
        verdicts["errors"] = "PASS" if entry["errors"] == 0 else "MISS"
    if entry["rps"] is not None and ceiling_rps:
        verdicts["rps"] = "PASS" if entry["rps"] >= ceiling_rps * LOAD_SHARE_OF_CEILING else "MISS"
    return verdicts


def _cell(value, verdict: str | None = None, digits: int = 1) -> str:
    if value is None:
        text = "—"
    elif isinstance(value, float):
        text = f"{value:.{digits}f}"
    else:
        text = str(value)
    return f"{text} {verdict}" if verdict else text


def format_table(results: dict) -> str:
    ceiling = results["ceiling"]
    ceiling_rps = ceiling["bare_view"].get("rps")
    ceiling_p50 = ceiling["bare_view"].get("p50_ms")
    header = [
        "page",
        "persona",
        "queries",
        "p50_ms",
        "p50/ceil",
        "p95_ms",
        "rps",
        "load_p50",
        "p99_ms",
        "errors",
        "rps/ceil",
    ]
    rows = []
    for key, entry in results["pages"].items():
        page, persona = key.split("/")
        verdict = results["targets"].get(key, {})
        ratio = entry["rps"] / ceiling_rps if entry["rps"] is not None and ceiling_rps else None
        rows.append(
            [
                page,
                persona,
                _cell(entry["queries"], verdict.get("queries")),
                _cell(entry["p50_ms"], verdict.get("p50_ms")),
                _cell(entry["p50_ms"] / ceiling_p50 if ceiling_p50 else None),
                _cell(entry["p95_ms"]),
                _cell(entry["rps"], digits=0),
                _cell(entry["load_p50_ms"]),
                _cell(entry["p99_ms"]),
                _cell(entry["errors"], verdict.get("errors")),
                _cell(ratio, verdict.get("rps"), digits=2),
            ]
        )
    for part, label, persona in (
        ("bare_view", "ceiling: bare view", "anonymous"),
        ("logged_in_view", "ceiling: logged in, 50 rows", "kam"),
    ):
        view = ceiling.get(part) or {}
        if not view:
            continue
        rows.append(
            [
                label,
                persona,
                _cell(view.get("queries")),
                _cell(view.get("p50_ms")),
                _cell(view["p50_ms"] / ceiling_p50 if ceiling_p50 and view.get("p50_ms") else None),
                _cell(view.get("p95_ms")),
                _cell(view.get("rps"), digits=0),
                _cell(view.get("load_p50_ms")),
                _cell(view.get("p99_ms")),
                _cell(view.get("errors")),
                _cell(view["rps"] / ceiling_rps if ceiling_rps and view.get("rps") else None, digits=2),
            ]
        )
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    sql = ceiling.get("sql") or {}
    if sql:
        lines.append("")
        lines.append(
            f"ceiling: slowest SQL (from {sql['page']}) through psql: {_cell(sql.get('psql_ms'), digits=2)} ms, "
            f"EXPLAIN ANALYZE execution {_cell(sql.get('explain_ms'), digits=2)} ms"
        )
    for name, job in results["jobs"].items():
        lines.append(f"job {name}: {job}")
    lines.append("")
    lines.append(
        f"Targets: queries ≤ {MAX_QUERIES}; p50 < {LIST_MS:g} ms for lists and the dossier, < {SEARCH_MS:g} ms for "
        f"search, < {MATRIX_MS:g} ms for the portfolio matrix, the whitespace grid and the dashboard; under load "
        "0 errors and rps ≥ 1/3 of the bare view's."
    )
    misses = [
        f"{key} {metric}"
        for key, verdicts in results["targets"].items()
        for metric, v in verdicts.items()
        if v == "MISS"
    ]
    lines.append("MISS: " + ", ".join(misses) if misses else "Every target met.")
    return "\n".join(lines)
