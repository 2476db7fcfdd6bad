"""The embedded default of `make demo`: a real worker consuming a file-system queue, no broker."""

import os
import subprocess
import sys
import time

from django.conf import settings


def test_worker_consumes_the_file_system_queue(tmp_path):
    queue = tmp_path / "tasks"
    (queue / "processed").mkdir(parents=True)
    (queue / "control").mkdir()
    env = {**os.environ, "TASK_QUEUE_DIR": str(queue), "PYTHONUNBUFFERED": "1"}
    env.pop("REDIS_URL", None)
    log_path = tmp_path / "worker.log"
    worker_command = [sys.executable, "-m", "celery", "-A", "kam", "worker", "--pool=solo", "--loglevel=INFO"]
    with log_path.open("w") as log:
        worker = subprocess.Popen(worker_command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        send = "from kam.celery import ping; print(ping.delay().id)"
        task_id = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {send}"],
            cwd=settings.BASE_DIR,
            env={**env, "DJANGO_SETTINGS_MODULE": "kam.settings"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        deadline = time.monotonic() + 60
        while f"kam.ping[{task_id}] succeeded" not in log_path.read_text():
            assert worker.poll() is None, f"the worker stopped:\n{log_path.read_text()}"
            assert time.monotonic() < deadline, f"the worker never ran the task:\n{log_path.read_text()}"
            time.sleep(0.5)
        assert "'pong'" in log_path.read_text()
    finally:
        worker.terminate()
        worker.wait(timeout=20)
