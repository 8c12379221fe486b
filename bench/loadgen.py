"""A small closed-loop HTTP load generator (no wrk on this machine).

Each client process keeps one HTTP/1.1 connection open and sends requests
back to back for the given time; the request bodies come from a function so
that every POST can carry a fresh uuid. Latencies are collected per request.
"""

import http.client
import multiprocessing
import statistics
import time
from collections.abc import Callable


def _client(args) -> tuple[int, int, list[float]]:
    """One connection: (answers, errors, latencies in seconds)."""
    port, make_request, seconds, seed = args
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    done = errors = 0
    latencies = []
    n = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        method, path, body, headers = make_request(seed, n)
        n += 1
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status >= 400:
                errors += 1
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
        latencies.append(time.perf_counter() - started)
        done += 1
    conn.close()
    return done, errors, latencies


def run(
    port: int,
    make_request: Callable[[int, int], tuple],
    seconds: float = 5.0,
    clients: int = 4,
) -> dict:
    """Requests per second, errors and p50/p95 latency over `clients` connections.

    `make_request(client, n)` returns (method, path, body, headers); it must be a
    module-level function (it is sent to the client processes).
    """
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        started = time.perf_counter()
        parts = pool.map(
            _client, [(port, make_request, seconds, i) for i in range(clients)]
        )
        elapsed = time.perf_counter() - started
    done = sum(p[0] for p in parts)
    latencies = sorted(x for p in parts for x in p[2])
    return {
        "requests": done,
        "errors": sum(p[1] for p in parts),
        "rps": done / seconds if elapsed else 0.0,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000 if latencies else 0.0,
    }
