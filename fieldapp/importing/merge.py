"""The file's rows of one household merged onto what is stored, as a form payload.

An empty cell keeps the stored value; a member is matched by ID number; members
and values the file does not mention are kept (nothing is deleted).
"""

from flask_babel import lazy_gettext as _l

from fieldapp.importing.cells import Row
from fieldapp.importing.columns import HOUSEHOLD_KEYS
from fieldapp.models import new_uuid

# The stored household column behind each household column of the file.
STORED = {
    "town": "town_code",
    "village": "village",
    "address": "address",
    "poverty_status": "poverty_status",
    "lat": "lat",
    "lon": "lon",
}
MEMBER_FIELDS = ("name", "relation", "disability_card", "phone")


def household_values(plan, rows: list[Row]) -> tuple[dict, dict]:
    """The household's values from its rows (the first filled cell of each
    column) and the row each came from; rows that disagree are problems."""
    values, sources = {}, {}
    for row in rows:
        for key in HOUSEHOLD_KEYS:
            value = row.values.get(key)
            if value is None or value == "":
                continue
            if key not in values:
                values[key], sources[key] = value, row
            elif values[key] != value:
                message = _l(
                    "与本户第 %(row)s 行不一致(同一户编号的各行应相同,或留空)。",
                    row=sources[key].number,
                )
                plan.problem(row, key, message)
    return values, sources


def _location(stored: dict | None, values: dict) -> dict:
    """The file's position when it gives another one (its accuracy unknown),
    else the stored position with its accuracy."""
    kept = {}
    if stored is not None and stored["lat"] is not None:
        kept = {k: stored[k] for k in ("lat", "lon", "accuracy_m")}
    given = {k: values[k] for k in ("lat", "lon") if k in values}
    if not given or all(kept.get(k) == v for k, v in given.items()):
        return kept
    return {"lat": values.get("lat"), "lon": values.get("lon")}


def _member(stored: dict | None, row: Row) -> dict:
    """A stored member updated by the row's filled cells, or a new member."""
    member = (
        dict(stored) if stored else {"uuid": new_uuid(), "name": "", "relation": ""}
    )
    member["id_number"] = row.values["id_number"]
    for key in MEMBER_FIELDS:
        value = row.values.get(key)
        if value:
            member[key] = value
    _status(member, row.values.get("status"), row.values.get("status_on"))
    return member


def _status(member: dict, status: str | None, on: str | None) -> None:
    """The row's 在户状态 onto the member: none keeps what is stored (a new
    member is active); 在户 for someone already active changes nothing."""
    if status is None:
        return
    if status == "active":
        if member.get("status", "active") != "active":
            member["status"], member["status_on"] = "active", None
        return
    member["status"], member["status_on"] = status, on


def merged_payload(stored: dict | None, values: dict, rows: list[Row]) -> tuple:
    """(household payload, the file row behind each member or None)."""
    payload = {"uuid": stored["uuid"] if stored else new_uuid()}
    for key in ("town", "village", "address", "poverty_status"):
        kept = stored[STORED[key]] if stored else None
        payload[STORED[key]] = values.get(key, kept)
    payload["location"] = _location(stored, values)
    members = [dict(m) for m in stored["members"]] if stored else []
    member_rows: list[Row | None] = [None] * len(members)
    position = {m["id_number"]: i for i, m in enumerate(members)}
    for row in rows:
        index = position.get(row.values["id_number"])
        if index is None:
            members.append(_member(None, row))
            member_rows.append(row)
        else:
            members[index] = _member(members[index], row)
            member_rows[index] = row
    payload["members"] = members
    return payload, member_rows
