"""Background jobs of every kind: what to do, how far it got, and what came of it."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fieldapp.models.base import Base, JSONType, UTCDateTime, utcnow, uuid_column_type
from fieldapp.models.user import User

FINISHED = ("done", "failed", "cancelled")


class Job(Base):
    """Work run outside the request: bulk printing now, imports later.

    The web process writes the kind and its parameters; the worker (RQ or a
    local process) writes progress, failures and the result; anyone on any app
    server reads them here. Status: queued, running, then done, failed or
    cancelled.
    """

    __tablename__ = "job"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(uuid_column_type(), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    # What the kind's runner needs, e.g. a print job's town, filters and households.
    params: Mapped[dict] = mapped_column(JSONType, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[list] = mapped_column(JSONType, default=list)
    # What the kind's runner reports at the end, beyond the file (counts, a summary).
    result: Mapped[dict] = mapped_column(JSONType, default=dict)
    file_name: Mapped[str] = mapped_column(String(200), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The worker renews its lease while it runs; a lapsed lease means it died.
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Every progress write touches this: a running job that stops moving is stalled.
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    user: Mapped[User | None] = relationship(lazy="joined")

    @property
    def finished(self) -> bool:
        """Whether the job has ended, one way or another."""
        return self.status in FINISHED

    def __repr__(self) -> str:
        return f"<Job {self.kind} {self.uuid} {self.status} {self.done}/{self.total}>"
