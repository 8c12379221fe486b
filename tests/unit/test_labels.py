"""Labels of the domain vocabularies in Chinese and English."""

import pytest

from fieldapp.domain import (
    accessibility,
    barthel,
    devices,
    geo,
    housing,
    renovation,
    respite,
)
from fieldapp.domain.labels import VOCABULARIES, label

# Vocabulary keys fixed by API.md or by the domain modules that use them.
EXPECTED_KEYS = {
    "poverty_status": ("registered_poor", "dibao", "tekun", "exited", "other"),
    "relation": ("head", "spouse", "child", "parent", "other"),
    "sex": ("M", "F"),
    "role": ("inspector", "rehab_worker", "supervisor", "admin"),
    "kind": (
        "housing_inspection",
        "accessibility_assessment",
        "device_fitting",
        "respite_assessment",
        "housing_renovation",
        "respite_service",
    ),
    "member_status": ("active", "deceased", "moved_out"),
    "record_status": ("submitted", "approved", "returned"),
    "flag": (*geo.FLAGS, housing.METHOD_OUT_OF_SCOPE),
    "renovation_mode": housing.RENOVATION_MODES,
    "house_grade": housing.GRADES,
    "housing_method": housing.METHODS,
    "structure_type": tuple(housing.STRUCTURE_TYPES),
    "component": housing.COMPONENTS,
    "dependency": respite.DEPENDENCY_BANDS,
    "care_level": tuple(str(n) for n in sorted(barthel.CARE_LEVELS.values())),
    "respite_mode": respite.MODES,
    "accessibility_stage": accessibility.STAGES,
    "ramp_standard": tuple(accessibility.RAMP_STANDARDS),
    "device_stage": devices.STAGES,
    "renovation_stage": renovation.STAGES,
    "funding_source": renovation.FUNDING_SOURCES,
    "category": ("1", "2", "3", "4", "5", "6", "7"),
    "level": ("1", "2", "3", "4"),
}


@pytest.mark.parametrize(("vocab", "keys"), EXPECTED_KEYS.items())
def test_vocabularies_list_exactly_the_keys_in_use(vocab, keys):
    assert tuple(VOCABULARIES[vocab]) == tuple(keys)


OUT_OF_SCOPE = "鉴定方法不适用:3层及以上房屋应按 JGJ 125 鉴定"


@pytest.mark.parametrize("vocab", VOCABULARIES)
def test_every_label_has_chinese_and_english(vocab):
    for zh, en in VOCABULARIES[vocab].values():
        assert zh and en
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in en)


@pytest.mark.parametrize(
    ("vocab", "key", "zh"),
    [
        ("poverty_status", "registered_poor", "建档立卡贫困户"),
        ("poverty_status", "dibao", "低保户"),
        ("poverty_status", "tekun", "特困供养"),
        ("poverty_status", "exited", "已脱贫"),
        ("relation", "head", "户主"),
        ("renovation_mode", "none", "无需改造"),
        ("renovation_mode", "repair", "修缮加固"),
        ("renovation_mode", "rebuild", "拆除重建"),
        ("renovation_mode", "relocate", "迁址重建"),
        ("record_status", "submitted", "已提交"),
        ("record_status", "approved", "已通过"),
        ("record_status", "returned", "已退回"),
        ("flag", "gps_missing", "无定位"),
        ("flag", "gps_inaccurate", "定位精度差"),
        ("flag", "gps_outside_city", "定位在万宁市外"),
        ("flag", "gps_far_from_household", "距住户超过500米"),
        ("flag", "method_out_of_scope", OUT_OF_SCOPE),
        ("dependency", "severe", "重度依赖"),
        ("category", 4, "肢体残疾"),
        ("category", "1", "视力残疾"),
        ("level", 2, "二级"),
    ],
)
def test_chinese_labels(vocab, key, zh):
    assert label(vocab, key) == zh


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "低保户"),
        ("zh_Hans_CN", "低保户"),
        (None, "低保户"),
        ("en", "minimum-subsistence (dibao) household"),
        ("en_US", "minimum-subsistence (dibao) household"),
    ],
)
def test_language_selects_chinese_unless_english(lang, text):
    assert label("poverty_status", "dibao", lang) == text


@pytest.mark.parametrize(
    ("key", "text"), [("legacy_status", "legacy_status"), (None, "")]
)
def test_unknown_keys_show_as_themselves(key, text):
    assert label("poverty_status", key) == text


def test_unknown_vocabulary_is_a_programming_error():
    with pytest.raises(KeyError):
        label("colour", "red")
