"""The English catalog translates every piece of UI text in the code."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
}
METHODS = [("**.py", "python"), ("**.html", "jinja2")]


def extracted_ids() -> set[str]:
    ids = set()
    for folder in ("fieldapp", "forms", "templates"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / folder, METHODS, keywords=KEYWORDS
        ):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


def test_every_ui_string_has_an_english_translation():
    with open(ROOT / "fieldapp/translations/en/LC_MESSAGES/messages.po", "rb") as f:
        catalog = read_po(f)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id
        and m.string
        and (m.string if isinstance(m.string, str) else m.string[0])
    }
    missing = sorted(extracted_ids() - translated)
    assert not missing, f"run `make i18n` and translate: {missing[:20]}"
