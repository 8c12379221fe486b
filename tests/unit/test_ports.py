"""The ports the suite and the benchmarks start servers on."""

import socket

from tests.ports import ephemeral_range, free_port


def test_free_ports_are_below_the_ephemeral_range_and_bindable():
    low, high = ephemeral_range()
    assert 1024 < low < high
    for _ in range(20):
        port = free_port()
        assert port < low  # never one an outgoing connection may be given
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))
