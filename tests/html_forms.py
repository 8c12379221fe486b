"""What a browser without JavaScript posts from a page's form, read from its HTML."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields a browser would post from the form with the given id:
    inputs (checked boxes only), each select's chosen option (else its first),
    textareas; nothing disabled or inside a <template>."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.fields: dict[str, str] = {}
        self.in_form = self.in_template = False
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.in_form = a.get("id") == self.form_id
        elif tag == "template":
            self.in_template = True
        if not self.in_form or self.in_template or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("file", "submit"):
            if a.get("type") not in ("radio", "checkbox") or "checked" in a:
                self.fields[name] = a.get("value") or ""
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select:
            if self.select not in self.fields or "selected" in a:
                self.fields[self.select] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "template":
            self.in_template = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def posted_fields(html: str, form_id: str) -> dict[str, str]:
    """The fields of form `form_id` as a browser would post them."""
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields
