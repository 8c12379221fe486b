"""Wire the installable app into the application factory."""

from pathlib import Path

from flask import Flask

from fieldapp.pwa.bundle import init_bundle
from fieldapp.pwa.shell import build_shell


def init_pwa(app: Flask) -> None:
    """Hash the shell once, at start, and register the worker's routes."""
    from fieldapp.pwa import bp

    static_dir = Path(app.static_folder)
    template_dir = Path(app.template_folder)
    root = static_dir.parent
    app.extensions["pwa"] = build_shell(static_dir, template_dir, root)
    app.register_blueprint(bp)
    init_bundle(app)
