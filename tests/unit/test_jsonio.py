"""JSON answers through orjson read back as Flask's own provider wrote them."""

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from flask import Flask
from flask.json.provider import DefaultJSONProvider
from markupsafe import Markup

from fieldapp.jsonio import FastJSONProvider


@dataclass
class Point:
    lat: float
    lon: float


@pytest.fixture
def providers():
    app = Flask(__name__)
    return FastJSONProvider(app), DefaultJSONProvider(app), app


SAMPLES = [
    {"name": "王大明", "b": 1, "a": [1, 2.5, None, True]},
    {"day": date(2026, 3, 5), "at": datetime(2026, 3, 5, 1, 2, 3, tzinfo=UTC)},
    {"amount": Decimal("12.50"), "id": uuid.UUID(int=7)},
    {"point": Point(18.8, 110.39), "markup": Markup("<b>粗</b>")},
    {10: "int keys", 2: {"nested": ("a", "b")}},
    [2**70, "an integer beyond 64 bits goes to the standard library"],
]


@pytest.mark.parametrize("value", SAMPLES)
def test_reads_back_as_flasks_own(providers, value):
    fast, stock, _app = providers
    assert json.loads(fast.dumps(value)) == json.loads(stock.dumps(value))


def test_sorted_keys_and_unescaped_chinese(providers):
    fast, _stock, _app = providers
    text = fast.dumps({"b": "万宁", "a": 1})
    assert text == '{"a":1,"b":"万宁"}'


def test_dates_stay_http_dates(providers):
    fast, _stock, _app = providers
    assert json.loads(fast.dumps(date(2026, 3, 5))) == "Thu, 05 Mar 2026 00:00:00 GMT"


def test_not_a_number_is_null_not_invalid_json(providers):
    fast, _stock, _app = providers
    assert fast.dumps([float("nan"), float("inf")]) == "[null,null]"


def test_unknown_types_are_still_a_type_error(providers):
    fast, _stock, _app = providers
    with pytest.raises(TypeError):
        fast.dumps({"s": {1, 2}})


def test_response_is_compact_with_a_newline(providers):
    fast, _stock, app = providers
    with app.app_context():
        response = fast.response({"名": "王"})
    assert response.mimetype == "application/json"
    assert response.get_data() == '{"名":"王"}\n'.encode()


def test_debug_mode_indents_as_before(providers):
    fast, stock, app = providers
    app.debug = True
    with app.app_context():
        indented = fast.response({"a": [1]}).get_data(as_text=True)
        assert indented == stock.response({"a": [1]}).get_data(as_text=True)
    assert indented.startswith('{\n  "a"')


def test_the_app_answers_with_it(app):
    assert isinstance(app.json, FastJSONProvider)
