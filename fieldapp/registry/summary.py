"""Key values: the few values that say most about a record, for one-line lists."""

from fieldapp.domain.labels import label
from fieldapp.i18n import current_language

KeyValues = list[tuple[str, str]]


def words(vocab: str, key) -> str:
    """A code in the request's language ("—" when missing)."""
    return label(vocab, key, current_language()) if key is not None else "—"
