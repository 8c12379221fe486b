"""SQLAlchemy 2.0 typed models; imported here so Alembic sees every table."""

from fieldapp.models.audit import AuditLog
from fieldapp.models.base import Base, new_uuid, utcnow
from fieldapp.models.household import (
    MEMBER_STATUSES,
    POVERTY_STATUSES,
    RELATIONS,
    Household,
    Person,
)
from fieldapp.models.job import Job
from fieldapp.models.record import STATUSES, Photo, Record, RecordVersion, Review
from fieldapp.models.town import Town
from fieldapp.models.user import FIELD_ROLES, ROLES, ApiToken, LoginSession, User

__all__ = [
    "FIELD_ROLES",
    "MEMBER_STATUSES",
    "POVERTY_STATUSES",
    "RELATIONS",
    "ROLES",
    "STATUSES",
    "ApiToken",
    "AuditLog",
    "Base",
    "Household",
    "Job",
    "LoginSession",
    "Person",
    "Photo",
    "Record",
    "RecordVersion",
    "Review",
    "Town",
    "User",
    "new_uuid",
    "utcnow",
]
