"""The WSGI entry point leaves what start-up loaded out of the collector's full passes."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import gc
import sys
import kam.wsgi
print(gc.get_freeze_count(), len(gc.get_objects()), "accounts.views" in sys.modules)
"""


def test_wsgi_start_freezes_what_it_loaded_and_imports_the_views():
    # In a process of its own: freezing the test process would keep its garbage for good.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kam.settings", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, env=env, check=True, timeout=120
    )
    frozen, tracked, views_loaded = result.stdout.split()[-3:]
    assert int(frozen) > 50_000  # Django and the project
    assert int(tracked) < int(frozen) // 10  # what the collector still walks
    assert views_loaded == "True"  # imported at start, not on the first request
