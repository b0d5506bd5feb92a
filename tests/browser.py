"""Browser tests: a built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Load the fixtures in a test module with `pytest_plugins = ["browser"]`.

- `chromium_path`: the browser to drive: $CHROMIUM, else `chromium` on the PATH (Debian's
  package, which `make test` installs). Playwright downloads no browser. When Chromium is
  missing the tests fail, never skip.
- `browser`: one headless Chromium for the session.
- `real_site_url`: the real repository's site (conftest's `real_site`), served once.
- `serve_site(folder)` / `build_and_serve(project)`: serve any built folder, or build a project
  made with conftest's make_project and serve it. Servers stop at the end of the session.
- `page`: a fresh page (its own context); every request to a host other than 127.0.0.1 is
  recorded in `offsite_requests` and aborted, so a test can assert the list is empty.
  Uncaught script errors are recorded in `page_errors`.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks.serve import SiteServer, find_chromium
from conftest import build_site

LOCAL_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def serve_site():
    """serve_site(folder) -> base URL such as http://127.0.0.1:41234/."""
    servers: list[SiteServer] = []

    def serve(folder: Path) -> str:
        server = SiteServer(Path(folder))
        servers.append(server)
        return server.url

    yield serve
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def build_and_serve(serve_site, tmp_path_factory):
    """build_and_serve(project) -> base URL of the project's site, built with `mkdocs build --strict`."""

    def build(project: Path) -> str:
        site = tmp_path_factory.mktemp("browser-site")
        result = build_site(Path(project), site)
        assert result.returncode == 0, result.stderr
        return serve_site(site)

    return build


@pytest.fixture(scope="session")
def real_site_url(real_site, serve_site) -> str:
    return serve_site(real_site)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        pytest.fail("Chromium is missing, so the browser tests cannot run. Run `make test` (it installs Debian's "
                    "'chromium' package), or `sudo apt-get install -y chromium`, or set CHROMIUM=/path/to/chromium.",
                    pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: install the test extra with `.venv/bin/pip install -e '.[test]'` "
                    "(`make test` does it).", pytrace=False)
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True)
        except Exception as error:  # noqa: BLE001 - say which browser failed, then stop
            pytest.fail(f"Chromium at {chromium_path} did not start: {error}", pytrace=False)
        yield chromium
        chromium.close()


@pytest.fixture
def offsite_requests() -> list[str]:
    return []


@pytest.fixture
def page_errors() -> list[str]:
    return []


@pytest.fixture
def page(browser, offsite_requests, page_errors):
    """A fresh page in its own context; requests that would leave 127.0.0.1 are recorded and aborted."""
    context = browser.new_context(locale="en-GB", accept_downloads=True)

    def guard(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != LOCAL_HOST:
            offsite_requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    new_page = context.new_page()
    new_page.on("pageerror", lambda error: page_errors.append(str(error)))
    new_page.set_default_timeout(15_000)
    yield new_page
    context.close()
