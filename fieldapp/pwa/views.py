"""/sw.js, the web app manifest, and the page shown for households seen offline."""

import json

from flask import Response, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from fieldapp.domain.labels import label
from fieldapp.pwa import bp
from fieldapp.registry import KINDS
from fieldapp.services import policy
from fieldapp.surveys.client_config import vocabularies
from forms.choices import current_language


def shell():
    """The version and asset list computed at app start."""
    return current_app.extensions["pwa"]


def page_urls() -> list[str]:
    """Pages the worker keeps for offline use: start, household shell, every form."""
    urls = [
        url_for("households.index"),
        url_for("pwa.offline"),
        url_for("households.create"),
    ]
    if "surveys.new" in current_app.view_functions:
        urls += [url_for("surveys.new", kind=kind) for kind in KINDS]
    return urls


@bp.get("/sw.js")
def service_worker():
    """The worker, with this deployment's version and precache lists in front."""
    static = url_for("static", filename="")
    head = "".join(
        f"const {name} = {json.dumps(value, ensure_ascii=False)};\n"
        for name, value in (
            ("VERSION", shell().version),
            ("ASSETS", [static + path for path in shell().assets]),
            ("PAGES", page_urls()),
            ("SHELL", url_for("pwa.offline")),
        )
    )
    response = Response(head + shell().worker_source, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    # Phones check for a new version often; an unchanged worker answers 304.
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/manifest.webmanifest")
def manifest():
    """What Android needs to put the app on the home screen."""
    icons = [
        {
            "src": url_for("static", filename=f"icons/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any maskable",
        }
        for size in (192, 512)
    ]
    body = {
        "name": _("万宁入户服务"),
        "short_name": _("万宁入户服务"),
        "lang": "en" if current_language() == "en" else "zh-CN",
        "start_url": url_for("households.index"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f5f7fa",
        "theme_color": "#0b5394",
        "icons": icons,
    }
    return Response(
        json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json"
    )


def offline_labels() -> dict:
    """Labels the offline household view needs, in the user's language."""
    lang = current_language()
    kinds = [
        {
            "kind": kind.name,
            "label": label("kind", kind.name, lang),
            "person": kind.person_required,
        }
        for kind in KINDS.values()
        if policy.may_write_kind(current_user, kind.name)
    ]
    labels = vocabularies(lang)
    vocabs = ("relation", "poverty_status", "sex", "category", "level")
    return {"kinds": kinds, **{v: labels[v] for v in vocabs}}


@bp.get("/offline")
@login_required
def offline():
    """What the worker serves for pages it has not kept; scripts fill it in."""
    return render_template("pwa/offline.html", labels=offline_labels())
