"""A TCP relay between the browser and the app that can lose signal.

Playwright's offline emulation reaches a service worker only once Playwright has
attached to it; a worker started by a relaunched browser can slip out for a moment
and reach the server. Cutting the relay makes "no signal" true for everything.
"""

import contextlib
import socket
import threading

CHUNK = 65536


class Signal:
    """Relay 127.0.0.1:<port> to the app; `cut()` refuses and drops connections."""

    def __init__(self, target_port: int):
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.up = True
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _addr = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open.update((client, upstream))
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pump, args=(src, dst), daemon=True
                ).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(CHUNK):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        with self.lock:
            self.open.discard(sock)
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def cut(self) -> None:
        """No signal: new connections are refused, open ones dropped."""
        self.up = False
        with self.lock:
            dropped = list(self.open)
        for sock in dropped:
            self._close(sock)

    def restore(self) -> None:
        """Signal is back."""
        self.up = True

    def close(self) -> None:
        """Stop relaying."""
        self.cut()
        self.listener.close()
