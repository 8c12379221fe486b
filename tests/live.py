"""A live HTTP server for tests that need real concurrency, and a tiny client.

The app is served by werkzeug's threaded server, so every request runs in its own
thread with its own app context and database session, as under gunicorn threads.
"""

import json
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass

from werkzeug.serving import make_server


@contextmanager
def serving(app):
    """Serve `app` on a free port in a background thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Answer:
    """What came back: the status and the body, parsed when it is JSON."""

    status: int
    body: object
    headers: dict | None = None


def call(url: str, method: str = "GET", *, json_body=None, data=None, headers=None):
    """One request; HTTP errors are answers too, never exceptions."""
    headers = dict(headers or {})
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers.setdefault("Content-Type", "application/json")
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return Answer(response.status, parse(response), dict(response.headers))
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, parse(error), dict(error.headers))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to look at, not to follow."""

    def redirect_request(self, *args, **kwargs):
        """Never follow."""
        return None


def parse(response):
    """The body as JSON when it says so, else as text."""
    raw = response.read()
    if "json" in (response.headers.get("Content-Type") or ""):
        return json.loads(raw)
    return raw.decode(errors="replace")


def at_once(count: int, send) -> list[Answer]:
    """Run `send(i)` in `count` threads released together; their answers in order."""
    barrier = threading.Barrier(count)
    answers: list[Answer | None] = [None] * count
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            answers[index] = send(index)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return answers


def multipart(fields: dict[str, str], file_field: str, filename: str, blob: bytes):
    """A multipart/form-data body and its content type."""
    boundary = "----fieldapp-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
    )
    parts.append(head.encode() + blob + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
