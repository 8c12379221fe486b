"""docs/openapi.yaml describes every API route the app serves, and nothing else."""

import re
from pathlib import Path

import yaml

SPEC = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


def spec_routes() -> set[tuple[str, str]]:
    spec = yaml.safe_load(SPEC.read_text())
    return {
        (path, method.upper())
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "delete", "patch")
    }


def app_routes(app) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            routes.add((path, method))
    return routes


def test_spec_and_app_list_the_same_api_routes(app):
    assert spec_routes() == app_routes(app)


def test_spec_lists_every_quality_check_code():
    from fieldapp.services.quality import CHECKS

    spec = yaml.safe_load(SPEC.read_text())
    answer = spec["paths"]["/api/v1/quality"]["get"]["responses"]["200"]
    schema = answer["content"]["application/json"]["schema"]
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    code = schema["properties"]["checks"]["items"]["properties"]["code"]
    assert set(code["enum"]) == {check.code for check in CHECKS}
