"""Today, as the app counts it: China time, or the `TODAY` setting when fixed.

Everything that says "active" or "overdue" asks here, so a test or a demo can
fix the day (`TODAY = "2026-11-01"`) without touching the system clock.
"""

from datetime import date

from flask import current_app, has_app_context

from fieldapp.domain.localtime import local_today


def today() -> date:
    """Today in China time, unless the app's `TODAY` setting fixes the day."""
    fixed = current_app.config.get("TODAY") if has_app_context() else None
    if not fixed:
        return local_today()
    return fixed if isinstance(fixed, date) else date.fromisoformat(str(fixed))
