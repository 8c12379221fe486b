"""Select choices in the request's language, from the domain's vocabularies."""

from flask import has_request_context
from flask_babel import get_locale
from wtforms.fields import SelectChoice

from fieldapp.domain.labels import label


def current_language() -> str:
    """`zh` or `en`."""
    if not has_request_context():
        return "zh"
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "zh"


def vocab_choices(vocab: str, keys) -> list[SelectChoice]:
    """Choices for the keys of a vocabulary, labelled in the request's language."""
    lang = current_language()
    return [SelectChoice(key, label(vocab, key, lang)) for key in keys]


def pairs(values) -> list[SelectChoice]:
    """Choices from (value, label) pairs."""
    return [SelectChoice(value, text) for value, text in values]
