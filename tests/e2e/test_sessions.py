"""Without remember-me a browser restart ends the login; nothing typed is lost."""

import re

from fieldapp.models import Household
from tests.e2e.helpers import (
    count_rows,
    expect_pending,
    log_in,
    register_household,
    wait_until_offline_ready,
)


def test_a_restart_without_remember_me_asks_for_a_login_and_then_sends(
    kept_phone, live_app, worker
):
    page = kept_phone.open().new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    kept_phone.go_offline()
    uuid = register_household(page, "东澳村", "林小梅")
    expect_pending(page, 1)

    kept_phone.close()
    kept_phone.signal.restore()
    page = kept_phone.open().new_page()
    page.goto("/")
    page.wait_for_url(re.compile(r"/login"))  # the login ended with the browser
    assert count_rows(live_app, Household, uuid=uuid) == 0

    log_in(page, worker.username)
    expect_pending(page, 0)
    assert count_rows(live_app, Household, uuid=uuid) == 1
