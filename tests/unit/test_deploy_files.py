"""The files docs/deploy.md installs: complete, and consistent with the app."""

import re
from pathlib import Path

from fieldapp.config import ENV_SETTINGS, Config

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_the_environment_file_explains_every_setting():
    text = (DEPLOY / "fieldapp.env.example").read_text()
    missing = [name for name in ENV_SETTINGS if f"{name}=" not in text]
    assert missing == []


def test_the_example_environment_asks_for_production():
    text = (DEPLOY / "fieldapp.env.example").read_text()
    assert "\nFIELDAPP_ENV=production\n" in text
    assert "\nTRUSTED_PROXIES=1\n" in text


def test_nginx_body_limit_fits_a_photo_and_its_form():
    text = (DEPLOY / "nginx" / "fieldapp.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", text).group(1))
    largest = max(Config.MAX_PHOTO_BYTES, Config.IMPORT_MAX_BYTES) + 65536
    assert largest <= megabytes * 1024 * 1024 < largest + 2 * 1024 * 1024


def test_units_run_what_the_repository_holds():
    for unit in (DEPLOY / "systemd").glob("*.service"):
        text = unit.read_text()
        for path in re.findall(r"/srv/fieldapp/app/(deploy/[\w.-]+)", text):
            assert (DEPLOY.parent / path).exists(), (unit.name, path)
        assert "EnvironmentFile=/etc/fieldapp/fieldapp.env" in text or (
            "deploy/fieldapp-" in text
        )
    web = (DEPLOY / "systemd" / "fieldapp-web.service").read_text()
    assert "--config deploy/gunicorn.conf.py wsgi:app" in web


def test_gunicorn_settings_load():
    from gunicorn.config import Config as GunicornConfig

    namespace: dict = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102
    config = GunicornConfig()
    for name in ("bind", "workers", "worker_class", "threads", "timeout"):
        config.set(name, namespace[name])
    assert config.worker_class_str == "gthread"
    assert config.timeout >= 60
