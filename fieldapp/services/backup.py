"""Backups the database and the photos agree on, and the restore drill.

    DIR/manifest.json          format, revision, row counts, every file's SHA-256
    DIR/tables/<table>.jsonl   one JSON object per row, in the ORM's column types
    DIR/photos/<key>           every photo file, by its store key

The tables are read in one read-only transaction (PostgreSQL: REPEATABLE READ;
SQLite in WAL mode: one read snapshot), then the photos are copied. A photo's
files are written before its row is committed and are never changed (they are
named by content), so every photo row in the snapshot finds its files. Rows go
through SQLAlchemy, not pg_dump, so the same backup restores into SQLite or
PostgreSQL at the same migration.
"""

import base64
import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, text

from fieldapp.extensions import db
from fieldapp.models import Base, Photo, utcnow
from fieldapp.services import health
from fieldapp.services.photo_store import photo_key

FORMAT = 1
BATCH = 500
# Reference data a fresh database already holds (sync_towns): replaced, never
# a reason to call the target "not empty".
REFERENCE_TABLES = ("town",)


class BackupError(RuntimeError):
    """The backup cannot be made or restored; the message says why."""


def sha256(data: bytes) -> str:
    """The hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def to_json(value):
    """A column value as JSON (times ISO 8601, decimals as text, bytes base64)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def python_type(column):
    """The Python type a column holds, or None when SQLAlchemy cannot tell."""
    kind = getattr(column.type, "impl", column.type)  # a TypeDecorator's own type
    try:
        return kind.python_type
    except NotImplementedError:
        return None


def from_json(column, value):
    """A JSON value back into the column's Python type."""
    if value is None:
        return None
    kind = python_type(column)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    if kind is bytes:
        return base64.b64decode(value)
    return value


def snapshot(conn) -> None:
    """Make the connection's reads one consistent, read-only snapshot."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))


def dump_tables(conn, folder: Path) -> dict[str, int]:
    """Write every table's rows as JSON lines; the row count of each."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in Base.metadata.sorted_tables:
        count = 0
        order = list(table.primary_key.columns)
        rows = conn.execute(select(table).order_by(*order)).mappings()
        with open(folder / f"{table.name}.jsonl", "w", encoding="utf-8") as out:
            for row in rows:
                line = {key: to_json(value) for key, value in row.items()}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                count += 1
        counts[table.name] = count
    return counts


def photo_keys_of(conn) -> list[str]:
    """The store keys every photo row of the snapshot needs: its original (the
    display copy and thumbnail are copied when made, and made again from the
    original on first view when not)."""
    return [
        photo_key(photo, "original")
        for photo in conn.execute(select(Photo.sha256, Photo.content_type))
    ]


def copy_photos(storage, needed: list[str], folder: Path) -> dict[str, str]:
    """Copy every stored photo file into the folder; {key: SHA-256}. A file a
    photo row needs but the store lacks fails the backup."""
    missing = [key for key in needed if not storage.exists(key)]
    if missing:
        raise BackupError(f"{len(missing)} photo files are missing, e.g. {missing[0]}")
    checksums = {}
    for key in storage.list_keys():
        data = storage.read(key)
        target = folder / key
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        checksums[key] = sha256(data)
    return checksums


def backup(target: Path, storage) -> dict:
    """Write a consistent backup into an empty or new folder; its manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True)
    current, _latest = health.migration_heads()
    with db.engine.connect() as conn, conn.begin():
        snapshot(conn)
        counts = dump_tables(conn, target / "tables")
        needed = photo_keys_of(conn)
    photos = copy_photos(storage, needed, target / "photos")
    manifest = {
        "format": FORMAT,
        "created_at": utcnow().isoformat(),
        "dialect": db.engine.dialect.name,
        "revision": sorted(current),
        "tables": counts,
        "photos": photos,
    }
    (target / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8"
    )
    return manifest
