"""Fingerprints of validated payloads, for idempotent replays."""

import hashlib
import json


def payload_digest(payload: dict) -> str:
    """SHA-256 of the canonical JSON of a payload (key order does not matter)."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()
