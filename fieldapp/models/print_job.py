"""Bulk printing jobs: what to print, how far it got, and where the result is."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fieldapp.models.base import Base, JSONType, UTCDateTime, utcnow, uuid_column_type
from fieldapp.models.user import User

JOB_STATUSES = ("queued", "running", "done", "failed", "cancelled")
FINISHED = ("done", "failed", "cancelled")


class PrintJob(Base):
    """Case files of many households rendered outside the request.

    The web process writes the selection; the worker (RQ or a local process)
    writes progress and failures; anyone on any app server reads them here.
    """

    __tablename__ = "print_job"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(uuid_column_type(), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    town_code: Mapped[str | None] = mapped_column(String(12))
    filters: Mapped[dict] = mapped_column(JSONType, default=dict)
    output: Mapped[str] = mapped_column(String(8), default="pdf")
    households: Mapped[list] = mapped_column(JSONType, default=list)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[list] = mapped_column(JSONType, default=list)
    file_name: Mapped[str] = mapped_column(String(200), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
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
        return f"<PrintJob {self.uuid} {self.status} {self.done}/{self.total}>"
