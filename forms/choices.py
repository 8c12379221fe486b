"""Select choices in the request's language, from the domain's vocabularies."""

from flask import has_request_context
from flask_babel import get_locale

from fieldapp.domain.labels import label


def current_language() -> str:
    """`zh` or `en`."""
    if not has_request_context():
        return "zh"
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "zh"


def vocab_choices(vocab: str, keys) -> list[tuple[str, str]]:
    """(value, label) pairs for the keys of a vocabulary."""
    lang = current_language()
    return [(key, label(vocab, key, lang)) for key in keys]
