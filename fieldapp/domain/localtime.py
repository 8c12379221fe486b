"""Wanning's local time: the one zone every page, form, export and case file uses."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def local_today() -> date:
    """Today in China time, whatever zone the server runs in."""
    return datetime.now(LOCAL_TZ).date()
