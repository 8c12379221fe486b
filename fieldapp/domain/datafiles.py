"""Reading the versioned CSV catalogues packaged in `fieldapp/data/`."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_rows(path: Path) -> list[dict[str, str]]:
    """All rows of a UTF-8 CSV file with a header line, as stripped strings."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


def parse_categories(text: str) -> tuple[int, ...]:
    """`"1;4;7"` → `(1, 4, 7)`: the disability categories a catalogue row serves."""
    return tuple(int(part) for part in text.split(";") if part.strip())


def optional_float(text: str) -> float | None:
    """A float, or None for an empty cell."""
    return float(text) if text else None
