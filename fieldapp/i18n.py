"""Locale choice: Simplified Chinese unless the user switched to English."""

from flask import current_app, has_request_context, request, session
from flask_babel import get_locale


def select_locale() -> str:
    """Use the language kept in the session; Chinese by default (also for work
    outside a request: commands and background jobs)."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.args.get("lang") or session.get("lang")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    """`zh` or `en`: the language of the page or document being rendered."""
    if not has_request_context():
        return "zh"
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "zh"
