"""Why a service refused: the few outcomes every view translates into HTTP.

Services raise these and never build responses; the API answers each with one
status and the contract's error shape (`fieldapp/api/__init__.py`), the pages
re-render their form or show a message. `NotInScope` (404) lives with the scoped
getters in `services/scoped.py`.
"""

from flask_babel import lazy_gettext as _l


class ServiceError(Exception):
    """A refusal with a machine code, a human message and the HTTP status the
    web layer answers it with."""

    status = 400

    def __init__(self, code: str, message: str = ""):
        super().__init__(code)
        self.code = code
        self.message = str(message)


class NotAllowed(ServiceError):
    """The user's role or towns do not allow this (403); `errors` may name the
    field at fault."""

    status = 403

    def __init__(self, code: str, message: str = "", errors=None):
        super().__init__(code, message)
        self.errors = (
            {name: [str(m) for m in msgs] for name, msgs in errors.items()}
            if errors
            else None
        )


class Invalid(ServiceError):
    """The input does not pass the form or the rule (422).

    `errors` maps flattened field names (`data-barthel-feeding`) to messages;
    `form` is the bound form with the same errors on its fields, for pages.
    """

    status = 422

    def __init__(
        self, errors: dict[str, list[str]], form=None, code="validation_failed"
    ):
        super().__init__(code, _l("数据校验未通过。"))
        self.errors = {name: [str(m) for m in msgs] for name, msgs in errors.items()}
        self.form = form


class Conflict(ServiceError):
    """The uuid is taken by other content, or the edit is based on an old
    version (409); `current` is the stored object as it is now (or None)."""

    status = 409

    def __init__(self, code: str, message: str, current=None):
        super().__init__(code, message)
        self.current = current


class TooLarge(ServiceError):
    """An upload over its size limit (413)."""

    status = 413


class StoreFull(ServiceError):
    """The photo store has no room (507): nothing was kept, and the phone's
    outbox sends the photo again later."""

    status = 507
