"""CSS helpers of the case file's page header and footer (`css.<name>(...)`)."""

import re

from markupsafe import Markup


def css_string(text) -> Markup:
    """Text as a CSS string literal, safe inside a <style> element."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{escaped}"')


def css_counters(text) -> Markup:
    """CSS `content` from text whose `%(page)s` / `%(pages)s` became markers.

    `_('第 %(page)s 页 / 共 %(pages)s 页', page=PAGE, pages=PAGES)` keeps the
    sentence translatable; the markers turn into `counter(page)` and
    `counter(pages)`.
    """
    parts = re.split(r"\x00(page|pages)\x00", str(text))
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(f"counter({part})")
        elif part:
            out.append(css_string(part))
    return Markup(" ".join(out))


PAGE = "\x00page\x00"
PAGES = "\x00pages\x00"
