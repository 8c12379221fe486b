"""Chinese and English labels of the domain's vocabularies, for forms and documents."""

from fieldapp.domain.accessibility import UNIT_LABELS
from fieldapp.domain.barthel import BARTHEL_LABELS
from fieldapp.domain.housing import COMPONENT_LABELS, STRUCTURE_TYPES
from fieldapp.domain.ids import CATEGORIES, LEVELS
from fieldapp.domain.respite import MODE_LABELS, REASON_LABELS

Labels = dict[str, tuple[str, str]]

POVERTY_STATUSES: Labels = {
    "registered_poor": ("建档立卡贫困户", "registered poor household"),
    "dibao": ("低保户", "minimum-subsistence (dibao) household"),
    "tekun": ("特困供养", "extreme-poverty support (tekun)"),
    "exited": ("已脱贫", "out of poverty"),
    "other": ("其他", "other"),
}
MEMBER_STATUSES: Labels = {
    "active": ("在户", "living in the household"),
    "deceased": ("已去世", "deceased"),
    "moved_out": ("已迁出", "moved out"),
}
RELATIONS: Labels = {
    "head": ("户主", "head of household"),
    "spouse": ("配偶", "spouse"),
    "child": ("子女", "child"),
    "parent": ("父母", "parent"),
    "other": ("其他", "other"),
}
SEXES: Labels = {"M": ("男", "male"), "F": ("女", "female")}
RENOVATION_MODES: Labels = {
    "none": ("无需改造", "no renovation"),
    "repair": ("修缮加固", "repair and strengthen"),
    "rebuild": ("拆除重建", "demolish and rebuild"),
    "relocate": ("迁址重建", "rebuild elsewhere"),
}
HOUSE_GRADES: Labels = {
    "A": ("A级(安全)", "A (safe)"),
    "B": ("B级(基本安全)", "B (basically safe)"),
    "C": ("C级(局部危房)", "C (partly dangerous)"),
    "D": ("D级(整幢危房)", "D (whole building dangerous)"),
}
# JGJ 125-2016's grade of one layer (foundation or storey), A_u … D_u in the
# data: written Au … Du where subscripts cannot be set.
LAYER_GRADES: Labels = {
    "A_u": ("Au级", "Au"),
    "B_u": ("Bu级", "Bu"),
    "C_u": ("Cu级", "Cu"),
    "D_u": ("Du级", "Du"),
}
METHODS: Labels = {
    "rural_2019": ("农村住房安全性鉴定(2019)", "rural house safety guideline (2019)"),
    "jgj125_2016": ("危险房屋鉴定标准 JGJ 125-2016", "JGJ 125-2016 quantitative"),
}
DEPENDENCY: Labels = {
    "independent": ("无需依赖", "independent"),
    "mild": ("轻度依赖", "mild dependency"),
    "moderate": ("中度依赖", "moderate dependency"),
    "severe": ("重度依赖", "severe dependency"),
}
# Care levels of a respite assessment (barthel.CARE_LEVELS: severe 1 … mild 3).
CARE_LEVELS: Labels = {
    "1": ("一级护理", "care level 1"),
    "2": ("二级护理", "care level 2"),
    "3": ("三级护理", "care level 3"),
}
ACCESSIBILITY_STAGE: Labels = {
    "need_reported": ("需求已上报", "need reported"),
    "verified": ("已入户核实", "verified at home"),
    "plan_signed": ("方案已签字", "plan signed"),
    "in_works": ("施工中", "in works"),
    "accepted": ("验收合格", "accepted"),
    "rejected": ("验收不合格", "rejected at acceptance"),
    "paid": ("已拨付", "paid"),
}
DEVICE_STAGE: Labels = {
    "requested": ("已申请", "requested"),
    "assessed": ("已评估", "assessed"),
    "prescribed": ("已制定适配方案", "prescribed"),
    "fitted": ("已适配", "fitted"),
    "trained": ("已完成使用训练", "trained"),
    "followup": ("跟踪回访中", "in follow-up"),
    "closed": ("已结案", "closed"),
}
RENOVATION_STAGE: Labels = {
    "planned": ("已立项", "planned"),
    "in_works": ("施工中", "in works"),
    "completed": ("已竣工", "completed"),
    "accepted": ("已验收", "accepted"),
    "paid": ("已拨付", "paid"),
}
FUNDING_SOURCES: Labels = {
    "central": ("中央补助", "central government"),
    "provincial": ("省级补助", "provincial government"),
    "county": ("市县配套", "city and county"),
    "social": ("社会帮扶", "social help"),
}
MAP_NEEDS: Labels = {
    "dangerous": ("C/D级危房未开工", "C/D house, works not started"),
    "renovation_in_works": (
        "危房改造施工中或待验收",
        "renovation in works or awaiting acceptance",
    ),
    "followup_overdue": ("辅具回访逾期", "device follow-up overdue"),
    "never_visited": ("从未走访", "never visited"),
    "none": ("暂无待办", "nothing due"),
}
TARGET_FLAGS: Labels = {
    "green": ("按计划", "on track"),
    "amber": ("略有落后", "slightly behind"),
    "red": ("明显落后", "behind"),
    "none": ("无数据", "no data"),
}
AUDIT_ACTIONS: Labels = {
    "login": ("登录", "logged in"),
    "login_failed": ("登录失败", "login failed"),
    "logout": ("退出", "logged out"),
    "view_unmasked": ("查看完整证件号", "saw full numbers"),
    "export": ("导出", "exported"),
    "print": ("打印", "printed"),
    "review": ("审核", "reviewed"),
    "reopen": ("重新打开", "reopened"),
    "create": ("新建", "created"),
    "update": ("修改", "changed"),
    "delete": ("删除", "deleted"),
}
AUDIT_OBJECTS: Labels = {
    "household": ("住户", "household"),
    "person": ("人员", "person"),
    "record": ("记录", "record"),
    "review": ("审核意见", "review"),
    "photo": ("照片", "photo"),
    "user": ("用户", "user"),
    "ledger": ("台账", "ledger"),
    "print_job": ("批量打印", "bulk print"),
    "dashboard": ("概况", "dashboard"),
    "audit_log": ("审计日志", "audit log"),
    "households": ("住户名单", "household list"),
    "household_import": ("住户导入", "household import"),
}
# The keys an audit entry's detail may hold, and the words of their coded values.
AUDIT_DETAIL_KEYS: Labels = {
    "document": ("文件", "document"),
    "file": ("文件", "file"),
    "unmasked": ("完整号码", "full numbers"),
    "town": ("镇", "town"),
    "as_of": ("截至", "as of"),
    "decision": ("决定", "decision"),
    "version": ("版本", "version"),
    "via": ("途径", "via"),
    "reason": ("原因", "reason"),
    "page": ("页面", "page"),
    "fields": ("字段", "fields"),
    "action": ("操作", "action"),
}
AUDIT_VIA: Labels = {"web": ("网页", "web page"), "api": ("接口", "API")}
LOGIN_FAILURES: Labels = {
    "bad_credentials": ("用户名或密码错误", "wrong username or password"),
    "inactive": ("账户已停用", "account disabled"),
}
RECORD_STATUSES: Labels = {
    "submitted": ("已提交", "submitted"),
    "approved": ("已通过", "approved"),
    "returned": ("已退回", "returned"),
}
REVIEW_DECISIONS: Labels = {
    "approve": ("通过", "approved"),
    "return": ("退回", "returned"),
    "reopen": ("重新打开", "reopened"),
}
FLAGS: Labels = {
    "gps_missing": ("无定位", "no GPS position"),
    "gps_inaccurate": ("定位精度差", "GPS position inaccurate"),
    "gps_outside_city": ("定位在万宁市外", "GPS position outside Wanning"),
    "gps_far_from_household": ("距住户超过500米", "more than 500 m from the household"),
    "method_out_of_scope": (
        "鉴定方法不适用:3层及以上房屋应按 JGJ 125 鉴定",
        "method out of scope: a house of 3 or more floors needs JGJ 125",
    ),
}
ID_WARNINGS: Labels = {
    "non_wanning_code": ("非万宁地址码", "address code not from Wanning"),
    "implausible_age": ("年龄超过110岁,请核对", "age over 110, please check"),
}
ROLES: Labels = {
    "inspector": ("调查评估员", "inspector"),
    "rehab_worker": ("康复工作人员", "rehabilitation worker"),
    "supervisor": ("审核员", "supervisor"),
    "admin": ("管理员", "administrator"),
}
KINDS: Labels = {
    "housing_inspection": ("危房鉴定", "housing inspection"),
    "accessibility_assessment": ("无障碍改造评估", "accessibility assessment"),
    "device_fitting": ("辅助器具适配", "assistive device fitting"),
    "respite_assessment": ("托养评估", "respite care assessment"),
    "housing_renovation": ("危房改造", "housing renovation"),
    "respite_service": ("托养服务", "respite care service"),
}

