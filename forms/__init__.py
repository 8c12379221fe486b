"""Forms: one module per area; the HTML form and the API payload share a class."""

from flask_wtf import FlaskForm
from flask_wtf.i18n import translations
from wtforms import Form


class BaseForm(FlaskForm):
    """Every browser form: CSRF-protected, Chinese messages by default."""


class SubForm(Form):
    """A part of a form (a FormField or FieldList entry, a record's `data`) or
    a filter form without CSRF: WTForms' own messages ("Not a valid choice.")
    in the user's language, as a FlaskForm gives them, not always English."""

    class Meta:
        def get_translations(self, form):
            return translations
