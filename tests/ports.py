"""Ports for the servers a test or a benchmark starts in another process
(moto, nginx, gunicorn): the one place that picks them."""

import random
import socket
from pathlib import Path

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
LOWEST = 10_000


def ephemeral_range() -> tuple[int, int]:
    """The ports the kernel gives to outgoing connections (Linux's default if
    it does not say)."""
    try:
        low, high = (int(part) for part in EPHEMERAL_RANGE.read_text().split())
    except (OSError, ValueError):
        return 32768, 60999
    return low, high


def free_port() -> int:
    """A TCP port nothing listens on, below the kernel's ephemeral range.

    Not `bind(0)`: that port comes from the ephemeral range, so between this
    check and the server's own bind the kernel may hand it to an outgoing
    connection (a database client, a load generator), and a client waiting for
    the server to listen may even connect to itself on it. The server then fails
    with "address in use" while the wait sees a listener (bench.api once served
    every request of a run as an error that way)."""
    low, _high = ephemeral_range()
    if low <= LOWEST + 1000:
        raise RuntimeError(f"the ephemeral range starts at {low}: no room below it")
    for _attempt in range(200):
        port = random.randrange(LOWEST, low)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port below the ephemeral range")
