"""The towns of Wanning."""

from flask_login import login_required
from sqlalchemy import select

from fieldapp.api import bp
from fieldapp.extensions import db
from fieldapp.models import Town


@bp.get("/towns")
@login_required
def list_towns():
    """Every town and unit, ordered by code."""
    towns = db.session.scalars(select(Town).order_by(Town.code)).all()
    return [town.to_api() for town in towns]
