"""Logs never hold a full ID, card or phone number, database errors included."""

import logging

import pytest

from fieldapp.logredact import redact
from tests.factories import household_payload, make_id, member_payload


@pytest.fixture
def broken_birth_dates(monkeypatch):
    """Make storing a member fail in the database (NOT NULL on birth_date), with
    the member's numbers among the statement's values."""
    from fieldapp.services import households

    real = households.derived_fields
    monkeypatch.setattr(
        households, "derived_fields", lambda m: {**real(m), "birth_date": None}
    )


def test_a_database_error_logs_no_number_and_no_row(
    api, make_user, broken_birth_dates, caplog
):
    idn = make_id()
    member = member_payload(
        name="符秀兰", id_number=idn, disability_card=idn + "41", phone="13912345678"
    )
    client = api(make_user("inspector", towns=["469006100"]))
    with caplog.at_level(logging.INFO):
        response = client.post(
            "/api/v1/households", json=household_payload(members=[member])
        )
    assert response.status_code == 500
    logged = caplog.text
    assert "IntegrityError" in logged and "birth_date" in logged  # the error is there
    for secret in (idn, idn + "41", "13912345678", "符秀兰"):
        assert secret not in logged
        assert secret not in response.get_data(as_text=True)
    assert "parameters hidden" in logged


def test_any_logger_masks_numbers_in_its_lines(caplog):
    idn = make_id()
    with caplog.at_level(logging.INFO):
        logging.getLogger("werkzeug").info('"GET /?q=%s HTTP/1.1" 200 -', idn)
        logging.getLogger("gunicorn.access").info("phone=%s", "13912345678")
    assert idn not in caplog.text and "13912345678" not in caplog.text
    assert idn[:6] + "********" + idn[-4:] in caplog.text
    assert "139****5678" in caplog.text


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("id 469006196005121231 seen", "id 469006********1231 seen"),
        ("id=46900619600512124x;", "id=469006********124X;"),
        ("card 46900619600512123141", "card 469006********123141"),
        ("tel 13800001234, 0898-62212345", "tel 138****1234, 089*******45"),
        ("+8613800001234", "+86*********34"),
        (
            "DETAIL:  Failing row contains (1, 王某, 469006).\n[SQL",
            "DETAIL: [hidden]\n[SQL",
        ),
        ("uuid 0b8f6c1e-3c55-4d1e-9a8e-201234567890", None),
        ("sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", None),
        ("took 1234 ms at 2026-03-05T09:12:00+08:00", None),
    ],
)
def test_redaction_masks_numbers_and_nothing_else(line, shown):
    assert redact(line) == (line if shown is None else shown)
