"""Locale choice: Simplified Chinese unless the user switched to English."""

from flask import current_app, request, session


def select_locale() -> str:
    """Use the language kept in the session; Chinese by default."""
    chosen = request.args.get("lang") or session.get("lang")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]
