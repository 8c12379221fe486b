"""The review queue page and the review of one record, approve or return, next.

Thin: the queue is `services.review_queue`, the changes `services.record_changes`,
the decision `services.reviews.review`.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from fieldapp.domain.labels import VOCABULARIES, label
from fieldapp.households.views import town_choices
from fieldapp.registry import KINDS
from fieldapp.review import bp
from fieldapp.services import record_changes, reviews, scoped
from fieldapp.services.errors import Conflict, Invalid
from fieldapp.services.policy import may_review
from fieldapp.services.review_queue import (
    QueueFilter,
    authors,
    next_in_queue,
    review_queue,
    stored_at,
)
from forms.choices import current_language, vocab_choices
from forms.photos import TAG_CHOICES
from forms.review_queue import QueueFilterForm
from forms.reviews import COMMON_COMMENTS


def reviewer():
    """The signed-in supervisor or admin; anyone else gets 403."""
    if not may_review(current_user):
        abort(403)
    return current_user._get_current_object()


def filter_form(actor) -> QueueFilterForm:
    """The queue's filter bound to the query string, with the actor's choices."""
    return QueueFilterForm(
        request.args,
        towns=town_choices(),
        kinds=vocab_choices("kind", list(KINDS)),
        authors=[(u.username, u.name) for u in authors(actor)],
        flags=vocab_choices("flag", VOCABULARIES["flag"]),
    )


@bp.get("/review")
@login_required
def index():
    """Submitted records of the reviewer's towns, oldest first, with filters."""
    actor = reviewer()
    form = filter_form(actor)
    wanted = QueueFilter(**form.chosen())
    queue = review_queue(actor, wanted, request.args.get("page", 1, type=int))
    kind_labels = {k: label("kind", k, current_language()) for k in KINDS}
    return render_template(
        "review/index.html", form=form, wanted=wanted, queue=queue, kinds=kind_labels
    )


def shown_filter() -> QueueFilter:
    """The queue filter a review page carries along (as far as it is valid)."""
    return QueueFilter(**filter_form(current_user).chosen())


def render_review(record, wanted, seen=None, errors=None, comment="", status=200):
    """The review page: the record beside its changes, photos, the decision."""
    base = record_changes.compared_with(record, seen)
    following = next_in_queue(current_user, wanted, record)
    page = render_template(
        "review/detail.html",
        record=record,
        spec=KINDS.get(record.kind),
        wanted=wanted,
        base=base,
        seen=seen,
        changes=record_changes.changes_since(record, base),
        following=following,
        submitted_at=stored_at(record),
        errors=errors or {},
        comment=comment,
        common_comments=COMMON_COMMENTS,
        photo_tags=TAG_CHOICES,
    )
    return page, status


@bp.get("/review/<uuid>")
@login_required
def detail(uuid: str):
    """One record under review; `seen` shows the changes since that version."""
    record = scoped.record(uuid, reviewer())
    return render_review(record, shown_filter(), request.args.get("seen", type=int))


@bp.post("/review/<uuid>")
@login_required
def decide(uuid: str):
    """Approve or return the version shown, then go straight to the next one."""
    actor = reviewer()
    record = scoped.record(uuid, actor)
    wanted = shown_filter()
    comment = request.form.get("comment", "")
    try:
        done = reviews.review(record, request.form, actor)
    except Invalid as exc:
        return render_review(
            record, wanted, errors=exc.errors, comment=comment, status=422
        )
    except Conflict as exc:
        flash(exc.message, "error")
        if exc.code == "stale_version":
            seen = request.form.get("version", type=int)
            return render_review(record, wanted, seen, comment=comment, status=409)
    else:
        approved = done.decision == "approve"
        flash(_("已通过。") if approved else _("已退回给调查员。"), "success")
    following = next_in_queue(actor, wanted, record)
    if following is None:
        return redirect(url_for("review.index", **wanted.args()))
    return redirect(url_for("review.detail", uuid=following.uuid, **wanted.args()))
