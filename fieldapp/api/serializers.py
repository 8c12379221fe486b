"""The API's JSON shapes for households and members."""

from datetime import date

from flask_login import current_user

from fieldapp import clock
from fieldapp.domain.ids import age_on, mask_card, mask_id, mask_phone
from fieldapp.models import Household, Person, Record
from fieldapp.registry import current_computed
from fieldapp.services import policy


def iso(value) -> str | None:
    """ISO 8601 text, or None."""
    return value.isoformat() if value is not None else None


def person_to_api(
    person: Person, unmasked: bool = False, today: date | None = None
) -> dict:
    """A member with derived fields; numbers masked unless asked and allowed.

    A masked answer carries `age` and `sex` but never `birth_date`: the mask
    hides exactly the birth-date digits, which the birth date would give back.
    """
    body = {
        "uuid": person.uuid,
        "name": person.name,
        "relation": person.relation,
        "id_number": person.id_number if unmasked else mask_id(person.id_number),
        "disability_card": (
            person.disability_card if unmasked else mask_card(person.disability_card)
        )
        or None,
        "phone": person.phone if unmasked else mask_phone(person.phone),
        "age": age_on(person.birth_date, today or clock.today()),
        "sex": person.sex,
        "disability_category": person.disability_category,
        "disability_level": person.disability_level,
        "status": person.status or "active",
        "status_on": iso(person.status_on),
    }
    if unmasked:
        body["birth_date"] = iso(person.birth_date)
    return body


def household_to_api(
    household: Household, unmasked: bool = False, today: date | None = None
) -> dict:
    """A household with its members (ages as of `today`, by default the app's
    today in China; a list passes one day for all its households)."""
    today = today or clock.today()
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
        "members": [person_to_api(p, unmasked, today) for p in household.members],
    }


def link_to_api(choice) -> dict:
    """A record another record may name (`services/record_links.py`): uuid, kind,
    capture time, person and the computed values its link declares."""
    return {
        "uuid": choice.uuid,
        "kind": choice.kind,
        "captured_at": iso(choice.captured_at),
        "person_uuid": choice.person_uuid,
        "values": choice.values,
    }


def photo_to_api(photo) -> dict:
    """A photo's metadata and where to fetch its copies."""
    base = f"/api/v1/photos/{photo.uuid}"
    return {
        "uuid": photo.uuid,
        "caption": photo.caption,
        "tag": photo.tag,
        "content_type": photo.content_type,
        "size_bytes": photo.size_bytes,
        "width": photo.width,
        "height": photo.height,
        "taken_at": iso(photo.taken_at),
        "location": (
            {"lat": photo.lat, "lon": photo.lon, "accuracy_m": photo.accuracy_m}
            if photo.lat is not None
            else None
        ),
        "url": f"{base}/display",
        "thumb_url": f"{base}/thumb",
        "original_url": f"{base}/original",
    }


def record_to_api(record) -> dict:
    """The stored record as the contract shows it, with photos and reviews."""
    return {
        "uuid": record.uuid,
        "kind": record.kind,
        "household_uuid": record.household.uuid,
        "person_uuid": record.person.uuid if record.person else None,
        "status": record.status,
        "version": record.version,
        "captured_at": iso(record.captured_at),
        "location": record.location,
        "data": record.data,
        "computed": current_computed(record),
        "flags": record.flags,
        "author": record.author.username if record.author else None,
        "created_at": iso(record.created_at),
        "updated_at": iso(record.updated_at),
        "photos": [photo_to_api(p) for p in record.photos],
        "reviews": [
            {
                "decision": r.decision,
                "comment": r.comment,
                "version": r.record_version,
                "reviewer": r.reviewer.username if r.reviewer else None,
                "created_at": iso(r.created_at),
            }
            for r in record.reviews
        ],
        "last_review": review_to_api(record.reviews[-1]) if record.reviews else None,
    }


def review_to_api(review) -> dict:
    """A decision as `last_review` shows it: what, why, who, when, on which version."""
    return {
        "decision": review.decision,
        "comment": review.comment,
        "by": review.reviewer.username if review.reviewer else None,
        "by_name": (review.reviewer.name if review.reviewer else None),
        "at": iso(review.created_at),
        "version": review.record_version,
    }


def current_for(obj) -> dict | None:
    """A 409's `current`: the stored object, only when the caller may read it."""
    household = obj.household if isinstance(obj, Record) else obj
    if not policy.may_read_household(current_user, household):
        return None
    return record_to_api(obj) if isinstance(obj, Record) else household_to_api(obj)
