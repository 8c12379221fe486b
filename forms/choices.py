"""Select choices in the request's language, from the domain's vocabularies."""

from wtforms.fields import SelectChoice

from fieldapp.domain.labels import label
from fieldapp.i18n import current_language

__all__ = ["current_language", "pairs", "vocab_choices"]


def vocab_choices(vocab: str, keys) -> list[SelectChoice]:
    """Choices for the keys of a vocabulary, labelled in the request's language."""
    lang = current_language()
    return [SelectChoice(key, label(vocab, key, lang)) for key in keys]


def pairs(values) -> list[SelectChoice]:
    """Choices from (value, label) pairs."""
    return [SelectChoice(value, text) for value, text in values]
