"""Configuration: safe defaults, then the environment, then explicit overrides."""

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from fieldapp.domain.localtime import LOCAL_TZ

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def flag(raw: str) -> bool:
    """An on/off setting: 1/true/yes/on or 0/false/no/off (any case)."""
    word = raw.strip().lower()
    if word in TRUE_WORDS | FALSE_WORDS:
        return word in TRUE_WORDS
    raise ValueError(raw)


# Environment variables read by the app, with the type each is parsed as.
ENV_SETTINGS: dict[str, Callable[[str], object]] = {
    "DATABASE_URL": str,
    "SECRET_KEY": str,
    "UPLOAD_DIR": str,
    "PHOTO_STORE": str,
    "S3_ENDPOINT_URL": str,
    "S3_ACCESS_KEY_ID": str,
    "S3_SECRET_ACCESS_KEY": str,
    "S3_REGION": str,
    "UPLOAD_MIN_FREE_MB": int,
    "ACCESS_LOG": int,
    "MAX_PHOTO_BYTES": int,
    "PHOTO_DERIVATIVES": str,
    "ASSET_BUNDLE": int,
    "REDIS_URL": str,
    "TOKEN_TTL_HOURS": int,
    "SESSION_HOURS": int,
    "LOGIN_FAILURE_LIMIT": int,
    "LOGIN_FAILURE_WINDOW_S": int,
    "LOGIN_ACCOUNT_FAILURE_LIMIT": int,
    "LOGIN_ADDRESS_FAILURE_LIMIT": int,
    "FIELDAPP_ENV": str,
    "TRUSTED_PROXIES": int,
    "GPS_INACCURATE_M": float,
    "GPS_FAR_M": float,
    "ACCESSIBILITY_CAP_YUAN": float,
    "HOUSING_SUBSIDY_FLOOR_C": int,
    "HOUSING_SUBSIDY_FLOOR_D": int,
    "HOUSING_AREA_CAPS": str,
    "HOUSING_AREA_PER_PERSON": str,
    "RESPITE_MIN_AGE": int,
    "RESPITE_MAX_AGE": int,
    "RESPITE_EXITED_ELIGIBLE": flag,
    "BULK_WORKERS": int,
    "BULK_TASKS_PER_PROCESS": int,
    "PUBLIC_BASE_URL": str,
    "JOB_DIR": str,
    "JOB_QUEUE": str,
    "PRINT_JOB_DIR": str,
    "PRINT_QUEUE": str,
    "CASEFILE_DPI": int,
    "SQLITE_BUSY_TIMEOUT_MS": int,
    "JOB_LEASE_S": int,
    "JOB_KEEP_DAYS": int,
    "JOB_MAX_ACTIVE_PER_USER": int,
    "IMPORT_MAX_BYTES": int,
    "IMPORT_MAX_ROWS": int,
    "PLAN_START": str,
    "TARGET_HOUSING_RENOVATED": int,
    "TARGET_HOUSING_DEADLINE": str,
    "TARGET_RESPITE_COVERAGE": float,
    "TARGET_RESPITE_DEADLINE": str,
    "REVIEW_WAITING_DAYS": int,
    "MAP_TILES_URL": str,
    "MAP_TILES_ATTRIBUTION": str,
    "MAP_TILES_CRS": str,
    "MAP_TILES_SUBDOMAINS": str,
    "MAP_TILES_MAX_ZOOM": int,
}


