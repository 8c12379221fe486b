"""Load one main object within the user's reach, or raise `NotInScope`.

"Load it or 404" is written here once: a household, record or photo that does
not exist and one outside the user's towns are the same answer (API.md), and the
web layer turns `NotInScope` into that answer (JSON for /api/, a page otherwise).
"""

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from fieldapp.extensions import db
from fieldapp.models import Household, Job, Photo, Record, User
from fieldapp.services import jobs, policy


class NotInScope(LookupError):
    """The object does not exist or is outside the user's towns.

    `what` names the object ("household", "record", "photo", "job") so the
    answer can say what was not found; `code` is the API's machine code.
    """

    def __init__(self, what: str, code: str = "not_found"):
        super().__init__(what)
        self.what = what
        self.code = code


# Built once (every record POST looks up its household); with its members in the
# same statement for callers that read them.
HOUSEHOLD = select(Household).where(Household.uuid == bindparam("uuid"))
HOUSEHOLD_WITH_MEMBERS = HOUSEHOLD.options(joinedload(Household.members))


def household(
    uuid: str, user: User, code: str = "not_found", members: bool = False
) -> Household:
    """A household in the user's towns (`members`: loaded in the same statement)."""
    stmt = HOUSEHOLD_WITH_MEMBERS if members else HOUSEHOLD
    found = (
        db.session.scalars(stmt, {"uuid": uuid}).unique().one_or_none()
        if members
        else db.session.scalar(stmt, {"uuid": uuid})
    )
    if found is None or not policy.may_read_household(user, found):
        raise NotInScope("household", code)
    return found


def record(uuid: str, user: User) -> Record:
    """A record whose household is in the user's towns."""
    found = db.session.scalar(select(Record).where(Record.uuid == uuid))
    if found is None or not policy.may_read_household(user, found.household):
        raise NotInScope("record")
    return found


def photo(uuid: str, user: User) -> Photo:
    """A photo whose record's household is in the user's towns."""
    found = db.session.scalar(select(Photo).where(Photo.uuid == uuid))
    if found is None or not policy.may_read_household(user, found.record.household):
        raise NotInScope("photo")
    return found


def job(uuid: str, user: User, kind: str) -> Job:
    """A background job of `kind` that the user started (admins: any)."""
    found = jobs.owned(uuid, user, kind)
    if found is None:
        raise NotInScope("job")
    return found
