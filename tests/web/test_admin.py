"""User administration: create, change towns and role, deactivate, reset password."""

from fieldapp.models import User
from tests.factories import count, only


def test_admin_creates_a_user_with_towns(client, login, make_user):
    login(make_user("admin", towns=()))
    response = client.post(
        "/admin/users/new",
        data={
            "username": "hele01",
            "display_name": "和乐调查员",
            "role": "inspector",
            "towns": ["469006102"],
            "password": "secret-pass-1",
        },
    )
    assert response.status_code == 302
    user = only(User, username="hele01")
    assert user.town_codes == ["469006102"]


def test_field_worker_needs_a_town_and_refused_form_keeps_input(
    client, login, make_user
):
    login(make_user("admin", towns=()))
    response = client.post(
        "/admin/users/new",
        data={
            "username": "nowhere",
            "display_name": "无镇",
            "role": "rehab_worker",
            "password": "secret-pass-1",
        },
    )
    assert response.status_code == 422
    assert 'value="nowhere"' in response.get_data(as_text=True)
    assert count(User, username="nowhere") == 0


def test_duplicate_username_is_refused(client, login, make_user):
    login(make_user("admin", towns=()))
    taken = make_user("inspector")
    response = client.post(
        "/admin/users/new",
        data={
            "username": taken.username,
            "role": "inspector",
            "towns": ["469006100"],
            "password": "secret-pass-1",
        },
    )
    assert "已被使用" in response.get_data(as_text=True)


def test_change_role_and_towns(client, login, make_user):
    login(make_user("admin", towns=()))
    user = make_user("inspector")
    response = client.post(
        f"/admin/users/{user.id}",
        data={
            "display_name": "升为督导",
            "role": "supervisor",
            "towns": ["469006100", "469006101"],
        },
    )
    assert response.status_code == 302
    user = only(User, id=user.id)
    assert (user.role, user.town_codes) == ("supervisor", ["469006100", "469006101"])


def test_deactivate_blocks_login_and_admin_cannot_deactivate_self(
    client, login, make_user
):
    admin = make_user("admin", towns=())
    login(admin)
    user = make_user("inspector")
    client.post(f"/admin/users/{user.id}/active", data={"active": "0"})
    assert only(User, id=user.id).active is False
    client.post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    assert only(User, id=admin.id).active is True
    client.post("/logout")
    response = client.post(
        "/login", data={"username": user.username, "password": "correct-horse-9"}
    )
    assert response.status_code == 401


def test_reset_password(client, login, make_user):
    login(make_user("admin", towns=()))
    user = make_user("inspector")
    bad = client.post(
        f"/admin/users/{user.id}/password",
        data={"password": "short", "confirm": "short"},
    )
    assert bad.status_code == 422
    ok = client.post(
        f"/admin/users/{user.id}/password",
        data={"password": "brand-new-pass", "confirm": "brand-new-pass"},
    )
    assert ok.status_code == 302
    client.post("/logout")
    response = client.post(
        "/login", data={"username": user.username, "password": "brand-new-pass"}
    )
    assert response.status_code == 302
