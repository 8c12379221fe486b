"""Log records never hold a full ID, card or phone number, nor a database's echo
of the row that failed: every record is masked when it is made (API.md)."""

import logging
import re

from fieldapp.domain.masking import mask_card, mask_id, mask_phone

# Digit runs an ID (18, maybe ending in X), a card (20–21) or a phone could be;
# not after a hyphen, where a UUID's last 12 characters may all be digits.
LONG_NUMBER = re.compile(
    r"(?<![0-9A-Za-z-])"
    r"(?:[0-9]{17}[0-9Xx][0-9]{0,3}|\+?[0-9]{11,16}|0[0-9]{2,3}-[0-9]{7,8})"
    r"(?![0-9A-Za-z])"
)
# PostgreSQL's DETAIL line quotes the failing row or key, values and all.
DATABASE_DETAIL = re.compile(r"^(\s*DETAIL:).*$", re.MULTILINE)
_formatter = logging.Formatter()


def _mask(match: re.Match) -> str:
    number = match.group()
    if len(number) >= 20:
        return mask_card(number)
    if len(number) >= 18:
        return mask_id(number)
    return mask_phone(number)


def redact(text: str) -> str:
    """The text with long numbers masked and database DETAIL lines hidden."""
    text = DATABASE_DETAIL.sub(r"\1 [hidden]", text)
    return LONG_NUMBER.sub(_mask, text)


def redacted(record: logging.LogRecord) -> logging.LogRecord:
    """Format the record's message and traceback now, masked; handlers and
    formatters then use the masked text (a formatter keeps a set exc_text)."""
    record.msg, record.args = redact(record.getMessage()), None
    if record.exc_info and not record.exc_text:
        record.exc_text = redact(_formatter.formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def install_log_redaction() -> None:
    """Mask every log record of the process (ours, werkzeug's, gunicorn's, rq's),
    whatever logger or handler it goes to. Installing twice is harmless."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "redacts", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        return redacted(previous(*args, **kwargs))

    factory.redacts = True
    logging.setLogRecordFactory(factory)
