"""docs/openapi.yaml is true: a schemathesis run against a live server finds no
5xx and no answer (status, content type, body) that the file does not describe.

The server has its own database (its data is fuzzed), seeded with a household of
every kind of record, a photo and a review, so that generated requests reach
stored objects: path uuids, household and person uuids in bodies, ID numbers and
town codes are drawn from those values most of the time (schemathesis
dictionaries). The run is bounded by examples per operation, with a fixed seed.
"""

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from werkzeug.serving import make_server

from fieldapp import create_app
from tests.conftest import dispose_engines, reset_schema
from tests.e2e.conftest import live_database_url

SPEC = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
# Status, content type, headers and body as described; never a 5xx; 405 with Allow.
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "unsupported_method",
    # Every operation that the description secures refuses a request without
    # the token or with a broken one (ST401). `missing_required_header` would
    # check nothing: no operation declares a header parameter.
    "ignored_auth",
)
MAX_EXAMPLES = 6
SEED = 2026
TIMEOUT_S = 300
# The boundary cases of every parameter, without the repeats that cost time
# and find nothing here (werkzeug reads a repeated query argument's first value).
COVERAGE_PHASE = """[phases.coverage]
generate-duplicate-query-parameters = false
unexpected-methods = ["PATCH", "TRACE"]"""


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory):
    """An app with a database of its own, seeded, for this run only."""
    folder = tmp_path_factory.mktemp("fuzz")
    app = create_app(
        {
            "DATABASE_URL": live_database_url(folder, "fuzz"),
            "SECRET_KEY": "fuzz-secret",
            "UPLOAD_DIR": str(folder / "uploads"),
            "JOB_DIR": str(folder / "jobs"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    reset_schema(app)
    yield app
    dispose_engines(app)


@pytest.fixture(scope="module")
def fuzzed_server(fuzzed_app):
    """The app served on a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, fuzzed_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def spec_operations() -> int:
    """How many operations docs/openapi.yaml describes (each must be tested)."""
    paths = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["paths"]
    methods = {"get", "post", "put", "patch", "delete"}
    return sum(len(methods & set(item)) for item in paths.values())


def seed(app, upload_dir) -> dict:
    """Users, tokens and stored objects the run draws on."""
    from fieldapp.extensions import db
    from fieldapp.services.accounts import create_user, issue_token
    from fieldapp.services.households import create_household
    from tests.factories import household_payload, make_id, member_payload
    from tests.report_factories import SAMPLE_DATA, add_photo, add_review, make_record

    with app.app_context():
        admin = create_user("fuzz-admin", "fuzz-pass-2026", "admin", [])
        supervisor = create_user("fuzz-super", "fuzz-pass-2026", "supervisor", [])
        ids = [make_id() for _ in range(6)]
        households = []
        for town, head, spouse in (("469006100", 0, 1), ("469006101", 2, 3)):
            members = [
                member_payload(id_number=ids[head], phone="13912345678"),
                member_payload(
                    name="陈阿婆", relation="spouse", id_number=ids[spouse], phone=""
                ),
            ]
            payload = household_payload(town, members=members)
            households.append(create_household(payload, admin)[0])
        records = [
            make_record(households[0], kind, author=admin) for kind in SAMPLE_DATA
        ]
        add_review(records[0], supervisor, "return", "请补充照片")
        photo = add_photo(records[0], upload_dir)
        values = {
            "households": [h.uuid for h in households],
            "persons": [p.uuid for h in households for p in h.members],
            "records": [r.uuid for r in records],
            "photos": [photo.uuid],
            "ids": ids[4:] + ids[:1],
            "towns": ["469006100", "469006101", "469006999"],
        }
        tokens = {"run": issue_token(admin)[0], "revoked": issue_token(supervisor)[0]}
        db.session.remove()
    return {"values": values, "tokens": tokens}


def toml_value(value) -> str:
    """A TOML literal (JSON's strings, lists and numbers are TOML's too)."""
    return json.dumps(value, ensure_ascii=False)


def operation(path: str, method: str, bindings: dict, headers: dict | None = None):
    """One [[operations]] table: its dictionary bindings and headers."""
    lines = [
        "[[operations]]",
        f"include-path = {toml_value(path)}",
        f"include-method = {toml_value(method)}",
    ]
    if headers:
        pairs = ", ".join(f"{k} = {toml_value(v)}" for k, v in headers.items())
        lines.append(f"headers = {{ {pairs} }}")
    if bindings:
        lines.append("[operations.parameters]")
        for key, (name, share) in bindings.items():
            lines.append(
                f'"{key}" = {{ dictionary = "{name}", probability = {share} }}'
            )
    return "\n".join(lines)


def config_toml(seeded: dict) -> str:
    """schemathesis.toml: dictionaries of stored values and where they go.

    DELETE /auth/token revokes a token of its own, so the run's token lives on."""
    tables = [
        COVERAGE_PHASE,
        *(
            f"[dictionaries.{name}]\nvalues = {toml_value(values)}"
            for name, values in seeded["values"].items()
        ),
    ]
    revoke = {"Authorization": f"Bearer {seeded['tokens']['revoked']}"}
    tables += [
        operation("/api/v1/auth/token", "DELETE", {}, revoke),
        operation(
            "/api/v1/households",
            "POST",
            {
                "body.town_code": ("towns", 0.8),
                "body.members[*].id_number": ("ids", 0.7),
            },
        ),
        operation(
            "/api/v1/households",
            "GET",
            {"query.town": ("towns", 0.6)},
        ),
        operation(
            "/api/v1/households/{uuid}", "GET", {"path.uuid": ("households", 0.8)}
        ),
        operation(
            "/api/v1/records",
            "GET",
            {"query.household": ("households", 0.7)},
        ),
        operation(
            "/api/v1/records",
            "POST",
            {
                "body.household_uuid": ("households", 0.8),
                "body.person_uuid": ("persons", 0.8),
            },
        ),
        *(
            operation(path, method, {"path.uuid": ("records", 0.8)})
            for path, method in (
                ("/api/v1/records/{uuid}", "GET"),
                ("/api/v1/records/{uuid}", "PUT"),
                ("/api/v1/records/{uuid}/review", "POST"),
                ("/api/v1/records/{uuid}/photos", "POST"),
            )
        ),
        operation(
            "/api/v1/photos/{uuid}/{variant}", "GET", {"path.uuid": ("photos", 0.8)}
        ),
        operation("/api/v1/exports/ledger.csv", "GET", {"query.town": ("towns", 0.7)}),
        operation("/api/v1/exports/ledger.xlsx", "GET", {"query.town": ("towns", 0.7)}),
    ]
    return "\n\n".join(tables) + "\n"


def run_schemathesis(
    base_url: str, seeded: dict, folder: Path
) -> subprocess.CompletedProcess:
    """`schemathesis run` against the live server, bounded; its output kept."""
    config = folder / "schemathesis.toml"
    config.write_text(config_toml(seeded), encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "--no-color",
        "run",
        str(SPEC),
        "--url",
        base_url,
        "--header",
        f"Authorization: Bearer {seeded['tokens']['run']}",
        "--checks",
        ",".join(CHECKS),
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--suppress-health-check",
        "all",
        "--warnings",
        "off",
    ]
    return subprocess.run(
        command,
        cwd=folder,  # its .schemathesis/ cache stays out of the repository
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def token_works(app, raw: str) -> bool:
    """Whether a bearer token still authenticates."""
    with app.test_client() as client:
        response = client.get(
            "/api/v1/session", headers={"Authorization": f"Bearer {raw}"}
        )
        return response.status_code == 200


def test_live_api_answers_as_openapi_yaml_describes(
    fuzzed_app, fuzzed_server, tmp_path
):
    seeded = seed(fuzzed_app, fuzzed_app.config["UPLOAD_DIR"])
    result = run_schemathesis(fuzzed_server, seeded, tmp_path)
    report = result.stdout + result.stderr
    assert f"Tested: {spec_operations()}\n" in report, report[-3000:]
    assert result.returncode == 0, report[-15000:]
    # DELETE /auth/token revoked its own token; every other call kept the run's.
    assert token_works(fuzzed_app, seeded["tokens"]["run"])
    assert not token_works(fuzzed_app, seeded["tokens"]["revoked"])
