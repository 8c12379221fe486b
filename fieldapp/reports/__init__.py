"""Case files, bulk printing and ledger exports (the read side of the records)."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from fieldapp.reports import casefiles, exports, printing  # noqa: E402,F401
