"""`make bench-compare OLD=… NEW=…`: the ratio NEW/OLD of every figure two results files share.

Pages and the two view ceilings by metric, the SQL ceiling, and every numeric figure of the
jobs. For times, queries and errors a ratio above 1 is worse; for requests per second, better.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from bench import STABLE_KEYS

HIGHER_IS_BETTER = {"rps"}
# A change smaller than this is noise on a shared 2-core machine.
NOISE = 0.10


@dataclass(frozen=True)
class Row:
    name: str
    metric: str
    old: float | None
    new: float | None

    @property
    def ratio(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        if self.old == 0:
            return 1.0 if self.new == 0 else None
        return self.new / self.old

    @property
    def verdict(self) -> str:
        ratio = self.ratio
        if ratio is None or abs(ratio - 1) <= NOISE:
            return ""
        better = ratio > 1 if self.metric in HIGHER_IS_BETTER else ratio < 1
        return "better" if better else "worse"


def _numbers(section: dict | None, keys=None) -> dict[str, float]:
    section = section or {}
    return {
        key: value
        for key, value in section.items()
        if (keys is None or key in keys) and isinstance(value, int | float) and not isinstance(value, bool)
    }


def compare(old: dict, new: dict) -> list[Row]:
    rows: list[Row] = []
    names = list(old.get("pages", {})) + [n for n in new.get("pages", {}) if n not in old.get("pages", {})]
    for name in names:
        before, after = old.get("pages", {}).get(name, {}), new.get("pages", {}).get(name, {})
        rows += [Row(name, metric, before.get(metric), after.get(metric)) for metric in STABLE_KEYS]
    for part in ("bare_view", "logged_in_view", "sql"):
        before = _numbers(old.get("ceiling", {}).get(part))
        after = _numbers(new.get("ceiling", {}).get(part))
        rows += [
            Row(f"ceiling:{part}", m, before.get(m), after.get(m))
            for m in [*before, *(m for m in after if m not in before)]
        ]
    jobs = list(old.get("jobs", {})) + [n for n in new.get("jobs", {}) if n not in old.get("jobs", {})]
    for name in jobs:
        before, after = _numbers(old.get("jobs", {}).get(name)), _numbers(new.get("jobs", {}).get(name))
        rows += [
            Row(f"job:{name}", m, before.get(m), after.get(m))
            for m in [*before, *(m for m in after if m not in before)]
        ]
    return rows


def _figure(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if isinstance(value, int) else f"{value:.2f}"


def format_rows(rows: list[Row]) -> str:
    header = ["page", "metric", "old", "new", "new/old", ""]
    table = [header] + [
        [row.name, row.metric, _figure(row.old), _figure(row.new), _figure(row.ratio), row.verdict] for row in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in table
    )


def main(old_path: Path, new_path: Path) -> int:
    old = json.loads(old_path.read_text())
    new = json.loads(new_path.read_text())
    print(f"old: {old_path} ({old.get('meta', {}).get('date', '?')})")
    print(f"new: {new_path} ({new.get('meta', {}).get('date', '?')})")
    print(format_rows(compare(old, new)))
    return 0