MEMBER_TYPES: Labels = {
    "interior_column": ("中柱", "interior column"),
    "edge_column": ("边柱", "edge column"),
    "corner_column": ("角柱", "corner column"),
    "wall": ("墙体", "wall segment"),
    "roof_truss": ("屋架", "roof truss"),
    "interior_beam": ("中梁", "interior main beam"),
    "edge_beam": ("边梁", "edge beam"),
    "secondary_beam": ("次梁", "secondary beam"),
    "slab": ("楼(屋)面板", "slab"),
    "enclosure_member": ("围护结构承重构件", "load-bearing enclosure member"),
}
YES_NO: Labels = {"true": ("是", "yes"), "false": ("否", "no")}
RAMP_SUGGESTIONS: Labels = {
    "too_steep": (
        "坡度陡于所依据标准允许的最大坡度,需加长坡道或改用升降设备",
        "steeper than the standard allows: lengthen the ramp or use a lift",
    ),
    "add_landing": (
        "高差超过单段限值,需加设休息平台",
        "rise over the one-flight limit: add a landing",
    ),
}
RAMP_STANDARDS: Labels = {
    "gb55019_2021": (
        "GB 55019-2021《建筑与市政工程无障碍通用规范》",
        "GB 55019-2021 General Code for Accessibility of Buildings and"
        " Municipal Engineering",
    ),
    "gb50763_2012": (
        "GB 50763-2012《无障碍设计规范》",
        "GB 50763-2012 Codes for Accessibility Design",
    ),
}
HOUSING_STANDARDS: Labels = {
    "JIANCUN2019_200": (
        "农村住房安全性鉴定技术导则(建村函〔2019〕200号)",
        "Technical Guideline for Rural Housing Safety Inspection"
        " (Jiancunhan [2019] No. 200)",
    ),
    "JIANCUN2009_69": (
        "农村危险房屋鉴定技术导则(建村函〔2009〕69号)",
        "Technical Guideline for Rural Dangerous Housing Inspection"
        " (Jiancunhan [2009] No. 69)",
    ),
    "JGJ125_2016": (
        "危险房屋鉴定标准 JGJ 125-2016",
        "Standard for Dangerous Building Appraisal JGJ 125-2016",
    ),
}

