"""Services: what the app does, independent of HTTP (no request, session or g)."""
