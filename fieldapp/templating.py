"""Template filters and globals: masking, labels, local times, formatters."""

import base64
from datetime import date, datetime
from pathlib import Path

from flask import Flask

from fieldapp import clock, formatting
from fieldapp.domain.charts import bar_percent, sparkline
from fieldapp.domain.ids import (
    CATEGORIES,
    LEVELS,
    age_on,
    mask_card,
    mask_id,
    mask_phone,
)
from fieldapp.domain.labels import label
from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.domain.stages import stage_history
from fieldapp.models import new_uuid
from fieldapp.registry import KINDS, current_computed
from fieldapp.services import policy
from fieldapp.services.ledger_columns import stage as stage_in_words
from fieldapp.surveys.client_config import client_config
from forms.choices import current_language


def localtime(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A time in China time (UTC+8)."""
    if value is None:
        return ""
    return value.astimezone(LOCAL_TZ).strftime(fmt)


def vocab_label(key, vocab: str) -> str:
    """A value's label in the current language (`{{ status|label('status') }}`)."""
    if key is None or key == "":
        return ""
    return label(vocab, key, current_language())


def category_label(code: int | None) -> str:
    """Disability category in words."""
    if not code:
        return ""
    zh, en = CATEGORIES[code]
    return en if current_language() == "en" else zh


def level_label(code: int | None) -> str:
    """Disability level in words."""
    if not code:
        return ""
    zh, en = LEVELS[code]
    return en if current_language() == "en" else zh


def age(birth: date | None, on: date | datetime | None = None) -> str:
    """Age in full years today, or on the day `on` (a date, or a time in China)."""
    if birth is None:
        return ""
    if isinstance(on, datetime):
        on = on.astimezone(LOCAL_TZ).date()
    return str(age_on(birth, on or clock.today()))


def stage_words(row) -> str:
    """A record row's stage (`kind`, `stage`) in the words of its kind."""
    return stage_in_words(row, current_language())


def today_iso() -> str:
    """Today's date in China time, as `YYYY-MM-DD` (compare with stored dates)."""
    return clock.today().isoformat()


def favicon_uri(app: Flask) -> str:
    """The 32 px icon as a data: URI, read once: written into the page (about
    500 bytes), it saves a phone's first load a request and its headers."""
    icon = Path(app.static_folder) / "icons" / "icon-32.png"
    return "data:image/png;base64," + base64.b64encode(icon.read_bytes()).decode()


def init_templates(app: Flask) -> None:
    """Register filters and globals."""
    app.jinja_env.filters.update(
        mask_id=mask_id,
        mask_card=mask_card,
        mask_phone=mask_phone,
        label=vocab_label,
        localtime=localtime,
        category=category_label,
        level=level_label,
        age=age,
        stage_history=stage_history,
        stage_words=stage_words,
    )
    app.jinja_env.globals.update(
        fmt=formatting,
        policy=policy,
        lang=current_language,
        new_uuid=new_uuid,
        today_iso=today_iso,
        current_computed=current_computed,
        survey_config=lambda: client_config(current_language()),
        survey_kinds=list(KINDS),
        survey_registry=KINDS,
        bar_percent=bar_percent,
        sparkline=sparkline,
        favicon=favicon_uri(app),
    )