VOCABULARIES: dict[str, Labels] = {
    "poverty_status": POVERTY_STATUSES,
    "relation": RELATIONS,
    "member_status": MEMBER_STATUSES,
    "sex": SEXES,
    "renovation_mode": RENOVATION_MODES,
    "house_grade": HOUSE_GRADES,
    "layer_grade": LAYER_GRADES,
    "housing_method": METHODS,
    "housing_standard": HOUSING_STANDARDS,
    "structure_type": STRUCTURE_TYPES,
    "component": COMPONENT_LABELS,
    "dependency": DEPENDENCY,
    "care_level": CARE_LEVELS,
    "accessibility_stage": ACCESSIBILITY_STAGE,
    "accessibility_unit": UNIT_LABELS,
    "device_stage": DEVICE_STAGE,
    "renovation_stage": RENOVATION_STAGE,
    "funding_source": FUNDING_SOURCES,
    "map_need": MAP_NEEDS,
    "target_flag": TARGET_FLAGS,
    "audit_action": AUDIT_ACTIONS,
    "audit_object": AUDIT_OBJECTS,
    "audit_detail": AUDIT_DETAIL_KEYS,
    "audit_via": AUDIT_VIA,
    "login_failure": LOGIN_FAILURES,
    "respite_mode": MODE_LABELS,
    "eligibility_reason": REASON_LABELS,
    "record_status": RECORD_STATUSES,
    "review_decision": REVIEW_DECISIONS,
    "flag": FLAGS,
    "id_warning": ID_WARNINGS,
    "role": ROLES,
    "kind": KINDS,
    "category": {str(k): v for k, v in CATEGORIES.items()},
    "level": {str(k): v for k, v in LEVELS.items()},
    "barthel_item": {k: (v.zh, v.en) for k, v in BARTHEL_LABELS.items()},
    "member_type": MEMBER_TYPES,
    "yes_no": YES_NO,
    "ramp_suggestion": RAMP_SUGGESTIONS,
    "ramp_standard": RAMP_STANDARDS,
}


def label(vocab: str, key: object, lang: str = "zh") -> str:
    """The label of `key` in a vocabulary; English for any `en*` language, else Chinese.

    An unknown key is shown as itself (old data must still display); an unknown
    vocabulary is a programming error and raises KeyError. None gives "".
    """
    labels = VOCABULARIES[vocab]
    if key is None:
        return ""
    pair = labels.get(str(key))
    if pair is None:
        return str(key)
    return pair[1] if (lang or "").startswith("en") else pair[0]


def yes_no(value: object, lang: str = "zh") -> str:
    """A truth value as 是 / 否 (yes / no in English); "" when it is missing.

    The one yes/no wording of every page, case file, export and preview.
    """
    if value is None or value == "":
        return ""
    return label("yes_no", "true" if value else "false", lang)
