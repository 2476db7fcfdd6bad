"""The browser for the journeys: headless Chromium driven by Playwright, against the live
test server. Data is made with the ORM in fixtures before the browser starts, so the ORM
stays out of Playwright's event loop.

With KAM_SCREENSHOTS=/a/folder, `page.shot("name")` saves a full-page screenshot there (and
every journey saves one at its end); without it, `page.shot` does nothing.
`page.csp_violations()` lists the console errors of the Content-Security-Policy."""

import os

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page(chromium_path, request):
    """A fresh browser page; `page.csp_errors` collects the console's errors (a blocked
    inline script or style shows there)."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    folder = os.environ.get("KAM_SCREENSHOTS")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        errors = []

        def collect(message) -> None:
            if message.type == "error":
                errors.append(f"{message.text} (on {page.url})")

        page.on("console", collect)
        page.csp_errors = errors

        def shot(name: str) -> None:
            if folder:
                os.makedirs(folder, exist_ok=True)
                # The default caret="hide" leaves style="" on every input; htmx then copies that
                # attribute onto the swapped-in inputs, which the CSP reports as an inline style.
                page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True, caret="initial")

        page.shot = shot
        page.csp_violations = lambda: [error for error in errors if "Content Security Policy" in error]
        yield page
        shot(f"{request.node.name}-end")
        context.close()
        browser.close()


@pytest.fixture
def log_in(live_server, page):
    """Log in through the form, as a user would: `log_in(username, password)`."""

    def fill_the_form(username: str, password: str) -> None:
        page.goto(live_server.url + "/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)

    return fill_the_form
