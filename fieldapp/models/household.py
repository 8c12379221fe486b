"""Households and their members."""

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fieldapp.models.base import Base, UTCDateTime, utcnow, uuid_column_type
from fieldapp.models.town import Town

POVERTY_STATUSES = ("registered_poor", "dibao", "tekun", "exited", "other")
# A member's standing (API.md): still living there, died, or moved away.
MEMBER_STATUSES = ("active", "deceased", "moved_out")
RELATIONS = ("head", "spouse", "child", "parent", "other")
# Members who hold their ID number: everyone but those who moved out.
PRESENT = "status != 'moved_out'"


class Household(Base):
    """A household visited in the field, identified by a client-generated uuid."""

    __tablename__ = "household"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(uuid_column_type(), unique=True)
    town_code: Mapped[str] = mapped_column(ForeignKey("town.code"), index=True)
    village: Mapped[str] = mapped_column(String(60), index=True)
    # The county list's household number (户编号), set by an import; unique where set.
    register_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    poverty_status: Mapped[str] = mapped_column(String(20))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Fingerprint of the creating request: an identical replay answers 200.
    create_digest: Mapped[str] = mapped_column(String(64), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )
    # Every UPDATE checks the version it was loaded with: of two edits made on
    # one version, the second changes no row and fails (StaleDataError), on
    # SQLite and PostgreSQL alike. The services bump the version themselves.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}
    # The list's order (town, village, id): a page is read in index order.
    __table_args__ = (Index("ix_household_list_order", "town_code", "village", "id"),)

    town: Mapped[Town] = relationship(lazy="joined")
    members: Mapped[list["Person"]] = relationship(
        back_populates="household",
        order_by="Person.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def head(self) -> "Person | None":
        """The head of household, or the first member."""
        for person in self.members:
            if person.relation == "head":
                return person
        return self.members[0] if self.members else None

    @property
    def location(self) -> dict | None:
        """The household's own location as the API shows it."""
        if self.lat is None or self.lon is None:
            return None
        return {"lat": self.lat, "lon": self.lon, "accuracy_m": self.accuracy_m}

    def __repr__(self) -> str:
        return f"<Household {self.uuid}>"


class Person(Base):
    """A household member; birth date, sex, category and level are derived."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(uuid_column_type(), unique=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(60), index=True)
    relation: Mapped[str] = mapped_column(String(20))
    # A person is registered once in the whole city (API.md): unique among the
    # members who have not moved out (`uq_person_id_number_present`), so someone
    # who moved out can be registered in the household they moved to, and the
    # household they left keeps them, moved out, with their history.
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    disability_card: Mapped[str | None] = mapped_column(String(24))
    phone: Mapped[str] = mapped_column(String(20), default="")
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    disability_category: Mapped[int | None] = mapped_column(Integer)
    disability_level: Mapped[int | None] = mapped_column(Integer)
    # active | deceased | moved_out (API.md): people change, their history stays.
    status: Mapped[str] = mapped_column(
        String(12), default="active", server_default="active"
    )
    status_on: Mapped[date | None] = mapped_column(Date)

    household: Mapped[Household] = relationship(back_populates="members")

    __table_args__ = (
        Index(
            "uq_person_id_number_present",
            "id_number",
            unique=True,
            sqlite_where=text(PRESENT),
            postgresql_where=text(PRESENT),
        ),
    )

    def __repr__(self) -> str:
        return f"<Person {self.uuid}>"
