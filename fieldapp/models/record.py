"""Survey records, their versions, reviews and photos (one pipeline, every kind)."""

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fieldapp.models.base import Base, JSONType, UTCDateTime, utcnow, uuid_column_type
from fieldapp.models.household import Household, Person
from fieldapp.models.user import User

STATUSES = ("submitted", "approved", "returned")


class Record(Base):
    """One survey of one household (and person, for person-level kinds)."""

    __tablename__ = "record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(uuid_column_type(), unique=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    located_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    data: Mapped[dict] = mapped_column(JSONType, default=dict)
    computed: Mapped[dict] = mapped_column(JSONType, default=dict)
    flags: Mapped[list] = mapped_column(JSONType, default=list)
    # A few computed values that dashboards and bulk printing filter on.
    grade: Mapped[str | None] = mapped_column(String(4), index=True)
    stage: Mapped[str | None] = mapped_column(String(30), index=True)
    create_digest: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )
    # Every UPDATE checks the version it was loaded with (see Household).
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    household: Mapped[Household] = relationship(lazy="joined")
    person: Mapped[Person | None] = relationship(lazy="joined")
    author: Mapped[User | None] = relationship(lazy="joined")
    versions: Mapped[list["RecordVersion"]] = relationship(
        back_populates="record",
        order_by="RecordVersion.version",
        cascade="all, delete-orphan",
    )
    reviews: Mapped[list["Review"]] = relationship(
        back_populates="record", order_by="Review.id", cascade="all, delete-orphan"
    )
    photos: Mapped[list["Photo"]] = relationship(
        back_populates="record", order_by="Photo.id", cascade="all, delete-orphan"
    )

    @property
    def location(self) -> dict | None:
        """The position as the API shows it."""
        if self.lat is None or self.lon is None:
            return None
        return {
            "lat": self.lat,
            "lon": self.lon,
            "accuracy_m": self.accuracy_m,
            "captured_at": self.located_at.isoformat() if self.located_at else None,
        }

    def __repr__(self) -> str:
        return f"<Record {self.kind} {self.uuid} v{self.version}>"


class RecordVersion(Base):
    """Every body a record has had, the current one included: nothing is lost."""

    __tablename__ = "record_version"
    __table_args__ = (UniqueConstraint("record_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("record.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20))
    body: Mapped[dict] = mapped_column(JSONType, default=dict)
    computed: Mapped[dict] = mapped_column(JSONType, default=dict)
    flags: Mapped[list] = mapped_column(JSONType, default=list)

    record: Mapped[Record] = relationship(back_populates="versions")
    author: Mapped[User | None] = relationship(lazy="joined")


class Review(Base):
    """A supervisor's decision on one version of a record."""

    __tablename__ = "review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("record.id", ondelete="CASCADE"), index=True
    )
    record_version: Mapped[int] = mapped_column(Integer)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decision: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    record: Mapped[Record] = relationship(back_populates="reviews")
    reviewer: Mapped[User | None] = relationship(lazy="joined")


class Photo(Base):
    """A photo of a record, stored on disk by content hash with derived copies."""

    __tablename__ = "photo"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(uuid_column_type(), unique=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("record.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content_type: Mapped[str] = mapped_column(String(30))
    size_bytes: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(String(200), default="")
    tag: Mapped[str] = mapped_column(String(20), default="")
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    record: Mapped[Record] = relationship(back_populates="photos")
