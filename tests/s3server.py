"""A local S3-compatible server for the photo-store tests: moto in server mode,
in its own process on a free port (no network, no cloud account)."""

import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager

from tests.ports import free_port

BUCKET = "fieldapp-test"
CREDENTIALS = {
    "S3_ACCESS_KEY_ID": "testing",
    "S3_SECRET_ACCESS_KEY": "testing",
    "S3_REGION": "us-east-1",
}


@contextmanager
def moto_server():
    """Start `moto.server`, create the test bucket; yield its endpoint URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(endpoint, process)
        client(endpoint).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_until_up(endpoint: str, process, timeout_s: float = 30) -> None:
    """Poll the server until it answers (or its process dies)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("moto server exited")
        try:
            with urllib.request.urlopen(endpoint + "/moto-api/", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("moto server did not start")


def client(endpoint: str):
    """A boto3 S3 client for the local server."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )


def s3_settings(endpoint: str) -> dict:
    """App settings for a fresh prefix of the test bucket (one per test)."""
    return {
        "PHOTO_STORE": f"s3://{BUCKET}/{uuid.uuid4().hex}",
        "S3_ENDPOINT_URL": endpoint,
        **CREDENTIALS,
    }
