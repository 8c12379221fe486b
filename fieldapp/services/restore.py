"""Restore a backup (`services/backup.py`) into an empty database and photo store.

The backup is checked whole first (manifest, migration, every file's SHA-256),
so a broken backup changes nothing. The database must be at the backup's
migration (run `flask db upgrade` with the same release first).
"""

import json
from pathlib import Path

from sqlalchemy import func, insert, select, text

from fieldapp.extensions import db
from fieldapp.models import Base
from fieldapp.services import health
from fieldapp.services.backup import (
    BATCH,
    FORMAT,
    REFERENCE_TABLES,
    BackupError,
    from_json,
    sha256,
)


def read_manifest(source: Path) -> dict:
    """The backup's manifest, checked against this code and its files."""
    path = source / "manifest.json"
    if not path.is_file():
        raise BackupError(f"{source} holds no manifest.json: not a backup")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for key, checksum in manifest["photos"].items():
        file = source / "photos" / key
        if not file.is_file() or sha256(file.read_bytes()) != checksum:
            raise BackupError(f"photo file damaged or missing in the backup: {key}")
    for name in manifest["tables"]:
        if not (source / "tables" / f"{name}.jsonl").is_file():
            raise BackupError(f"table file missing in the backup: {name}")
    return manifest


def occupied(storage) -> list[str]:
    """What the target already holds: tables with rows, and photos."""
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name in REFERENCE_TABLES:
            continue
        if db.session.scalar(select(func.count()).select_from(table)):
            found.append(f"table {table.name}")
    if next(iter(storage.list_keys()), None) is not None:
        found.append("photos")
    return found


def load_table(conn, table, file: Path) -> int:
    """Insert a table's rows from its JSON lines; how many."""
    columns = {column.name: column for column in table.columns}
    batch, count = [], 0
    with open(file, encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            batch.append({k: from_json(columns[k], v) for k, v in row.items()})
            if len(batch) >= BATCH:
                conn.execute(insert(table), batch)
                count, batch = count + len(batch), []
    if batch:
        conn.execute(insert(table), batch)
        count += len(batch)
    return count


def reset_sequences(conn) -> None:
    """PostgreSQL: let each id sequence continue after the restored rows."""
    if conn.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" not in table.columns:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 1), '
                f'(SELECT MAX(id) FROM "{table.name}") IS NOT NULL) '
                f"WHERE pg_get_serial_sequence('{table.name}', 'id') IS NOT NULL"
            )
        )


def restore(source: Path, storage, force: bool = False) -> dict:
    """Put the backup's rows and photos back; the manifest. Refuses a target
    that holds anything unless `force`, which empties it first."""
    source = Path(source)
    manifest = read_manifest(source)
    current, _latest = health.migration_heads()
    if sorted(current) != manifest["revision"]:
        raise BackupError(
            f"the backup is at migration {manifest['revision']}, the database at "
            f"{sorted(current)}: restore with the release that made the backup"
        )
    found = occupied(storage)
    db.session.rollback()
    if found and not force:
        raise BackupError("the target is not empty: " + ", ".join(found))
    if force:
        storage.clear()
    # Photos first: a row restored never waits for its files.
    for key in manifest["photos"]:
        storage.write(key, (source / "photos" / key).read_bytes())
    with db.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        for table in Base.metadata.sorted_tables:
            file = source / "tables" / f"{table.name}.jsonl"
            if table.name in manifest["tables"]:
                load_table(conn, table, file)
        reset_sequences(conn)
    return manifest
