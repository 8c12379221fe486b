"""App servers in their own processes (gunicorn, as deployed), for tests that
need more than one machine's worth of app: same database, Redis, photo store."""

import os
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def app_server(settings: dict[str, str], log: Path):
    """One gunicorn (1 process, 4 threads) with these settings in its
    environment; yields its base URL."""
    port = free_port()
    env = {**os.environ, **{k: str(v) for k, v in settings.items()}}
    with open(log, "ab") as output:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
                "--workers", "1", "--worker-class", "gthread", "--threads", "4",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def wait_until_healthy(url: str, process, log: Path, timeout_s: float = 60) -> None:
    """Poll /healthz until the server answers 200."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app server exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"app server did not become healthy:\n{log.read_text()[-3000:]}")


@contextmanager
def app_servers(count: int, settings: dict[str, str], folder: Path):
    """`count` app servers with the same settings; yields their base URLs."""
    with ExitStack() as stack:
        yield [
            stack.enter_context(app_server(settings, folder / f"server{i}.log"))
            for i in range(count)
        ]
