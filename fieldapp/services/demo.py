"""Realistic demo data: households across the towns, one user per role."""

import random
import uuid
from datetime import date, timedelta

from sqlalchemy import func, select
from stdnum.iso7064 import mod_11_2

from fieldapp.extensions import db
from fieldapp.models import Household, Town, User
from fieldapp.services.accounts import create_user
from fieldapp.services.households import create_household
from fieldapp.services.reference import sync_towns

DEMO_PASSWORD = "demo12345"
DEMO_USERS = (
    ("inspector", "inspector", ["469006100", "469006102"], "符海燕"),
    ("rehab", "rehab_worker", ["469006100", "469006103"], "陈文强"),
    ("supervisor", "supervisor", ["469006100", "469006102", "469006103"], "林秀梅"),
    ("admin", "admin", [], "王建国"),
)
SURNAMES = "王陈林李黄吴符邢冯蔡郑何杨钟卢梁韩云羊文"
GIVEN = "海燕文强秀梅建国明华丽芳志刚春兰玉珍德福金花永清亚妹光辉小琴家豪"
VILLAGES = (
    "东岭",
    "新坡",
    "南山",
    "石桥",
    "长岭",
    "田头",
    "后坡",
    "龙头",
    "北埇",
    "溪边",
)
HOUSEHOLDS_PER_TOWN = 6


def id_number(rng: random.Random, birth: date, male: bool, prefix="469006") -> str:
    """A valid 18-character ID (ISO 7064 MOD 11-2 check character)."""
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
    body = f"{prefix}{birth:%Y%m%d}{seq:03d}"
    return body + mod_11_2.calc_check_digit(body)


def person_name(rng: random.Random, surname: str | None = None) -> str:
    """A plausible Chinese name."""
    given = "".join(rng.sample(GIVEN, rng.choice((1, 2))))
    return (surname or rng.choice(SURNAMES)) + given


def birth_between(rng: random.Random, start_year: int, end_year: int) -> date:
    """A random birth date in the given years."""
    start = date(start_year, 1, 1)
    return start + timedelta(days=rng.randrange((date(end_year, 12, 31) - start).days))


def member(rng, name, relation, birth, male, card: tuple[int, int] | None) -> dict:
    """One member payload, with a disability card when given (category, level)."""
    prefix = "460006" if birth.year < 1975 and rng.random() < 0.3 else "469006"
    idn = id_number(rng, birth, male, prefix)
    return {
        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "name": name,
        "relation": relation,
        "id_number": idn,
        "disability_card": f"{idn}{card[0]}{card[1]}" if card else None,
        "phone": f"13{rng.randrange(10**8, 10**9)}"[:11] if relation == "head" else "",
    }


def household_payload(rng: random.Random, town: Town, index: int) -> dict:
    """A household of 1–4 members; one member holds a disability card."""
    surname = rng.choice(SURNAMES)
    head_birth = birth_between(rng, 1950, 1990)
    head_male = rng.random() < 0.7
    category, level = index % 7 + 1, index % 4 + 1
    disabled_is_head = rng.random() < 0.6
    members = [
        member(
            rng,
            person_name(rng, surname),
            "head",
            head_birth,
            head_male,
            (category, level) if disabled_is_head else None,
        )
    ]
    if rng.random() < 0.7:
        members.append(
            member(
                rng,
                person_name(rng),
                "spouse",
                birth_between(rng, 1950, 1992),
                not head_male,
                None,
            )
        )
    for _child in range(rng.randrange(0 if disabled_is_head else 1, 3)):
        card = None if disabled_is_head or len(members) > 2 else (category, level)
        members.append(
            member(
                rng,
                person_name(rng, surname),
                "child",
                birth_between(rng, 1995, 2015),
                rng.random() < 0.5,
                card,
            )
        )
    village = rng.choice(VILLAGES) + "村"
    return {
        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "town_code": town.code,
        "village": village,
        "address": f"{town.name}{village}{rng.randrange(1, 120)}号",
        "poverty_status": rng.choice(("registered_poor", "dibao", "tekun", "exited")),
        "location": {
            "lat": round(town.lat + rng.uniform(-0.02, 0.02), 6),
            "lon": round(town.lon + rng.uniform(-0.02, 0.02), 6),
            "accuracy_m": round(rng.uniform(4, 25), 1),
        },
        "members": members,
    }


def seed_demo() -> dict:
    """Add what is missing: towns, demo users, and households when there are none."""
    sync_towns()
    report = {"users": 0, "households": 0, "records": 0, "logins": []}
    for username, role, towns, name in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.username == username))
        if user is None:
            user = create_user(username, DEMO_PASSWORD, role, towns, name)
            report["users"] += 1
        report["logins"].append((username, role, ",".join(towns) or "全市"))
    if db.session.scalar(select(func.count(Household.id))):
        return report
    rng = random.Random(2017)
    author = db.session.scalar(select(User).where(User.username == "admin"))
    towns = db.session.scalars(
        select(Town)
        .where(Town.kind == "town", Town.lat.is_not(None))
        .order_by(Town.code)
    ).all()
    index = 0
    for town in towns:
        for _n in range(HOUSEHOLDS_PER_TOWN):
            create_household(household_payload(rng, town, index), author)
            index += 1
            report["households"] += 1
    from fieldapp.services.demo_records import seed_records

    report["records"] = seed_records(["469006100", "469006102", "469006103"])
    return report
