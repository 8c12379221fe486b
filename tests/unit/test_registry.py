"""Every registered kind has all it needs: its form, rule, templates, preview
module, labels, vocabularies, ledger columns and shared rule vectors."""

import importlib
import inspect
import re
from pathlib import Path

import pytest

from fieldapp.config import Config
from fieldapp.domain.labels import VOCABULARIES
from fieldapp.registry import KINDS
from fieldapp.registry.kind import TEMPLATE_NAMES

ROOT = Path(__file__).resolve().parents[2]
SPECS = list(KINDS.values())
IDS = list(KINDS)
# Vocabularies every page may use, whatever the kind.
SHARED_VOCABULARIES = {"yes_no", "kind", "record_status", "flag"}
USED_VOCABULARY = re.compile(r"""label\(\s*'(\w+)'\s*\)|data-vocab="(\w+)\"""")


def settings() -> dict:
    """The app's default configuration, as the preview config functions read it."""
    return {name: getattr(Config, name) for name in dir(Config) if name.isupper()}


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_kind_has_its_form_module_and_class(kind):
    module = importlib.import_module(f"forms.{kind.name}")
    assert (ROOT / "forms" / f"{kind.name}.py").is_file()
    assert kind.data_form.__module__ == module.__name__
    assert inspect.isclass(kind.data_form)


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_kind_has_a_pure_domain_rule(kind):
    module = inspect.getmodule(kind.rule)
    assert module.__name__.startswith("fieldapp.domain.")
    assert Path(module.__file__).is_file()
    assert inspect.getmodule(kind.compute).__name__ == f"fieldapp.registry.{kind.name}"


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_kind_has_each_of_its_templates(kind):
    assert sorted(kind.templates) == ["fields", "preview", "record"]
    for name in TEMPLATE_NAMES:
        path = ROOT / "templates" / kind.template_dir / name
        assert path.is_file(), path


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_record_template_offers_what_the_page_and_the_case_file_import(kind):
    text = (ROOT / "templates" / kind.templates["record"]).read_text(encoding="utf-8")
    for macro in ("data", "computed"):
        assert re.search(rf"{{% macro {macro}\(record, on_page=True\) %}}", text)


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_kind_has_its_preview_module_exporting_compute(kind):
    path = ROOT / "static" / kind.preview_module
    assert path.is_file(), path
    assert "export function compute(" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_kind_has_a_label_in_both_languages(kind):
    zh, en = VOCABULARIES["kind"][kind.name]
    assert zh and en
    assert kind.label("zh") == zh and kind.label("en") == en


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_stages_have_their_vocabulary_in_order(kind):
    if not kind.stages:
        assert kind.stage_vocabulary is None
        return
    assert tuple(VOCABULARIES[kind.stage_vocabulary]) == kind.stages
    assert kind.stage_vocabulary in kind.vocabularies


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_vocabularies_its_templates_use_exist_and_are_declared(kind):
    used = set()
    for path in (ROOT / "templates" / kind.template_dir).glob("*.html"):
        for match in USED_VOCABULARY.finditer(path.read_text(encoding="utf-8")):
            used.add(match.group(1) or match.group(2))
    assert used, "the templates label nothing"
    assert used <= set(kind.vocabularies) | SHARED_VOCABULARIES
    for vocab in kind.vocabularies:
        assert VOCABULARIES[vocab], vocab


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_kind_has_ledger_columns_with_titles(kind):
    assert kind.ledger_columns
    for column in kind.ledger_columns:
        assert str(column.title)
        assert callable(column.value)


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_kind_has_shared_rule_vectors(kind):
    path = ROOT / "tests" / "vectors" / f"{kind.name}.json"
    assert path.is_file(), path
    assert '"compute": [' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_entry_uses_named_functions_not_lambdas(kind):
    functions = [
        kind.compute,
        kind.preview_config,
        kind.indexed,
        kind.check_update,
        *(column.value for column in kind.ledger_columns),
    ]
    for function in functions:
        assert function.__name__ != "<lambda>", function
        assert function.__doc__, function.__name__


@pytest.mark.parametrize("kind", SPECS, ids=IDS)
def test_writers_are_field_roles(kind):
    assert kind.writers
    assert kind.writers <= {"inspector", "rehab_worker"}


def test_preview_config_sections_belong_to_one_kind_each():
    seen: dict[str, str] = {}
    for kind in SPECS:
        sections = kind.preview_config(settings())
        assert sections, kind.name
        for section in sections:
            assert section not in seen, (section, seen.get(section), kind.name)
            seen[section] = kind.name
    assert not set(seen) & {"labels", "gps", "links"}


def test_a_rule_code_means_one_thing_across_kinds():
    from forms.messages import PIPELINE_MESSAGES

    words = {code: str(message) for code, message in PIPELINE_MESSAGES.items()}
    for kind in SPECS:
        for code, message in kind.rule_messages.items():
            assert words.setdefault(code, str(message)) == str(message), code


LINKED = [kind for kind in SPECS if kind.links_to is not None]


def test_the_renovation_declares_its_link():
    assert [kind.name for kind in LINKED] >= ["housing_renovation"]
    link = KINDS["housing_renovation"].links_to
    assert (link.field, link.target, link.per) == (
        "inspection_uuid",
        "housing_inspection",
        "household",
    )
    assert link.context_name == "inspection"
    assert link.value_names == ("grade", "renovation_mode")
    assert [link.accepts({"grade": g}) for g in "ABCD"] == [False, False, True, True]
    assert not link.accepts(None)
    assert link.values({"grade": "D", "ratio": 0.5, "renovation_mode": "rebuild"}) == {
        "grade": "D",
        "renovation_mode": "rebuild",
    }


@pytest.mark.parametrize("kind", LINKED, ids=[k.name for k in LINKED])
def test_a_link_names_a_field_a_kind_and_values_that_exist(kind):
    from fieldapp.registry.links import PER_PERSON, SCOPES

    link = kind.links_to
    assert link.field in kind.data_form.__dict__ or hasattr(kind.data_form, link.field)
    assert link.field.endswith("_uuid")
    assert link.target in KINDS and link.target != kind.name
    assert link.per in SCOPES
    if link.per == PER_PERSON:
        assert kind.person_required and KINDS[link.target].person_required
    assert str(link.prompt) and str(link.hint)
    for _name, vocab in link.shows:
        assert vocab in VOCABULARIES
        assert vocab in kind.vocabularies or vocab in SHARED_VOCABULARIES
    # The target's rule computes every value the link carries, and some of its
    # shared vectors give a record the link accepts and one it refuses.
    from tests.rule_vectors import load

    results = [c["expected"] for c in load(link.target)["compute"] if "expected" in c]
    assert all(set(link.value_names) <= set(r) for r in results)
    verdicts = {link.accepts(r) for r in results}
    assert verdicts == {True, False}
    assert link.client()["where"] == {n: list(a) for n, a in link.where}


def test_the_renovation_rule_accepts_exactly_the_linkable_inspections():
    from fieldapp.domain.errors import RenovationError
    from fieldapp.domain.renovation import assess_renovation

    link = KINDS["housing_renovation"].links_to
    data = {"inspection_uuid": "x", "mode": "repair", "stage": "planned"}
    for grade in ("A", "B", "C", "D"):
        try:
            assess_renovation(data, {"uuid": "x", "grade": grade}, household_size=2)
            taken = True
        except RenovationError as exc:
            assert exc.code == "inspection_not_dangerous"
            taken = False
        assert taken == link.accepts({"grade": grade}), grade
