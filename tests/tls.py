"""nginx with a certificate made for the test, in front of an app, as
deploy/nginx/fieldapp.conf puts it in production (rendered with test paths)."""

import base64
import hashlib
import os
import shutil
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx" / "fieldapp.conf"
PROXY = ROOT / "deploy" / "nginx" / "fieldapp-proxy.conf"
HOST = "fieldapp.test"  # not localhost: only TLS makes it a secure context
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def make_certificate(folder: Path) -> tuple[Path, Path, str]:
    """A self-signed certificate for HOST: (cert, key, base64 SHA-256 of its
    public key, which Chromium is told to trust)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec",
            "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    der = subprocess.run(
        ["openssl", "x509", "-in", str(cert), "-pubkey", "-noout"],
        check=True,
        capture_output=True,
    ).stdout
    spki = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"],
        input=der,
        check=True,
        capture_output=True,
    ).stdout
    return cert, key, base64.b64encode(hashlib.sha256(spki).digest()).decode()


def render_site(folder: Path, cert, key, app_port, http_port, https_port) -> str:
    """The shipped site file with this test's certificate, ports and folders."""
    text = SITE.read_text()
    replacements = {
        "fieldapp.county.example": HOST,
        "/etc/ssl/fieldapp/fullchain.pem": str(cert),
        "/etc/ssl/fieldapp/privkey.pem": str(key),
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "root /srv/fieldapp/app;": f"root {ROOT};",
        "/etc/nginx/fieldapp-proxy.conf": str(PROXY),
        "/var/log/nginx/": f"{folder}/",
        "/var/www/letsencrypt": str(folder / "acme"),
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
    }
    for old, new in replacements.items():
        assert old in text, f"{old} is no longer in {SITE.name}"
        text = text.replace(old, new)
    return "\n".join(line for line in text.splitlines() if "listen [::]" not in line)


def main_config(folder: Path, site: Path) -> str:
    """nginx.conf around the site: foreground, files in the test's folder."""
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {name}_temp_path {folder}/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
{temp}
    include {site};
}}
"""


@contextmanager
def nginx_in_front(folder: Path, app_port: int):
    """Run nginx with the shipped site in front of the app; yields
    (https base URL, http base URL, SPKI hash of the certificate)."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key, spki = make_certificate(folder)
    http_port, https_port = free_port(), free_port()
    site = folder / "site.conf"
    site.write_text(render_site(folder, cert, key, app_port, http_port, https_port))
    conf = folder / "nginx.conf"
    conf.write_text(main_config(folder, site))
    test = subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-p", str(folder)], capture_output=True
    )
    assert test.returncode == 0, test.stderr.decode()
    process = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(https_port, process)
        yield (
            f"https://{HOST}:{https_port}",
            f"http://127.0.0.1:{http_port}",
            spki,
        )
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


def wait_for_port(port: int, process, timeout_s: float = 15) -> None:
    """Wait until something listens on the port (or the process died)."""
    import socket

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {process.stderr.read().decode()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not start")


def plain_get(url: str, host: str = HOST):
    """A GET with a Host header, redirects not followed: (status, headers)."""
    from tests.live import NoRedirect

    request = urllib.request.Request(url, headers={"Host": host})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers
