"""Who may do what, and in which towns: the authorisation matrix in one place."""

from sqlalchemy import Select

from fieldapp.models import FIELD_ROLES, Household, User
from fieldapp.registry import kinds_written_by

# Survey kinds each role may create and correct, from the registry's `writers`
# (supervisors only review; None: admins write every kind).
WRITABLE_KINDS = {
    **{role: kinds_written_by(role) for role in FIELD_ROLES},
    "supervisor": frozenset(),
    "admin": None,
}


def sees_whole_city(user: User) -> bool:
    """Admins, and supervisors with no towns, see every town."""
    return user.role == "admin" or (user.role == "supervisor" and not user.towns)


def visible_town_codes(user: User) -> set[str] | None:
    """The towns a user may see; None means all of them."""
    if sees_whole_city(user):
        return None
    return set(user.town_codes)


def in_scope(user: User, town_code: str) -> bool:
    """Whether a town is one of the user's."""
    codes = visible_town_codes(user)
    return codes is None or town_code in codes


def scope_households(stmt: Select, user: User) -> Select:
    """Restrict a household query to the user's towns."""
    codes = visible_town_codes(user)
    if codes is None:
        return stmt
    return stmt.where(Household.town_code.in_(codes))


def may_read_household(user: User, household: Household) -> bool:
    """Reading a household (and its records) needs the town in scope."""
    return in_scope(user, household.town_code)


def may_write_household(user: User, town_code: str) -> bool:
    """Creating or editing a household: any role, within its towns."""
    if user.role in FIELD_ROLES and not user.towns:
        return False
    return in_scope(user, town_code)


def may_write_kind(user: User, kind: str) -> bool:
    """Whether the user's role may create or correct records of a kind."""
    kinds = WRITABLE_KINDS.get(user.role, frozenset())
    return kinds is None or kind in kinds


def may_write_records(user: User) -> bool:
    """Whether the user's role writes any kind of survey (and so gets records
    returned to them)."""
    kinds = WRITABLE_KINDS.get(user.role, frozenset())
    return kinds is None or bool(kinds)


def may_review(user: User) -> bool:
    """Approving and returning records."""
    return user.role in ("supervisor", "admin")


def may_unmask(user: User) -> bool:
    """Seeing full ID and card numbers in print and export."""
    return user.role in ("supervisor", "admin")


def may_export(user: User) -> bool:
    """Ledger exports and bulk printing."""
    return user.role in ("supervisor", "admin")


def may_import(user: User) -> bool:
    """Importing the county's household lists (and their template)."""
    return user.role in ("supervisor", "admin")


def may_view_office(user: User) -> bool:
    """The dashboard, the map and the data-quality lists."""
    return user.role in ("supervisor", "admin")


def may_read_audit(user: User) -> bool:
    """The audit log."""
    return user.role == "admin"


def may_manage_users(user: User) -> bool:
    """The admin pages."""
    return user.role == "admin"
