"""Browser tests: a built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Load the fixtures in a test module with `pytest_plugins = ["browser"]`.

- `chromium_path`: the browser to drive: $CHROMIUM, else `chromium` on the PATH (Debian's
  package, which `make test` installs). Playwright downloads no browser. When Chromium is
  missing the tests fail, never skip.
- `browser`: one headless Chromium for the session.
- `real_site_url`: the real repository's site (conftest's `real_site`), served once.
- `serve_site(folder)` / `build_and_serve(project)`: serve any built folder, or build a project
  made with conftest's make_project and serve it. Servers stop at the end of the session.
- `page`: a page as fresh as a new one (one page per process, reset between tests: see
  `reused_page`); every request to a host other than 127.0.0.1 is recorded in
  `offsite_requests` and aborted, so a test can assert the list is empty. Uncaught script
  errors are recorded in `page_errors`.
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


VIEWPORT = {"width": 1280, "height": 720}  # Playwright's default, which each test starts from


@pytest.fixture(scope="session")
def reused_page(browser):
    """The page every test of this process gets as `page`: a new page starts a renderer process and
    compiles Material's scripts again, about half of a short test's time, so one page is reused and
    reset between tests (`page`). Requests that would leave 127.0.0.1 are recorded and aborted; its
    origins are remembered so that their storage can be cleared."""
    recorded: dict[str, list] = {"offsite": [], "errors": []}
    origins: set[str] = set()
    context = browser.new_context(locale="en-GB", accept_downloads=True, viewport=VIEWPORT)

    def guard(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != LOCAL_HOST:
            recorded["offsite"].append(route.request.url)
            route.abort()
        else:
            if parts.scheme in ("http", "https"):
                origins.add(f"{parts.scheme}://{parts.netloc}")
            route.continue_()

    context.route("**/*", guard)
    shared = context.new_page()
    shared.on("pageerror", lambda error: recorded["errors"].append(str(error)))
    shared.set_default_timeout(15_000)
    yield shared, recorded, origins
    context.close()


@pytest.fixture
def page(reused_page, offsite_requests, page_errors):
    """A page as a fresh one would be: the default viewport and media, no cookies and no local or
    session storage on any origin it has opened, no other page open; this test's offsite requests
    and script errors recorded in its own lists. (A test that adds an init script to every document
    opens a context of its own.)"""
    shared, recorded, origins = reused_page
    recorded["offsite"], recorded["errors"] = offsite_requests, page_errors
    shared.set_viewport_size(VIEWPORT)
    shared.emulate_media(media="null", color_scheme="null", reduced_motion="null")
    yield shared
    recorded["offsite"], recorded["errors"] = [], []
    for other in shared.context.pages:
        if other is not shared:
            other.close()
    for origin in sorted(origins):
        shared.goto(origin + "/kb-test-reset")  # a missing page of that origin: its storage is reachable
        shared.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    origins.clear()
    shared.context.clear_cookies()
    shared.goto("about:blank")
