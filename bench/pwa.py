"""Offline app: first-load bytes of the start and form pages, and the time to sync
200 queued records with one photo each over loopback (`python -m bench.pwa`).

The app runs under gunicorn (as `make run` does) on its own SQLite file; Debian
chromium drives the real pages and the real outbox code.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import TOWN, bench_app
from fieldapp.extensions import db
from fieldapp.models import Photo, Record
from fieldapp.services.accounts import create_user
from fieldapp.services.households import create_household
from fieldapp.services.photo_store import variant_key
from fieldapp.services.storage import photo_storage
from tests.factories import household_payload, member_payload
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "locale": "zh-CN",
    "geolocation": {"latitude": 18.7962, "longitude": 110.3905, "accuracy": 8},
    "permissions": ["geolocation", "background-sync"],
}
USER, PASSWORD = "bench-rehab", "bench-pass-1"


def seed(app, households: int) -> list[tuple[str, str]]:
    """A rehabilitation worker and households of two; returns (household, head)."""
    with app.app_context():
        user = create_user(USER, PASSWORD, "rehab_worker", [TOWN])
        pairs = []
        for i in range(households):
            head = member_payload(name=f"户主{i}")
            spouse = member_payload(
                name=f"配偶{i}", relation="spouse", disability_card=None
            )
            payload = household_payload(TOWN, members=[head, spouse])
            payload["location"] = {
                "lat": 18.70 + i * 0.003,
                "lon": 110.30 + i * 0.002,
                "accuracy_m": 8.0,
            }
            create_household(payload, user)
            pairs.append((payload["uuid"], head["uuid"]))
        db.session.remove()
        return pairs


def gunicorn(
    app,
    port: int,
    derivatives: str = "after_response",
    bundle: bool = True,
    cwd: Path = ROOT,
) -> subprocess.Popen:
    """Serve the bench database as production does (2 workers × 4 threads), with
    photo derivatives made as `derivatives` says (the PHOTO_DERIVATIVES setting)."""
    env = {
        **os.environ,
        **{k: str(app.config[k]) for k in ("SECRET_KEY", "UPLOAD_DIR")},
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "PHOTO_DERIVATIVES": derivatives,
        "ASSET_BUNDLE": "1" if bundle else "0",
    }
    return serve("wsgi:app", port, cwd=cwd, env=env)


def serve(target: str, port: int, cwd: Path = ROOT, env=None) -> subprocess.Popen:
    """gunicorn serving `target` with `make run`'s settings (2 workers × 4
    threads), once it listens: the app and its bare-Flask baseline alike."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
            target,
        ],
        cwd=cwd,
        env=env,
    )
    wait_for_port(proc, port)
    return proc


def wait_for_port(proc: subprocess.Popen, port: int) -> None:
    """Wait until the server listens (killed after 30 s); an error if it exits."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


def log_in(context, base: str) -> None:
    """Log in through the form without touching the browser's cache."""
    page = context.request.get(f"{base}/login").text()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    context.request.post(
        f"{base}/login",
        form={
            "csrf_token": token,
            "username": USER,
            "password": PASSWORD,
            "remember": "y",
        },
    )


def transfers(context) -> list[dict]:
    """Collect every finished request of the context (pages and service worker)."""
    seen = []

    def done(request):
        sizes = request.sizes()
        response = request.response()
        encoded = response.headers.get("content-encoding", "") if response else ""
        seen.append(
            {
                "url": request.url,
                "body": sizes["responseBodySize"],
                "headers": sizes["responseHeadersSize"],
                "encoding": encoded,
                "sw": request.service_worker is not None or request.frame is None,
            }
        )

    context.on("requestfinished", done)
    return seen


def first_load(browser, base: str, path: str) -> dict:
    """Bytes a phone with an empty cache receives to show one page (no worker)."""
    context = browser.new_context(service_workers="block", **PHONE)
    log_in(context, base)
    seen = transfers(context)
    page = context.new_page()
    page.goto(base + path, wait_until="networkidle")
    context.close()
    return summary(seen)


def first_visit_with_worker(browser, base: str) -> dict:
    """The first visit of the start page until the phone is ready offline: the page,
    the worker's precache of every asset and form, and the households."""
    context = browser.new_context(service_workers="allow", **PHONE)
    log_in(context, base)
    seen = transfers(context)
    page = context.new_page()
    page.goto(base + "/")
    page.wait_for_selector("#outbox-status[data-offline-ready='1']", state="attached")
    page.wait_for_load_state("networkidle")
    context.close()
    return summary(seen)


def summary(seen: list[dict]) -> dict:
    body = sum(r["body"] for r in seen)
    headers = sum(r["headers"] for r in seen)
    return {
        "requests": len(seen),
        "body": body,
        "headers": headers,
        "gzip": sum(1 for r in seen if r["encoding"] == "gzip"),
    }


