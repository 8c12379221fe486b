"""The template, and the stored households in the template's layout (export back)."""

from collections.abc import Iterator

from flask import current_app
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.importing.columns import (
    EXAMPLE,
    poverty_label,
    relation_label,
    status_label,
)
from fieldapp.importing.workbook import write_sheet
from fieldapp.models import Household, Person, Town, User
from fieldapp.services import policy

BATCH = 1000


def town_names(user: User) -> list[str]:
    """The user's towns by name, for the town drop-down."""
    codes = policy.visible_town_codes(user)
    stmt = select(Town.name).order_by(Town.code)
    if codes is not None:
        stmt = stmt.where(Town.code.in_(codes))
    return list(db.session.scalars(stmt))


def write_template(stream, user: User) -> None:
    """The empty template: headers, the example row and the drop-down lists."""
    write_sheet(
        stream, [EXAMPLE], town_names(user), current_app.config["IMPORT_MAX_ROWS"]
    )


def household_rows(user: User, town: str | None = None) -> Iterator[dict]:
    """One row per person of the user's households (or one town), full numbers;
    户编号 is the household's register number, or its uuid when it has none;
    在户状态 for everyone, 状态日期 for those who died or moved out."""
    stmt = (
        select(
            Household.register_no,
            Household.uuid,
            Town.name.label("town"),
            Household.village,
            Household.address,
            Household.poverty_status,
            Person.name,
            Person.relation,
            Person.id_number,
            Person.disability_card,
            Person.phone,
            Household.lat,
            Household.lon,
            Person.status,
            Person.status_on,
        )
        .join(Person, Person.household_id == Household.id)
        .join(Town, Town.code == Household.town_code)
        .order_by(Household.town_code, Household.village, Household.id, Person.position)
        .execution_options(yield_per=BATCH)
    )
    if town:
        stmt = stmt.where(Household.town_code == town)
    for row in db.session.execute(policy.scope_households(stmt, user)):
        values = dict(row._mapping)
        values["register_no"] = values.pop("register_no") or values.pop("uuid")
        values.pop("uuid", None)
        values["poverty_status"] = poverty_label(values["poverty_status"])
        values["relation"] = relation_label(values["relation"])
        if (values["status"] or "active") == "active":
            values["status_on"] = None  # an active person's day is not exported
        values["status"] = status_label(values["status"])
        yield values


def write_households(stream, user: User, town: str | None = None) -> None:
    """The stored households in the template's layout, ready to correct and import."""
    rows = household_rows(user, town)
    write_sheet(stream, rows, town_names(user), current_app.config["IMPORT_MAX_ROWS"])
