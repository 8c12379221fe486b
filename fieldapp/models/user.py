"""Users, their roles and towns, and API bearer tokens."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fieldapp.models.base import Base, UTCDateTime, utcnow
from fieldapp.models.town import Town

ROLES = ("inspector", "rehab_worker", "supervisor", "admin")
FIELD_ROLES = ("inspector", "rehab_worker")

user_town = Table(
    "user_town",
    Base.metadata,
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    Column("town_code", ForeignKey("town.code"), primary_key=True),
)


class User(UserMixin, Base):
    """A person who logs in: field worker, supervisor or administrator."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(60), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped on password reset or deactivation: old sessions stop working.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)

    towns: Mapped[list[Town]] = relationship(
        secondary=user_town, order_by=Town.code, lazy="selectin"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users.
        """Whether the account may log in."""
        return bool(self.active)

    # The raw key of the browser login this request belongs to (not stored):
    # set at login and when a session cookie is loaded.
    session_key = ""

    def get_id(self) -> str:
        """Session id: user id, epoch (a reset ends every session) and the key of
        this login (logout ends it alone; see LoginSession)."""
        return f"{self.id}:{self.session_epoch}:{self.session_key}"

    @property
    def town_codes(self) -> list[str]:
        """Codes of the towns the user is assigned to."""
        return [town.code for town in self.towns]

    @property
    def name(self) -> str:
        """What to show for this user."""
        return self.display_name or self.username

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class ApiToken(Base):
    """A revocable bearer token; only its SHA-256 digest is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)

    user: Mapped[User] = relationship(lazy="joined")


class LoginSession(Base):
    """One browser login, kept on the server so that it can end there: logout
    revokes it, and a copied session or remember-me cookie is refused after that.
    Only the SHA-256 digest of its key is stored; the key is in the signed cookie."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