# The page function, without the file's opening comment line.
QUEUE_JS = (
    (Path(__file__).parent / "pwa_queue.js")
    .read_text(encoding="utf-8")
    .split("\n", 1)[1]
)

DRAIN_JS = """async (concurrency) => {
    const outbox = await import('/static/js/outbox.js');
    const { drain, listItems } = outbox;
    // The outbox before issue 15 had no setting: it always sent one at a time.
    if (outbox.setConcurrency) outbox.setConcurrency(concurrency);
    const start = performance.now();
    await drain();
    const seconds = (performance.now() - start) / 1000;
    return { seconds, left: (await listItems()).length };
}"""


def sync_time(
    browser, base: str, pairs, count: int, shapes: int, concurrency: int = 1
) -> dict:
    """Queue `count` records with a photo each while the page cannot reach the
    server, then time one drain of the real outbox to empty."""
    context = browser.new_context(service_workers="block", **PHONE)
    log_in(context, base)
    page = context.new_page()
    page.goto(base + "/households/new")
    # Nothing is sent while queueing.
    context.route("**/api/v1/**", lambda route: route.abort())
    queue = {"household": pairs, "count": count, "shapes": shapes}
    photo_bytes = page.evaluate(QUEUE_JS, queue)
    context.unroute("**/api/v1/**")
    result = page.evaluate(DRAIN_JS, concurrency)
    context.close()
    return {**result, "photo_bytes": photo_bytes}


def print_bytes(browser, base: str, pairs, label: str) -> None:
    """First-load bytes of the start page and the survey form, and the first visit."""
    form = f"/surveys/respite_assessment/new?household={pairs[0][0]}"
    for name, path in (("start page", "/"), ("survey form", form)):
        r = first_load(browser, base, path)
        print(
            f"{label}: first load, {name}: {r['requests']} requests, body "
            f"{r['body'] / 1024:.1f} KiB + headers "
            f"{r['headers'] / 1024:.1f} KiB = "
            f"{(r['body'] + r['headers']) / 1000:.1f} kB ({r['gzip']} gzipped)"
        )
    r = first_visit_with_worker(browser, base)
    print(
        f"{label}: first visit until ready offline: {r['requests']} requests, "
        f"body {r['body'] / 1024:.1f} KiB"
        f" + headers {r['headers'] / 1024:.1f} KiB"
    )


def missing_copies(app) -> int:
    """Photos whose display copy or thumbnail is not in the photo store."""
    store = photo_storage(app)
    with app.app_context():
        return sum(
            not store.exists(variant_key(sha, variant))
            for (sha,) in db.session.query(Photo.sha256)
            for variant in ("display", "thumb")
        )


def main(argv=None) -> None:
    """Measure and print the figures for docs/benchmarks.md: the sync before issue 15
    (one request at a time, copies made in the upload) and after it, in one run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--households", type=int, default=50)
    parser.add_argument(
        "--shapes", type=int, default=400, help="detail per photo (bigger JPEGs)"
    )
    parser.add_argument("--concurrency", type=int, default=3)
    parser.add_argument("--skip-bytes", action="store_true")
    parser.add_argument("--skip-sync", action="store_true")
    parser.add_argument(
        "--with-lazy", action="store_true", help="also time copies made on first view"
    )
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    runs = [
        ("baseline: one at a time, copies in the upload; plain modules", "eager", 1),
        (
            f"candidate: {args.concurrency} in flight, copies after answering; "
            "bundled modules",
            "after_response",
            args.concurrency,
        ),
    ]
    if args.with_lazy:
        runs.append(
            (
                f"candidate: {args.concurrency} in flight, copies on first view; "
                "bundled modules",
                "lazy",
                args.concurrency,
            )
        )
    with tempfile.TemporaryDirectory() as workdir:
        app = bench_app(Path(workdir))
        pairs = seed(app, args.households)
        print(f"load average before: {os.getloadavg()}")
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for label, derivatives, concurrency in runs:
                port = free_port()
                baseline = derivatives == "eager"
                server = gunicorn(app, port, derivatives, bundle=not baseline)
                base = f"http://127.0.0.1:{port}"
                try:
                    if not args.skip_bytes and derivatives != "lazy":
                        print_bytes(browser, base, pairs, label.split(":")[0])
                    if not args.skip_sync:
                        r = sync_time(
                            browser, base, pairs, args.records, args.shapes, concurrency
                        )
                        print(
                            f"{label}: sync {args.records} records + {args.records} "
                            f"photos ({r['photo_bytes'] / args.records / 1024:.0f} "
                            f"KiB per photo): {r['seconds']:.1f} s, "
                            f"{r['left']} left in the outbox"
                        )
                finally:
                    server.terminate()
                    server.wait(timeout=60)
            browser.close()
        with app.app_context():
            print(
                f"server: {db.session.query(Record).count()} records, "
                f"{db.session.query(Photo).count()} photos, "
                f"{missing_copies(app)} copies missing"
            )
        print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
