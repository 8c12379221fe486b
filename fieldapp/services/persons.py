"""A person is registered once: who holds an ID number, and the refusal when taken.

The household pages, the API and the county-list import ask the same question
here; the unique index on `person.id_number` makes the answer hold under
concurrent writes too (the loser's IntegrityError becomes the same refusal).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import Household, Person, User
from fieldapp.services import policy
from fieldapp.services.errors import Conflict

# ID numbers per query: well under every backend's limit on bound parameters.
CHUNK = 500
MOVED_OUT = "moved_out"


@dataclass(frozen=True)
class Holder:
    """The household a registered ID number belongs to."""

    household_id: int
    household_uuid: str
    register_no: str | None
    town_code: str


def holders(id_numbers: Iterable[str]) -> dict[str, Holder]:
    """The holding household of each ID number that is registered already (a
    member who moved out holds it no more: they may be registered where they
    went, and the household they left keeps them as moved out)."""
    numbers = sorted({n for n in id_numbers if n})
    found: dict[str, Holder] = {}
    for start in range(0, len(numbers), CHUNK):
        stmt = (
            select(
                Person.id_number,
                Household.id,
                Household.uuid,
                Household.register_no,
                Household.town_code,
            )
            .join(Household, Person.household_id == Household.id)
            .where(
                Person.id_number.in_(numbers[start : start + CHUNK]),
                Person.status != MOVED_OUT,
            )
        )
        for number, *holder in db.session.execute(stmt):
            found[number] = Holder(*holder)
    return found


def held_elsewhere(members: list[dict], household_id: int | None) -> dict[int, Holder]:
    """Members (by position) whose ID number belongs to another household; a
    member saved as moved out claims no number."""
    held = holders(m["id_number"] for m in members if not moved_out(m))
    return {
        index: held[member["id_number"]]
        for index, member in enumerate(members)
        if not moved_out(member)
        and member["id_number"] in held
        and held[member["id_number"]].household_id != household_id
    }


def moved_out(member: dict) -> bool:
    """A member (as a payload or import row carries it) who moved out."""
    return member.get("status") == MOVED_OUT


def taken_message(holder: Holder, actor: User) -> str:
    """What the refusal may say: the other household only when the actor may
    read it, otherwise only that the person is registered elsewhere (API.md)."""
    if policy.in_scope(actor, holder.town_code):
        return str(
            _l(
                "此人已登记在另一住户中,不能重复登记。"
                "如果此人已搬到这一户,请先在原住户中把他标为“已迁出”。"
            )
        )
    return str(_l("此人已在本市其他住户登记,不能重复登记。"))


class DuplicatePerson(Conflict):
    """A member's ID number belongs to a member of another household (409).

    `errors` names each member's ID field; `form` is the bound form with the
    same errors on those fields; `extra` carries `other_household_uuid` when
    the actor may read that household.
    """

    def __init__(self, errors: dict[str, list[str]], form=None, extra=None):
        super().__init__("duplicate_person", _l("有成员已在其他住户登记。"))
        self.errors = errors
        self.form = form
        self.extra = extra or {}


def refusal(held: dict[int, Holder], actor: User, form=None) -> DuplicatePerson:
    """The refusal for members held elsewhere, with the errors on the form too."""
    errors = {}
    for index, holder in sorted(held.items()):
        message = taken_message(holder, actor)
        errors[f"members-{index}-id_number"] = [message]
        if form is not None and index < len(form.members.entries):
            form.members.entries[index].form.id_number.errors.append(message)
    readable = [
        h for _i, h in sorted(held.items()) if policy.in_scope(actor, h.town_code)
    ]
    extra = {"other_household_uuid": readable[0].household_uuid} if readable else {}
    return DuplicatePerson(errors, form, extra)
