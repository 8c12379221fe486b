"""Writing checked households in the import's one transaction (never committed here)."""

from fieldapp.extensions import db
from fieldapp.models import AuditLog, Household, Person, Town, User
from fieldapp.services.digest import payload_digest
from fieldapp.services.households import apply_payload

# What a written batch leaves in the session; dropped once it is flushed.
WRITTEN = (Household, Person, AuditLog, Town)


def write_plan(plan, actor: User) -> None:
    """Create or update the plan's household as the household service would:
    the same `apply_payload`, a new version for an update."""
    if plan.household is None:
        household = Household(
            uuid=plan.payload["uuid"],
            create_digest=payload_digest(plan.payload),
            created_by_id=actor.id,
            register_no=plan.register_no,
        )
        apply_payload(household, plan.payload)
        db.session.add(household)
        return
    household = db.session.get(Household, plan.household["id"])
    apply_payload(household, plan.payload)
    household.register_no = plan.register_no
    household.version += 1


def release() -> None:
    """Flush the batch and forget its objects, so memory stays flat."""
    db.session.flush()
    for obj in list(db.session):
        if isinstance(obj, WRITTEN) and obj in db.session:  # members go with
            db.session.expunge(obj)  # their household
