"""Load one main object within the user's reach, or raise `NotInScope`.

"Load it or 404" is written here once: a household, record or photo that does
not exist and one outside the user's towns are the same answer (API.md), and the
web layer turns `NotInScope` into that answer (JSON for /api/, a page otherwise).
"""

from sqlalchemy import select

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


def household(uuid: str, user: User, code: str = "not_found") -> Household:
    """A household in the user's towns."""
    found = db.session.scalar(select(Household).where(Household.uuid == uuid))
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
