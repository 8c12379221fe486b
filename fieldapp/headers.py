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

The headers are worked out once (`PrecomputedTalisman`), not per response, and
the nonce is made only when a template asks for it: a JSON answer, a file or a
page without the preview's `<style>` carries the same policy with no nonce (a
nonce is only a further allowance, and CSP means nothing to JSON). Issue 15:
every API call paid for Talisman's per-request option merging and nonce.
"""

from urllib.parse import urlsplit

from flask import Flask, request
from flask_talisman import DENY, Talisman
from flask_talisman.talisman import NONCE_LENGTH, get_random_string

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


class PrecomputedTalisman(Talisman):
    """Talisman with its headers built once and the nonce made on first use.

    This app sets no per-view Talisman options, so every response gets the same
    headers; only the nonce (when a template used one) and HSTS (production,
    HTTPS requests) depend on the request.
    """

    def init_app(self, app: Flask, **kwargs) -> None:
        """Talisman's set-up, then the fixed headers and the policy's two halves
        around the nonce."""
        super().init_app(app, **kwargs)
        self._fixed = {
            "Permissions-Policy": self._parse_structured_header_policy(
                self.permissions_policy
            ),
            "X-Frame-Options": self.frame_options,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": self.referrer_policy,
        }
        parts = [f"{k} {v}" for k, v in self.content_security_policy.items()]
        self._csp = "; ".join(parts)
        self._csp_parts = [
            (part, name in self.content_security_policy_nonce_in)
            for part, name in zip(parts, self.content_security_policy, strict=True)
        ]

    def _force_https(self):
        """Nothing to do: HTTPS is nginx's job (`force_https=False`)."""
        if self.force_https:
            return super()._force_https()
        return None

    def _make_nonce(self) -> None:
        """No nonce up front: `_get_nonce` makes one when a template asks."""

    def _get_nonce(self) -> str:
        """The request's nonce, made on first use (the `csp_nonce()` global).

        Only rendered (not streamed) templates may use it: the policy header is
        written when the view returns."""
        nonce = getattr(request, "csp_nonce", None)
        if nonce is None:
            nonce = request.csp_nonce = get_random_string(NONCE_LENGTH)
        return nonce

    def content_security_policy_header(self) -> str:
        """The policy, with `'nonce-…'` in the nonce's directives when this
        request made one."""
        nonce = getattr(request, "csp_nonce", None)
        if nonce is None:
            return self._csp
        return "; ".join(
            f"{part} 'nonce-{nonce}'" if with_nonce else part
            for part, with_nonce in self._csp_parts
        )

    def _set_response_headers(self, response):
        """The fixed headers, the policy and (production, HTTPS) HSTS; a bundle
        gets only nosniff."""
        headers = response.headers
        if is_bundle(response):
            headers["X-Content-Type-Options"] = "nosniff"
            return response
        for name, value in self._fixed.items():
            headers[name] = value
        headers["Content-Security-Policy"] = self.content_security_policy_header()
        self._set_hsts_headers(headers)
        return response


# What a content-named bundle under /static/dist/ may be (fieldapp/pwa/bundle.py).
BUNDLE_TYPES = frozenset({"text/javascript", "text/css"})


def is_bundle(response) -> bool:
    """A script or stylesheet bundle: never a document, so the document policies
    (CSP, frame options, referrer and permissions policy, HSTS) mean nothing to
    a browser there, and leaving them out saves about 400 bytes on each of the
    few files a phone's first load fetches (issue 15). nosniff stays: it is what
    keeps a script or stylesheet from being taken for something else."""
    return (
        request.path.startswith("/static/dist/") and response.mimetype in BUNDLE_TYPES
    )


def init_headers(app: Flask) -> Talisman:
    """Set the headers on every response; in production, the cookie flags."""
    production = is_production(app)
    if production:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    return PrecomputedTalisman(
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
