"""Assistive devices: catalogue, follow-up schedule and replacement (DOMAIN §3)."""

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from fieldapp.domain.datafiles import DATA_DIR, parse_categories, read_rows
from fieldapp.domain.dates import parse_day
from fieldapp.domain.errors import DeviceError
from fieldapp.domain.localtime import local_today

# The catalogue holds the §3.2 devices that have a full 6-digit ISO 9999 code,
# with the edition each code belongs to. Service lives come from the 金寨 basic
# catalogue (wheelchair 3, sticks and crutches 1, walking frame 3, pressure-relief
# cushion and mattress 3 years); an empty cell means no source was found and the
# default applies. The 2016-edition codes (white cane, magnifiers) are from
# memory: verify them against GB/T 16432.
CATALOGUE_VERSION = "2026.1"
DEVICES_PATH = DATA_DIR / "devices.csv"
DEFAULT_SERVICE_LIFE_YEARS = 3
STAGES = (
    "requested",
    "assessed",
    "prescribed",
    "fitted",
    "trained",
    "followup",
    "closed",
)
# The follow-up schedule in months after the fitting (§3.3): one month, three
# months, then yearly after the fitting (12, 24, 36, ... months). Every visit
# is counted from the fitting date, so a late visit does not push the rest back.
FOLLOWUP_MONTHS = (1, 3, 12)
# Stages in which the device is in the person's hands, so a fitting date exists.
FITTED_STAGES = ("fitted", "trained", "followup")


@dataclass(frozen=True)
class Device:
    """One catalogue device with its classification code and service life."""

    code: str
    code_system: str
    name: str
    name_en: str
    serves: tuple[int, ...]
    service_life_years: int


@lru_cache(maxsize=8)
def _read_devices(path: Path) -> tuple[Device, ...]:
    """The catalogue rows of one file, read once."""
    return tuple(
        Device(
            code=row["code"],
            code_system=row["code_system"],
            name=row["name"],
            name_en=row["name_en"],
            serves=parse_categories(row["serves"]),
            service_life_years=int(
                row["service_life_years"] or DEFAULT_SERVICE_LIFE_YEARS
            ),
        )
        for row in read_rows(path)
    )


def load_devices(path: Path | None = None) -> dict[str, Device]:
    """The catalogue keyed by ISO 9999 code (`"12 22 03"`), in file order."""
    return {d.code: d for d in _read_devices(Path(path or DEVICES_PATH))}


def add_months(d: date, months: int) -> date:
    """`d` moved by whole months, clamped to the month's end (Jan 31 → Feb 28/29)."""
    year, month_index = divmod(d.year * 12 + d.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: date, years: int) -> date:
    """`d` moved by whole years; Feb 29 becomes Feb 28 in a common year."""
    return add_months(d, 12 * years)


def scheduled_months(index: int) -> int:
    """Months after the fitting of the schedule's visit number `index` (0: the
    first): 1, 3, then 12, 24, 36 ... (yearly after the fitting)."""
    if index < len(FOLLOWUP_MONTHS):
        return FOLLOWUP_MONTHS[index]
    return FOLLOWUP_MONTHS[-1] + 12 * (index - len(FOLLOWUP_MONTHS) + 1)


def next_followup_due(fitted_on: date | None, followups: list[date]) -> date | None:
    """When the next follow-up visit is due; None when nothing was fitted.

    The schedule counts from the fitting date: 1 month, 3 months, then every
    year after the fitting. Each recorded visit uses up one scheduled visit, and
    a visit also covers every scheduled date on or before it; the next one due
    is the first scheduled date left, so a late first visit does not move the
    three-month visit, and an early visit still counts as the one it was for.
    """
    if fitted_on is None:
        return None
    index = len(followups)
    last = max(followups, default=None)
    due = add_months(fitted_on, scheduled_months(index))
    while last is not None and due <= last:
        index += 1
        due = add_months(fitted_on, scheduled_months(index))
    return due


def _followup_dates(data: dict) -> list[date]:
    """The recorded follow-up dates, each required."""
    dates = []
    for index, entry in enumerate(data.get("followups") or []):
        field = f"followups-{index}-date"
        day = parse_day((entry or {}).get("date"), field, DeviceError)
        if day is None:
            raise DeviceError("date", field=field)
        dates.append(day)
    return dates


def _service_life(data: dict, catalogue: dict[str, Device]) -> int:
    """Years from the record, else from the catalogue, else the default."""
    years = data.get("service_life_years")
    if years is not None:
        if years < 1:
            raise DeviceError("service_life", field="service_life_years")
        return years
    device = catalogue.get(data.get("device_code"))
    return device.service_life_years if device else DEFAULT_SERVICE_LIFE_YEARS


def assess_device(
    data: dict, today: date | None = None, catalogue: dict[str, Device] | None = None
) -> dict:
    """Computed values of a `device_fitting` record (API.md); dates as ISO strings."""
    today = today or local_today()
    catalogue = load_devices() if catalogue is None else catalogue
    stage = data.get("stage")
    if stage is not None and stage not in STAGES:
        raise DeviceError("unknown_stage", field="stage")
    fitted_on = parse_day(data.get("fitted_on"), "fitted_on", DeviceError)
    if fitted_on is None and stage in FITTED_STAGES:
        raise DeviceError("fitted_on_required", field="fitted_on")
    followups = _followup_dates(data)
    if followups and (fitted_on is None or min(followups) < fitted_on):
        raise DeviceError("followup_before_fitting", field="followups")
    life = _service_life(data, catalogue)
    replacement = add_years(fitted_on, life) if fitted_on else None
    due = None if stage == "closed" else next_followup_due(fitted_on, followups)
    return {
        "service_life_years": life,
        "replacement_due": replacement.isoformat() if replacement else None,
        "next_followup_due": due.isoformat() if due else None,
        "followup_overdue": due is not None and today > due,
        "followup_count": len(followups),
    }
