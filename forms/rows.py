"""Repeating rows (item lines, follow-up visits) on pages that work without JS."""

import re

from werkzeug.datastructures import MultiDict

SPARE_ROWS = 2


def drop_blank_rows(formdata, lists, typed=None, decide=None) -> MultiDict:
    """Formdata without the rows of `lists` (e.g. `data-items`) left blank, the
    kept rows renumbered from 0 in their order.

    A page without JavaScript always shows spare rows; an untouched spare row is
    not an entry, while a row with anything typed in it is validated as one.
    `typed` names the fields a person types (others, such as a preset uuid or
    select, are filled in every row); by default every field counts. `decide`,
    given a row's {field: value}, may settle a row itself: True keeps it, False
    drops it, None leaves it to the blank test.
    """
    patterns = {name: re.compile(rf"^{re.escape(name)}-(\d+)-(.+)$") for name in lists}
    rows: dict[str, dict[int, list[tuple[str, str]]]] = {name: {} for name in lists}
    out = MultiDict()
    for key, value in formdata.items(multi=True):
        for name, pattern in patterns.items():
            match = pattern.match(key)
            if match:
                index = int(match.group(1))
                rows[name].setdefault(index, []).append((match.group(2), value))
                break
        else:
            out.add(key, value)
    for name, by_index in rows.items():
        kept = [
            by_index[i] for i in sorted(by_index) if _kept(by_index[i], typed, decide)
        ]
        for index, row in enumerate(kept):
            for rest, value in row:
                out.add(f"{name}-{index}-{rest}", value)
    return out


def _kept(row: list[tuple[str, str]], typed, decide) -> bool:
    """Whether a row is an entry: as `decide` says, else anything typed in it."""
    settled = decide(dict(row)) if decide is not None else None
    if settled is not None:
        return settled
    return any(str(v).strip() for k, v in row if typed is None or k in typed)


def rows_with_blanks(field_list, spare: int = SPARE_ROWS) -> list:
    """The list's entries plus `spare` unfilled ones numbered after them, for
    rendering only: the list itself is left as it was."""
    room = spare
    if field_list.max_entries:
        room = max(0, min(spare, field_list.max_entries - len(field_list.entries)))
    blanks = [field_list.append_entry() for _ in range(room)]
    for _ in blanks:
        field_list.pop_entry()
    return [*field_list.entries, *blanks]
