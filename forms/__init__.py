"""Forms: one module per area; the HTML form and the API payload share a class."""

from flask_wtf import FlaskForm


class BaseForm(FlaskForm):
    """Every browser form: CSRF-protected, Chinese messages by default."""
