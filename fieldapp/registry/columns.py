"""Ledger (台账) columns: a title and how to read the value from a ledger row.

A kind lists the columns only it fills on its registry entry; the ledger
(`fieldapp/services/ledger_columns.py`) puts the shared ones around them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from fieldapp.domain.labels import label, yes_no

# Spreadsheets run text starting with these as formulas (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# (row, lang) -> the cell's value; `row` is one row of the ledger query.
CellValue = Callable[[object, str], object]


@dataclass(frozen=True)
class LedgerColumn:
    """One column of the ledger: its (lazily translated) title and its value."""

    title: object
    value: CellValue


def text(value) -> str:
    """Typed-in text made inert for spreadsheets: a leading `'` before formulas."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def computed(key: str) -> CellValue:
    """A computed value as stored (numbers stay numbers)."""

    def value(row, lang):
        """The record's computed `key`."""
        return (row.computed or {}).get(key)

    return value


def computed_label(key: str, vocab: str) -> CellValue:
    """A computed value in words."""

    def value(row, lang):
        """The record's computed `key`, labelled from `vocab`."""
        return label(vocab, (row.computed or {}).get(key), lang)

    return value


def computed_yes_no(key: str) -> CellValue:
    """A computed boolean as 是 / 否 (empty when absent)."""

    def value(row, lang):
        """是 / 否 (yes / no in English) or empty."""
        return yes_no((row.computed or {}).get(key), lang)

    return value
