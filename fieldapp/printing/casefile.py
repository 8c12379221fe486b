"""A household's printable case file: HTML from templates/pdf/, PDF by WeasyPrint."""

from collections.abc import Callable
from datetime import datetime

import segno
from flask import current_app, render_template
from flask_babel import force_locale
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from fieldapp.domain.ids import mask_card, mask_id, mask_phone
from fieldapp.extensions import db
from fieldapp.models import Household, Photo, Record, utcnow
from fieldapp.printing import format as css
from fieldapp.printing.fetcher import PhotoStoreFetcher, photo_url
from fieldapp.services.storage import photo_storage

DEFAULT_BASE_URL = "http://127.0.0.1:5000"
_font_config = None


def font_config():
    """One FontConfiguration per process: building one loads all of fontconfig."""
    global _font_config
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


def household_url(household: Household) -> str:
    """The household's page, as the QR code on the cover opens it."""
    base = current_app.config.get("PUBLIC_BASE_URL") or DEFAULT_BASE_URL
    return f"{base.rstrip('/')}/households/{household.uuid}"


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code (no image fetch needed)."""
    return Markup(segno.make(url, error="m").svg_inline(scale=3, border=2))


def case_records(household: Household) -> list[Record]:
    """The household's records in time order, with photos and reviews loaded."""
    stmt = (
        select(Record)
        .where(Record.household_id == household.id)
        .options(selectinload(Record.photos), selectinload(Record.reviews))
        .order_by(Record.captured_at, Record.id)
    )
    return list(db.session.scalars(stmt))


def number_masks(unmasked: bool) -> dict[str, Callable]:
    """How ID, card and phone numbers are printed."""
    if unmasked:
        same = lambda value: value or ""  # noqa: E731
        return {"id_number": same, "card": same, "phone": same}
    return {"id_number": mask_id, "card": mask_card, "phone": mask_phone}


def kind_counts(records: list[Record]) -> dict[str, int]:
    """How many records of each kind, in order of first appearance."""
    counts: dict[str, int] = {}
    for record in records:
        counts[record.kind] = counts.get(record.kind, 0) + 1
    return counts


def case_context(
    household: Household,
    *,
    unmasked: bool,
    now: datetime,
    printed_by: str,
    photo_src: Callable[[Photo], str],
    preview: bool,
) -> dict:
    """Everything the case-file template shows."""
    records = case_records(household)
    url = household_url(household)
    return {
        "household": household,
        "head": household.head,
        "records": records,
        "kind_counts": kind_counts(records),
        "masks": number_masks(unmasked),
        "unmasked": unmasked,
        "printed_at": now,
        "printed_by": printed_by,
        "household_url": url,
        "qr": qr_svg(url),
        "photo_src": photo_src,
        "preview": preview,
        "css": css,
    }


def render_case_html(
    household: Household,
    *,
    unmasked: bool = False,
    now: datetime | None = None,
    printed_by: str = "",
    photo_src: Callable[[Photo], str] | None = None,
    preview: bool = False,
    lang: str = "zh",
    template: str = "pdf/casefile.html",
) -> str:
    """The case file as HTML; the PDF and the browser preview share it."""
    context = case_context(
        household,
        unmasked=unmasked,
        now=now or utcnow(),
        printed_by=printed_by,
        photo_src=photo_src or (lambda photo: photo_url(photo.sha256)),
        preview=preview,
    )
    with force_locale(lang):
        return render_template(template, **context)


def render_case_file(
    household: Household,
    *,
    unmasked: bool = False,
    now: datetime | None = None,
    printed_by: str = "",
    lang: str = "zh",
) -> bytes:
    """The case file as an A4 PDF with CJK fonts embedded and print-size photos.

    Photos come from their print-size copies and pass through unchanged; `dpi`
    is only a cap for larger images (WeasyPrint then re-encodes them).
    """
    from weasyprint import HTML

    html = render_case_html(
        household, unmasked=unmasked, now=now, printed_by=printed_by, lang=lang
    )
    config = current_app.config
    return HTML(string=html, url_fetcher=PhotoStoreFetcher(photo_storage())).write_pdf(
        font_config=font_config(), dpi=config["CASEFILE_DPI"]
    )
