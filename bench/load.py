"""Pages under concurrent load: gunicorn on 127.0.0.1, and a small HTTP/1.1 client.

`Gunicorn` starts `gunicorn <app> -w N -b 127.0.0.1:<free port>` as its own process group
and always stops it on leaving the `with` block, error or not. `run_load` opens a fixed number
of connections to it and sends GET requests on each until the time is up (keep-alive when the
server allows it; gunicorn's sync workers close after every response, so the client reconnects,
and that connect is part of the latency, as it is for a browser). Only loopback addresses are
ever targeted, and every loop is bounded in time and in count.
"""

import asyncio
import ipaddress
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT = 30.0
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
# A bound on the requests of one run, whatever the duration asked.
MAX_REQUESTS = 2_000_000


class LoadError(Exception):
    """The server did not start, or the target is not on this machine."""


def _require_loopback(host: str) -> None:
    if not ipaddress.ip_address(host).is_loopback:
        raise LoadError(f"load goes to loopback addresses only, not {host}")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database Django is connected to (the test database in tests)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


class Gunicorn:
    """gunicorn serving `app` (a WSGI module path) on 127.0.0.1 with production-like settings:
    DEBUG off, DJANGO_ENV unset (so plain static storage: the measured pages need no
    collectstatic), the same secret key as this process (sessions it made stay valid)."""

    def __init__(
        self,
        app: str,
        *,
        database_url: str,
        secret_key: str,
        workers: int = 2,
        host: str = "127.0.0.1",
        ready_path: str = "/healthz",
    ):
        _require_loopback(host)
        self.app = app
        self.ready_path = ready_path
        self.host = host
        self.port = free_port(host)
        self.workers = workers
        self.env = {
            key: value for key, value in os.environ.items() if key not in {"DJANGO_ENV", "DJANGO_SETTINGS_MODULE"}
        }
        self.env.update(
            DATABASE_URL=database_url,
            SECRET_KEY=secret_key,
            DEBUG="0",
            ALLOWED_HOSTS=host,
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(PROJECT_ROOT),
        )
        self.process: subprocess.Popen | None = None
        self._log = None

    def __enter__(self) -> "Gunicorn":
        self._log = tempfile.TemporaryFile(mode="w+")
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            self.app,
            "-w",
            str(self.workers),
            "-b",
            f"{self.host}:{self.port}",
            "--timeout",
            "60",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _wait_ready(self) -> None:
        """Ready when `ready_path` answers 200 (every worker imports the app before serving)."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LoadError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                status = asyncio.run(_get_status(self.host, self.port, self.ready_path))
            except OSError:
                status = None
            if status == 200:
                return
            time.sleep(0.2)
        raise LoadError(f"gunicorn did not answer within {START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM to the master (it stops its workers), SIGKILL to the group if it lingers."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)

    def log_tail(self, lines: int = 30) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return "\n".join(self._log.read().splitlines()[-lines:])


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float | None:
        return percentile(self.latencies_ms, fraction)

    def as_dict(self) -> dict:
        return {
            "rps": round(self.rps, 1),
            "load_p50_ms": _round(self.percentile(0.50)),
            "p99_ms": _round(self.percentile(0.99)),
            "errors": self.errors,
        }


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (p50 of 30 values is the 15th smallest)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = math.ceil(len(ordered) * fraction - 1e-9)
    return ordered[min(len(ordered), max(1, rank)) - 1]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _request(host: str, port: int, path: str, cookie: str | None) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Accept: text/html", "Connection: keep-alive"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response; return its status and whether the server keeps the connection."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    else:
        await reader.read()  # until the server closes
        return status, False
    keep = headers.get("connection", "").lower() != "close"
    return status, keep


async def _get_status(host: str, port: int, path: str) -> int:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 2)
    try:
        writer.write(_request(host, port, path, None))
        await writer.drain()
        status, _keep = await asyncio.wait_for(_read_response(reader), 5)
        return status
    finally:
        writer.close()


async def _load(host, port, path, cookie, connections, seconds, warmup) -> LoadResult:
    result = LoadResult()
    request = _request(host, port, path, cookie)

    async def one(connection: list) -> tuple[int, bool]:
        if connection[0] is None:
            connection[0], connection[1] = await asyncio.open_connection(host, port)
        reader, writer = connection
        writer.write(request)
        await writer.drain()
        return await _read_response(reader)

    def drop(connection: list) -> None:
        if connection[1] is not None:
            connection[1].close()
        connection[0] = connection[1] = None

    # Warm-up: each worker imports templates and opens its database connection.
    warm = [None, None]
    for _ in range(warmup):
        try:
            _status, keep = await asyncio.wait_for(one(warm), REQUEST_TIMEOUT)
            if not keep:
                drop(warm)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError):
            drop(warm)
    drop(warm)

    started = time.perf_counter()
    deadline = started + seconds

    async def worker() -> None:
        connection = [None, None]
        try:
            while time.perf_counter() < deadline and result.requests + result.errors < MAX_REQUESTS:
                sent = time.perf_counter()
                try:
                    status, keep = await asyncio.wait_for(one(connection), REQUEST_TIMEOUT)
                except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError) as e:
                    drop(connection)
                    result.errors += 1
                    if len(result.error_samples) < 5:
                        result.error_samples.append(f"{type(e).__name__}: {e}"[:200])
                    await asyncio.sleep(0.01)
                    continue
                if status == 200:
                    result.requests += 1
                    result.latencies_ms.append((time.perf_counter() - sent) * 1000)
                else:
                    result.errors += 1
                    if len(result.error_samples) < 5:
                        result.error_samples.append(f"HTTP {status}")
                if not keep:
                    drop(connection)
        finally:
            drop(connection)

    await asyncio.gather(*(worker() for _ in range(connections)))
    result.seconds = time.perf_counter() - started
    return result


def run_load(
    host: str,
    port: int,
    path: str,
    *,
    cookie: str | None = None,
    connections: int = 16,
    seconds: float = 20.0,
    warmup: int = 8,
) -> LoadResult:
    """GET `path` on as many connections at once for `seconds`: requests answered 200 per
    second, their latency, and everything else counted as an error."""
    _require_loopback(host)
    return asyncio.run(_load(host, port, path, cookie, connections, seconds, warmup))
