"""What an import found and did: counts, what changed, and every problem by row."""

from dataclasses import dataclass, field

# At most this many problems and changes are listed; the counts cover them all.
MAX_LISTED = 1000


@dataclass
class Problem:
    """One problem with a cell (row and column) or with the whole file (None)."""

    row: int | None
    column: str | None
    message: str
    value: str = ""

    def as_dict(self) -> dict:
        """The contract's `errors` item, with the cell as shown (masked)."""
        return {
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "value": self.value,
        }


@dataclass
class Report:
    """The answer of an import or a dry run (API.md: the counts say what would
    have been, also when nothing was written)."""

    file_name: str = ""
    dry_run: bool = True
    rows: int = 0
    households_created: int = 0
    households_updated: int = 0
    households_unchanged: int = 0
    members_created: int = 0
    members_updated: int = 0
    error_count: int = 0
    errors: list[Problem] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    change_count: int = 0
    imported: bool = False

    def problem(self, problem: Problem) -> None:
        """Count a problem; list it while the list is short enough."""
        self.error_count += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append(problem)

    def change(self, change: dict) -> None:
        """Count a changed household; list it while the list is short enough."""
        self.change_count += 1
        if len(self.changes) < MAX_LISTED:
            self.changes.append(change)

    def as_dict(self) -> dict:
        """The API's answer (and the job's stored result)."""
        return {
            "file_name": self.file_name,
            "dry_run": self.dry_run,
            "imported": self.imported,
            "rows": self.rows,
            "households_created": self.households_created,
            "households_updated": self.households_updated,
            "households_unchanged": self.households_unchanged,
            "members_created": self.members_created,
            "members_updated": self.members_updated,
            "error_count": self.error_count,
            "errors": [p.as_dict() for p in self.errors],
            "change_count": self.change_count,
            "changes": self.changes,
        }

    def counts(self) -> dict:
        """The numbers alone (the audit entry: never personal data)."""
        body = self.as_dict()
        return {k: v for k, v in body.items() if isinstance(v, int | bool)}
