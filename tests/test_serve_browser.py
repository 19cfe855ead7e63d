"""The dashboard in real headless Chromium (Debian's ``chromium``, driven by playwright).

Requests leaving 127.0.0.1 (map tiles) are aborted, so the map's markers are shown
to work offline. Screenshots go to ``out/`` (CI keeps them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from serve_fixtures import CHROMIUM, ROOT

if TYPE_CHECKING:
    from serve_fixtures import Server

pytest_plugins = ["serve_fixtures"]
pytestmark = pytest.mark.browser

OUT = ROOT / "out"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]  # fmt: skip

SCRIPTED = {
    "id": "browser-scripted",
    "published": "2024-09-05",
    "title": "<script>window.__pwned = 1</script>Shots at a market",
    "text": (
        "Three people were killed <script>window.__pwned = 1; alert('x')</script> when gunmen fired at "
        'a market in Pellham on Thursday. <img src=x onerror="window.__pwned = 2">'
    ),
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set TOLLWATCH_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.route(re.compile(r"^(?!" + re.escape(server.url) + ")"), lambda route: route.abort())
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def _shot(page: Any, name: str, **kw: Any) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    page.screenshot(path=str(path), **kw)
    return path


def _tuwaym_children(page: Any, server: Server) -> str:
    """The incident page holding the highlighted 'nine children' span: Syria's incidents, then Tuwaym."""
    page.goto(f"{server.url}/?country=SY&q=Tuwaym")
    links = page.eval_on_selector_all("#incidents tbody tr td:first-child a", "els => els.map(e => e.href)")
    assert links, "no incident mentions Tuwaym"
    for link in links:
        page.goto(link)
        if page.locator("mark", has_text=re.compile(r"^nine children$", re.I)).count():
            return link
    raise AssertionError("no Tuwaym incident highlights 'nine children'")


def test_dashboard_map_filter_and_highlight(page: Any, server: Server) -> None:
    page.goto(server.url + "/")
    page.wait_for_selector("#map.ready")
    assert int(page.get_attribute("#map", "data-markers") or 0) > 0
    assert page.locator("#map .incident-marker").count() > 0
    _shot(page, "dashboard-map.png", full_page=True)

    page.select_option("#f-country", "SY")
    page.click("#f-apply")
    page.wait_for_url(re.compile(r"country=SY"))
    countries = page.eval_on_selector_all("#incidents tbody tr", "rows => rows.map(r => r.dataset.country)")
    assert countries and set(countries) == {"SY"}
    assert page.locator("#incidents tbody tr", has_text="Jablah").count() > 0

    # The Tuwaym grave's incident, among Syria's: the village is not in the embedded
    # gazetteer, but the report's country (SY) reaches the incident.

    _tuwaym_children(page, server)
    mark = page.locator("mark", has_text=re.compile(r"^nine children$", re.I)).first
    assert mark.get_attribute("data-group") == "children"
    assert mark.get_attribute("data-measure") == "killed"
    title = mark.get_attribute("title") or ""
    assert "children" in title and "exact" in title and "source:" in title
    _shot(page, "incident.png", full_page=True)


def test_analyst_correction_changes_the_toll(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/login")
    page.fill("#token", server.tokens["analyst"])
    page.click("#login")
    page.wait_for_selector(".role[data-role=analyst]")
    link = _tuwaym_children(page, server)
    before = int(page.get_attribute("#killed", "data-best") or 0)
    row = page.locator(f"tr[data-figure]:has(.fig-value:text-is('{before}'))").first
    form = row.locator("form.review-form")
    form.locator("select[name=action]").select_option("correct")
    for name in ("low", "best", "high"):
        form.locator(f"input[name={name}]").fill(str(before + 2))
    form.locator("input[name=reason]").fill("two more named in the burial list")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.startswith(link)
    assert page.get_attribute("#killed", "data-best") == str(before + 2)
    assert "two more named in the burial list" in page.inner_text("#review-log")
    _shot(page, "incident-reviewed.png", full_page=True)


def test_report_script_is_not_executed(page: Any, server: Server) -> None:
    with server.client("analyst") as analyst:
        key = analyst.post("/api/documents", json=SCRIPTED).json()["documents"][0]["incidents"][0]
    page.goto(f"{server.url}/incidents/{key}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert "<script>window.__pwned" in page.inner_text("body")


def test_phone_width_has_no_sideways_scroll(browser: Any, server: Server) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.route(re.compile(r"^(?!" + re.escape(server.url) + ")"), lambda route: route.abort())
        page.goto(server.url + "/")
        page.wait_for_selector("#map.ready")
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1] + 1, width
        _shot(page, "dashboard-phone.png")
    finally:
        context.close()


@pytest.mark.skipif(not os.environ.get("TOLLWATCH_DOCS_SCREENSHOT"), reason="set TOLLWATCH_DOCS_SCREENSHOT=1")
def test_docs_screenshot(page: Any, server: Server) -> None:
    """The README's dashboard picture (docs/dashboard.png), refreshed on request."""
    page.goto(server.url + "/?country=SY")
    page.wait_for_selector("#map.ready")
    (ROOT / "docs").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "docs" / "dashboard.png"), type="png")
