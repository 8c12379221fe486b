"""A new version is offered, never swapped in under a half-filled form."""

from playwright.sync_api import expect

from tests.e2e.helpers import (
    fill_barthel,
    log_in,
    open_respite_form,
    wait_for_draft,
    wait_until_offline_ready,
)

VERSION_JS = """async () => {
    const { warmPages } = await import('/static/js/sw-client.js');
    return (await warmPages()).version;
}"""


def test_new_version_asks_to_reload_and_the_draft_survives_it(
    fresh_phone, live_app, worker
):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    open_respite_form(page, worker)
    fill_barthel(page, {"feeding": 5, "bathing": 5})
    wait_for_draft(page, "field('data-barthel-bathing') == 5")
    shell = live_app.extensions["pwa"]
    old = shell.version
    assert page.evaluate(VERSION_JS) == old

    shell.version = f"{old}-next"  # what a deploy with changed files does
    try:
        page.evaluate(
            "navigator.serviceWorker.getRegistration().then((r) => r.update())"
        )
        prompt = page.locator("[data-update]")
        expect(prompt).to_be_visible()
        assert page.evaluate(VERSION_JS) == old
        expect(
            page.locator("input[name='data-barthel-bathing'][value='5']")
        ).to_be_checked()

        with page.expect_navigation():
            prompt.get_by_role("button", name="刷新页面").click()
        expect(page.locator("#survey-form")).to_have_attribute("data-outbox-ready", "1")
        assert page.evaluate(VERSION_JS) == f"{old}-next"
        expect(
            page.locator("input[name='data-barthel-bathing'][value='5']")
        ).to_be_checked()
        expect(page.locator("[data-update]")).to_be_hidden()
    finally:
        shell.version = old
