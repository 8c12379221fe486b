"""Structured access logs: one JSON line per request, without personal data.

A line names the route's pattern (`/api/v1/records/<uuid>/photos`), never the
path's values nor its query string (a search for a name is personal data), and
no address, user or header: method, route, status, bytes and milliseconds. Off
by default; ACCESS_LOG=1 writes to stderr, which systemd hands to the journal.
"""

import json
import logging
import sys
import time

from flask import Flask, g, request

LOGGER = "fieldapp.access"


def access_line(response, started: float | None) -> dict:
    """What is logged about one answered request."""
    rule = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
    return {
        "ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "method": request.method,
        "route": rule,
        "status": response.status_code,
        "bytes": response.calculate_content_length(),
        "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
    }


def init_access_log(app: Flask) -> None:
    """Time each request and log its line when ACCESS_LOG is on."""
    if not app.config.get("ACCESS_LOG"):
        return
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.INFO)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False

    @app.before_request
    def start_timer():
        g.access_started = time.perf_counter()

    @app.after_request
    def log_access(response):
        started = g.get("access_started")
        logger.info(json.dumps(access_line(response, started)))
        return response
