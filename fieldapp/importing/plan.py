"""One household of the file, checked: which stored household it is, what the
result would be, and every problem by row and column.

The result is validated by the household form (`forms/households.py`), the
same rules as the page and the API: the file's rows are merged onto the stored
household (an empty cell keeps what is stored, and members the file does not
mention stay), and the merged household must pass the form.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from fieldapp.importing.cells import Row
from fieldapp.importing.columns import (
    FORM_FIELD,
    HEADER,
    HOUSEHOLD_KEYS,
    MEMBER_CHANGE_KEYS,
)
from fieldapp.importing.existing import Known
from fieldapp.importing.merge import STORED, household_values, merged_payload
from fieldapp.importing.report import Problem
from fieldapp.models import User
from fieldapp.services import persons, policy
from fieldapp.services.households import stored_fields
from forms.households import HouseholdForm
from forms.json import bind, jsonable

# Form fields back to the file's columns.
COLUMN_OF_FIELD = {name: key for key, name in FORM_FIELD.items()} | {
    "location": "lat",
    "location-accuracy_m": "lat",
    "members": "relation",
}


def as_loaded(member: dict) -> dict:
    """A member to store, with its dates as text as `existing` loads them."""
    on = member.get("status_on")
    return {**member, "status_on": on.isoformat() if on else None}


@dataclass
class Plan:
    """What one 户编号 of the file does; `payload` is set when it may be written."""

    key: str
    rows: list[Row]
    household: dict | None = None  # the stored household it updates
    payload: dict | None = None
    register_no: str | None = None
    problems: list[Problem] = field(default_factory=list)
    _seen: set = field(default_factory=set)

    @property
    def first(self) -> Row:
        """The household's first row (household-wide problems are shown there)."""
        return self.rows[0]

    def problem(self, row: Row, key: str, message) -> None:
        """One problem per cell: the first found is the one shown."""
        if (row.number, key) in self._seen:
            return
        self._seen.add((row.number, key))
        value = row.shown.get(key, "")
        self.problems.append(Problem(row.number, HEADER[key], str(message), value))


def check_group(
    key: str,
    rows: list[tuple[Row, int | None]],
    known: Known,
    actor: User,
    towns,
    claim,
) -> Plan:
    """Check one household's rows (with each ID number's first row in the file);
    `claim(household_id, key)` names another key of the file that already
    matched the same stored household."""
    plan = Plan(key, [row for row, _first in rows])
    for row, first in rows:
        for column, message in row.errors:
            plan.problem(row, column, message)
        if first is not None and first != row.number:
            message = _l("同一身份证号已在第 %(row)s 行出现。", row=first)
            plan.problem(row, "id_number", message)
    if not key:
        return plan
    unique = [row for row, first in rows if first is None or first == row.number]
    if not _match(plan, unique, known, actor):
        return plan
    if plan.household is not None and (other := claim(plan.household["id"], key)):
        message = _l(
            "与户编号 %(other)s 是同一住户(成员相同),请合并为一个户编号。", other=other
        )
        plan.problem(plan.first, "register_no", message)
        return plan
    _validate(plan, unique, actor, towns)
    return plan


def _match(plan: Plan, rows: list[Row], known: Known, actor: User) -> bool:
    """Find the stored household (by 户编号, else by members' ID numbers);
    False when the rows cannot belong to one household the actor may change."""
    household_id = known.by_key.get(plan.key)
    held = {
        row.number: known.holders[row.values["id_number"]]
        for row in rows
        if row.values["id_number"] in known.holders
        and not persons.moved_out(row.values)
    }
    if household_id is None:
        household_id = _free_owner(
            {h.household_id for h in held.values()}, known, actor
        )
        plan.register_no = plan.key
    else:
        plan.register_no = known.households[household_id]["register_no"]
    for row in rows:
        holder = held.get(row.number)
        if holder is not None and holder.household_id != household_id:
            plan.problem(row, "id_number", persons.taken_message(holder, actor))
    if household_id is not None:
        plan.household = known.households[household_id]
        if not policy.in_scope(actor, plan.household["town_code"]):
            message = _l("该户编号对应的住户不在您负责的镇,不能修改。")
            plan.problem(plan.first, "register_no", message)
    return not plan.problems


def _free_owner(owners: set[int], known: Known, actor: User) -> int | None:
    """The one stored household holding the rows' people, when it has no 户编号
    yet and is in the actor's towns (otherwise the people count as taken)."""
    if len(owners) != 1:
        return None
    household = known.households[next(iter(owners))]
    if household["register_no"] or not policy.in_scope(actor, household["town_code"]):
        return None
    return household["id"]


def _validate(plan: Plan, rows: list[Row], actor: User, towns) -> None:
    """Merge the rows onto the stored household and check it with the form."""
    values, sources = household_values(plan, rows)
    if plan.problems:
        return
    payload, member_rows = merged_payload(plan.household, values, rows)
    town = payload["town_code"]
    if town and not policy.may_write_household(actor, town):
        plan.problem(sources.get("town", plan.first), "town", _l("不是您负责的镇。"))
    form, errors = bind(HouseholdForm, payload, town_choices=towns)
    for name, messages in errors.items():
        row, column = _cell_of(name, plan, sources, member_rows)
        for message in messages:
            plan.problem(row, column, message)
    if not plan.problems:
        plan.payload = jsonable(form.data)


def _cell_of(name: str, plan: Plan, sources: dict, member_rows: list) -> tuple:
    """The row and column a form error belongs to."""
    if name.startswith("members-") and name.count("-") == 2:
        _members, index, field_name = name.split("-")
        row = member_rows[int(index)] or plan.first
        return row, field_name if field_name in HEADER else "register_no"
    column = COLUMN_OF_FIELD.get(name, "register_no")
    return sources.get(column, plan.first), column


def changes(plan: Plan) -> dict:
    """What writing the plan changes in its stored household (or creates)."""
    fields, members = stored_fields(plan.payload)
    if plan.household is None:
        return {"created": True, "members_added": len(members), "members_updated": 0}
    stored = plan.household
    changed = [
        HEADER[key]
        for key in HOUSEHOLD_KEYS
        if fields[STORED[key]] != stored[STORED[key]]
    ]
    if plan.register_no != stored["register_no"]:
        changed.insert(0, HEADER["register_no"])
    before = {m["uuid"]: m for m in stored["members"]}
    members = [as_loaded(m) for m in members]
    updated = [m for m in members if m["uuid"] in before and m != before[m["uuid"]]]
    changed += [
        HEADER[key]
        for key in MEMBER_CHANGE_KEYS
        if any(m[key] != before[m["uuid"]][key] for m in updated)
    ]
    return {
        "created": False,
        "fields": changed,
        "members_added": sum(1 for m in members if m["uuid"] not in before),
        "members_updated": len(updated),
    }
