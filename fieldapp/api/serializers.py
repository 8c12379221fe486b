"""The API's JSON shapes for households and members."""

from datetime import date

from fieldapp.domain.ids import age_on, mask_card, mask_id, mask_phone
from fieldapp.models import Household, Person


def iso(value) -> str | None:
    """ISO 8601 text, or None."""
    return value.isoformat() if value is not None else None


def person_to_api(person: Person, unmasked: bool = False) -> dict:
    """A member with derived fields; numbers masked unless asked and allowed."""
    return {
        "uuid": person.uuid,
        "name": person.name,
        "relation": person.relation,
        "id_number": person.id_number if unmasked else mask_id(person.id_number),
        "disability_card": (
            person.disability_card if unmasked else mask_card(person.disability_card)
        )
        or None,
        "phone": person.phone if unmasked else mask_phone(person.phone),
        "birth_date": iso(person.birth_date),
        "age": age_on(person.birth_date, date.today()),
        "sex": person.sex,
        "disability_category": person.disability_category,
        "disability_level": person.disability_level,
    }


def household_to_api(household: Household, unmasked: bool = False) -> dict:
    """A household with its members."""
    return {
        "uuid": household.uuid,
        "town_code": household.town_code,
        "town_name": household.town.name if household.town else None,
        "village": household.village,
        "address": household.address,
        "poverty_status": household.poverty_status,
        "location": household.location,
        "version": household.version,
        "created_at": iso(household.created_at),
        "updated_at": iso(household.updated_at),
        "members": [person_to_api(p, unmasked) for p in household.members],
    }
