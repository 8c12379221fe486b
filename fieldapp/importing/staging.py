"""Parsed rows parked in a temporary SQLite file, so memory does not grow with
the sheet: rows of one 户编号 may lie anywhere in it, and the same person may
appear twice far apart, yet each household is then checked on its own."""

import itertools
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from flask import current_app

from fieldapp.importing.cells import Row, parse_row
from fieldapp.importing.columns import EXAMPLE, KEYS
from fieldapp.importing.existing import town_choices
from fieldapp.importing.workbook import read_rows
from fieldapp.services import persons

INSERT_BATCH = 1000


class Staging:
    """A throw-away table of rows with their household key and ID number."""

    def __init__(self, path: Path):
        path.unlink(missing_ok=True)
        self.path = path
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("PRAGMA synchronous = OFF")
        self.conn.execute(
            "CREATE TABLE row (number INTEGER PRIMARY KEY, key TEXT NOT NULL,"
            " id_number TEXT NOT NULL, body TEXT NOT NULL)"
        )
        self.pending: list[tuple] = []
        self.count = 0

    def add(self, row: Row) -> None:
        """Park one parsed row."""
        body = json.dumps([row.values, row.shown, row.errors], ensure_ascii=False)
        key, number = row.values["register_no"], row.values["id_number"]
        if persons.moved_out(row.values):
            number = ""  # a moved-out row claims no number: not "twice in the file"
        self.pending.append((row.number, key, number, body))
        self.count += 1
        if len(self.pending) >= INSERT_BATCH:
            self._flush()

    def _flush(self) -> None:
        self.conn.executemany("INSERT INTO row VALUES (?, ?, ?, ?)", self.pending)
        self.pending.clear()

    def close_loading(self) -> None:
        """Write what is pending and index the keys and ID numbers."""
        self._flush()
        self.conn.execute("CREATE INDEX row_key ON row (key, number)")
        self.conn.execute("CREATE INDEX row_id ON row (id_number, number)")
        self.conn.commit()

    def households(self) -> Iterator[tuple[str, list[tuple[Row, int | None]]]]:
        """(户编号, [(row, first row with the same ID number)]) in key order;
        each row without a key comes alone, under the key ""."""
        cursor = self.conn.execute(
            "SELECT number, key, body, (SELECT MIN(d.number) FROM row d"
            " WHERE d.id_number = r.id_number AND r.id_number != '')"
            " FROM row r ORDER BY key, number"
        )
        rows = (
            (key, (_row(number, body), first)) for number, key, body, first in cursor
        )
        for key, group in itertools.groupby(rows, key=lambda item: item[0]):
            members = [item for _key, item in group]
            if key:
                yield key, members
            else:
                yield from (("", [member]) for member in members)

    def reset_claims(self) -> None:
        """Forget which stored households the file's keys took (a new pass)."""
        self.conn.execute("DROP TABLE IF EXISTS claim")
        self.conn.execute(
            "CREATE TABLE claim (household_id INTEGER PRIMARY KEY, key TEXT NOT NULL)"
        )

    def claim(self, household_id: int, key: str) -> str | None:
        """Take a stored household for a key; the other key if one took it first."""
        found = self.conn.execute(
            "SELECT key FROM claim WHERE household_id = ?", (household_id,)
        ).fetchone()
        if found is not None and found[0] != key:
            return found[0]
        self.conn.execute(
            "INSERT OR IGNORE INTO claim VALUES (?, ?)", (household_id, key)
        )
        return None

    def close(self) -> None:
        """Drop the file."""
        self.conn.close()
        self.path.unlink(missing_ok=True)


def _row(number: int, body: str) -> Row:
    values, shown, errors = json.loads(body)
    return Row(number, values, [tuple(e) for e in errors], shown)


def stage(path: Path, folder: Path, hooks) -> Staging:
    """Stream the sheet into a staging file, cells parsed, the example row skipped."""
    config = current_app.config
    towns, _choices = town_choices()
    staging = Staging(folder / "staging.sqlite3")
    try:
        rows = read_rows(path, config["IMPORT_MAX_ROWS"], config["IMPORT_MAX_UNZIPPED"])
        for number, cells in rows:
            if _is_example(cells):
                continue
            staging.add(parse_row(number, cells, towns))
            if staging.count % 1000 == 0:
                hooks.progress(staging.count, 0)
                hooks.check_cancel()
        staging.close_loading()
    except BaseException:
        staging.close()
        raise
    return staging


def _is_example(cells: dict) -> bool:
    """The template's example row, as Excel may give it back (numbers as text);
    an optional column the file lacks does not count."""
    return all(
        str(cells[k] or "").strip() == str(EXAMPLE[k] or "") for k in KEYS if k in cells
    )
