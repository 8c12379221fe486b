"""Security headers on every response, by Flask-Talisman.

- Content-Security-Policy: scripts only from this site's files (no inline script,
  no eval: the pages' data travels in `<script type="application/json">`
  blocks, which are never run); styles from files, plus the case-file preview's
  one `<style>` element, which carries the request's nonce; images from the
  site, `blob:` (photos before upload) and `data:`; no plugins; no framing by any
  site (`frame-ancestors 'none'`, and X-Frame-Options: DENY for old browsers).
- X-Content-Type-Options: nosniff; Referrer-Policy: same-origin; a
  Permissions-Policy that allows the camera and position to this site only.
- Production (`FIELDAPP_ENV=production`): Secure session and remember-me cookies
  and HSTS (on HTTPS requests, as browsers ignore it elsewhere). HTTPS itself is
  nginx's job (docs/deploy.md), so nothing is redirected here.
"""

from urllib.parse import urlsplit

from flask import Flask
from flask_talisman import DENY, Talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' blob: data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
PERMISSIONS_POLICY = {"geolocation": "(self)", "camera": "(self)", "microphone": "()"}
HSTS_MAX_AGE_S = 365 * 24 * 3600


def tile_source(url: str) -> str | None:
    """The CSP source of the map's tiles (`MAP_TILES_URL`): its scheme and host,
    a `{s}` subdomain as `*.` (CSP wildcards stand for whole leftmost labels)."""
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.netloc:
        return None
    host = parts.netloc
    if "{" in host:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def content_security_policy(app: Flask) -> dict:
    """The policy, with the map's tile host allowed as an image source."""
    policy = dict(CONTENT_SECURITY_POLICY)
    tiles = tile_source(app.config.get("MAP_TILES_URL", ""))
    if tiles:
        policy["img-src"] = f"{policy['img-src']} {tiles}"
    return policy


def is_production(app: Flask) -> bool:
    """Whether the app runs with FIELDAPP_ENV=production."""
    return app.config.get("FIELDAPP_ENV") == "production"


def init_headers(app: Flask) -> Talisman:
    """Set the headers on every response; in production, the cookie flags."""
    production = is_production(app)
    if production:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    return Talisman(
        app,
        force_https=False,
        frame_options=DENY,
        content_security_policy=content_security_policy(app),
        content_security_policy_nonce_in=["style-src"],
        referrer_policy="same-origin",
        permissions_policy=PERMISSIONS_POLICY,
        strict_transport_security=production,
        strict_transport_security_max_age=HSTS_MAX_AGE_S,
        session_cookie_secure=production,
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
        x_content_type_options=True,
    )
