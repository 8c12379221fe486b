"""Towns and other administrative units of Wanning (reference data)."""

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.models.base import Base


class Town(Base):
    """A town (镇), state farm or forest farm, keyed by its 9-digit statistical code."""

    __tablename__ = "town"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(60), default="")
    kind: Mapped[str] = mapped_column(String(20), default="town")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    data_version: Mapped[str] = mapped_column(String(20), default="")

    def to_api(self) -> dict:
        """The contract's representation."""
        return {"code": self.code, "name": self.name, "lat": self.lat, "lon": self.lon}

    def __repr__(self) -> str:
        return f"<Town {self.code} {self.name}>"
