"""Rules and labels the survey pages give their live preview, from the server's
own configuration, so the phone shows the numbers the server will compute."""

from flask import current_app, url_for

from fieldapp.domain.labels import VOCABULARIES
from fieldapp.registry import KINDS


def vocabularies(lang: str) -> dict[str, dict[str, str]]:
    """Every vocabulary as {key: label} in one language."""
    index = 1 if lang.startswith("en") else 0
    return {
        name: {k: v[index] for k, v in labels.items()}
        for name, labels in VOCABULARIES.items()
    }


def links() -> dict[str, dict]:
    """Each linking kind's link (`registry/links.py`) by kind, with the URL of the
    named kind's rule port."""
    return {
        kind.name: {
            **kind.links_to.client(),
            "module": url_for(
                "static", filename=KINDS[kind.links_to.target].preview_module
            ),
        }
        for kind in KINDS.values()
        if kind.links_to is not None
    }


def client_config(lang: str) -> dict:
    """Everything the preview needs: labels, each kind's rule parameters and
    catalogues (from its registry entry), each kind's link with the rule port of
    the kind it names (the phone computes a queued record's values with it), and
    the GPS cut-offs."""
    config = current_app.config
    sections = {}
    for kind in KINDS.values():
        sections.update(kind.preview_config(config))
    return {
        "labels": vocabularies(lang),
        **sections,
        "links": links(),
        "gps": {
            "inaccurate_m": config["GPS_INACCURATE_M"],
            "far_m": config["GPS_FAR_M"],
        },
    }