class Config:
    """Defaults; every value can be overridden from the environment or by tests."""

    DATABASE_URL: str | None = None
    SECRET_KEY: str | None = None
    UPLOAD_DIR: str | None = None
    # Where photos live: "local" (UPLOAD_DIR, the default) or "s3://bucket/prefix"
    # with the S3_* settings (several app servers share one object store).
    PHOTO_STORE = "local"
    S3_ENDPOINT_URL: str | None = None
    S3_ACCESS_KEY_ID: str | None = None
    S3_SECRET_ACCESS_KEY: str | None = None
    S3_REGION = "us-east-1"
    UPLOAD_MIN_FREE_MB = 500  # /healthz fails below this free space for uploads
    ACCESS_LOG = 0  # 1: one JSON line per request on stderr (no personal data)
    MAX_PHOTO_BYTES = 10 * 1024 * 1024
    # When a photo's display copy and thumbnail are made: "after_response" (once
    # the upload is answered), "lazy" (on first view) or "eager" (in the upload).
    PHOTO_DERIVATIVES = "after_response"
    # 1: pages load the esbuild bundles in static/dist/ when they are fresh; 0: the
    # plain ES modules (for comparing, or debugging in the browser).
    ASSET_BUNDLE = 1
    REDIS_URL: str | None = None
    TOKEN_TTL_HOURS = 24 * 14
    SESSION_HOURS = 24  # a browser login without remember-me, on the server
    # Failed logins allowed per window: one account from one address, one account
    # from anywhere, one address for any account (fieldapp/auth/limits.py).
    LOGIN_FAILURE_LIMIT = 5
    LOGIN_ACCOUNT_FAILURE_LIMIT = 20
    LOGIN_ADDRESS_FAILURE_LIMIT = 50
    LOGIN_FAILURE_WINDOW_S = 15 * 60
    GPS_INACCURATE_M = 50.0
    GPS_FAR_M = 500.0
    ACCESSIBILITY_CAP_YUAN = 6000.0
    HOUSING_SUBSIDY_FLOOR_C = 8000
    HOUSING_SUBSIDY_FLOOR_D = 35000
    # New-build floor areas (m², min-max) by household size, and per person for
    # larger households (Hainan 2018 plan, DOMAIN §1.7). A renovation's cap is
    # the upper figure; area above it is the household's own cost.
    HOUSING_AREA_CAPS = "1:20-30,2:30-40,3:40-60"
    HOUSING_AREA_PER_PERSON = "13-18"
    RESPITE_MIN_AGE = 16
    RESPITE_MAX_AGE = 59  # 0: no upper age limit
    # 脱贫不脱政策: a household that has left poverty keeps respite eligibility
    # during the transition period (false: only the current poverty statuses).
    RESPITE_EXITED_ELIGIBLE = True
    BULK_WORKERS = 0  # 0 means one worker per core
    BULK_TASKS_PER_PROCESS = 100  # case files per render process before a new one
    PUBLIC_BASE_URL: str | None = None
    # Background jobs: where their files go, and the RQ queue used when REDIS_URL
    # is set. Unset, the older PRINT_JOB_DIR and PRINT_QUEUE are read instead.
    JOB_DIR: str | None = None  # default instance/jobs
    JOB_QUEUE: str | None = None  # default fieldapp-jobs
    PRINT_JOB_DIR: str | None = None
    PRINT_QUEUE: str | None = None
    # A running job's worker renews its lease every JOB_LEASE_S / 4 seconds; a
    # job whose lease lapsed is failed. Finished jobs and their files are removed
    # after JOB_KEEP_DAYS (0: never). A user may have this many jobs unfinished.
    JOB_LEASE_S = 60
    JOB_KEEP_DAYS = 7
    JOB_MAX_ACTIVE_PER_USER = 2
    # Household import: the largest upload, the most data rows in one file, and
    # how large the workbook may unpack (an XLSX is a ZIP).
    IMPORT_MAX_BYTES = 10 * 1024 * 1024
    IMPORT_MAX_ROWS = 20000
    IMPORT_MAX_UNZIPPED = 200 * 1024 * 1024
    CASEFILE_DPI = 300  # cap on image resolution in case files
    PASSWORD_HASH_METHOD = "scrypt"
    FIELDAPP_ENV = "development"  # or "production": Secure cookies, HSTS
    TRUSTED_PROXIES = 0  # proxies in front (nginx: 1) whose X-Forwarded-* to trust
    SQLITE_BUSY_TIMEOUT_MS = 15_000  # how long a write waits for SQLite's lock
    # The action plan's targets (万府办〔2017〕159号, DOMAIN §8): 200 dangerous
    # houses renovated and respite care for every eligible person, both by 2018.
    PLAN_START = "2016-01-01"
    TARGET_HOUSING_RENOVATED = 200
    TARGET_HOUSING_DEADLINE = "2018-12-31"
    TARGET_RESPITE_COVERAGE = 1.0
    TARGET_RESPITE_DEADLINE = "2018-12-31"
    REVIEW_WAITING_DAYS = 7  # the quality list of records waiting for review
    # Map tiles: none by default (points over a plain background). The tiles'
    # coordinate system: "wgs84" (also CGCS2000, e.g. 天地图 *_w) or "gcj02"
    # (Amap, Tencent), for which every point is shifted for display.
    MAP_TILES_URL = ""
    MAP_TILES_ATTRIBUTION = ""
    MAP_TILES_CRS = "wgs84"
    MAP_TILES_SUBDOMAINS = ""
    MAP_TILES_MAX_ZOOM = 18

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    # Forms filled offline are sent hours later: the token lives as long as the session.
    WTF_CSRF_TIME_LIMIT = None
    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_DEFAULT_TIMEZONE = LOCAL_TZ.key
    LANGUAGES = ("zh", "en")
    JSON_AS_ASCII = False


def read_environment(environ: dict[str, str] | None = None) -> dict:
    """Return the settings present in the environment, parsed to their types."""
    environ = os.environ if environ is None else environ
    found = {}
    for name, kind in ENV_SETTINGS.items():
        raw = environ.get(name)
        if raw is None or raw == "":
            continue
        try:
            found[name] = kind(raw)
        except ValueError as exc:
            raise RuntimeError(f"{name} must be a {kind.__name__}: {raw!r}") from exc
    return found


def database_uri(url: str | None, instance_path: str) -> str:
    """Normalise DATABASE_URL for SQLAlchemy; default to SQLite in instance/."""
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "fieldapp.sqlite3")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def job_settings(config, instance_path: str) -> dict[str, str]:
    """JOB_DIR and JOB_QUEUE, falling back to PRINT_JOB_DIR and PRINT_QUEUE."""
    return {
        "JOB_DIR": config.get("JOB_DIR")
        or config.get("PRINT_JOB_DIR")
        or str(Path(instance_path) / "jobs"),
        "JOB_QUEUE": config.get("JOB_QUEUE")
        or config.get("PRINT_QUEUE")
        or "fieldapp-jobs",
    }


def persistent_secret_key(instance_path: str) -> str:
    """Generate a secret key once and keep it in instance/ so sessions survive."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key
