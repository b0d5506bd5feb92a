"""Share, cite and print, in real Chromium on the real site: every practice's QR code, as the
browser draws the served SVG, decodes (with zxing-cpp's reader; zint writes them) to the page's address; the copy
buttons put the address and the citation on the clipboard; the citation's access date and the
printed date are today's; print media hide navigation, header, search, footer and buttons and keep
facts, text, sources, address, QR code and date; and Chromium prints the page to a PDF with them."""
from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from conftest import REPO
from sitepages import page as built_page
from test_build import SLUGS

pytest_plugins = ["browser"]

from published import SITE_URL
KOPER = "koper-coordination-body-for-migrant-inclusion"
FIXED_NOW = "2027-03-05T10:00:00"
FIXED_DAY = "5 March 2027"


def address(slug: str) -> str:
    return f"{SITE_URL}practices/{slug}/"


def compact(text: str) -> str:
    return re.sub(r"[\s-]", "", text)


def decode(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
            if result.format == zxingcpp.BarcodeFormat.QRCode]


def test_the_qr_code_as_chromium_draws_it_on_the_page_decodes_to_the_page_address(page, real_site_url, offsite_requests):
    page.goto(real_site_url + f"practices/{KOPER}/")
    image = page.locator(".kb-share__qr img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.kb-share__qr img').naturalWidth > 0")
    assert decode(image.screenshot()) == [address(KOPER)]
    assert offsite_requests == []


def test_every_practices_qr_code_as_chromium_draws_it_decodes_to_its_address(page, real_site_url, real_site):
    """Each practice page's image is its qr/<slug>.png (test_download_link_… checks the page's src): all of
    them drawn side by side in one page, at the size the practice page shows them."""
    page.goto(real_site_url + f"practices/{KOPER}/")
    size = page.locator(".kb-share__qr img").bounding_box()
    page.evaluate("""([slugs, width, height]) => {
        document.body.replaceChildren(...slugs.map(slug => {
            const image = new Image(width, height);
            image.src = `../../qr/${slug}.png`;
            image.dataset.slug = slug;
            image.style.cssText = 'display: block; margin: 16px; background: #fff';
            return image;
        }));
    }""", [SLUGS, round(size["width"]), round(size["height"])])
    page.wait_for_function("() => [...document.images].every(image => image.complete && image.naturalWidth > 0)")
    assert {(real_site / "qr" / f"{slug}.png").is_file() for slug in SLUGS} == {True}
    decoded = {slug: decode(page.locator(f'img[data-slug="{slug}"]').screenshot()) for slug in SLUGS}
    assert decoded == {slug: [address(slug)] for slug in SLUGS}


def test_download_link_serves_the_same_qr_png_under_the_practice_name(real_site):
    soup = built_page(real_site, f"practices/{KOPER}/")
    image = soup.select_one(".kb-share__qr img")
    link = soup.find("a", string="Download QR code")
    assert link["href"] == image["src"] == f"../../qr/{KOPER}.png"
    assert link["download"] == f"{KOPER}-qr.png" and link["type"] == "image/png"
    assert (real_site / "qr" / f"{KOPER}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert image["alt"] == "QR code of this page's address"  # the address is written beside it


def test_without_javascript_the_buttons_stay_hidden_and_the_text_is_there(real_site):
    share = built_page(real_site, f"practices/{KOPER}/").select_one(".kb-share")
    assert all(actions.has_attr("hidden") for actions in share.select(".kb-share__actions"))
    assert share.select_one(".kb-share__address").get_text() == address(KOPER)
    assert share.select_one(".kb-cite").get_text().endswith("(accessed [date of access]).")


def test_copy_buttons_put_the_address_and_the_citation_on_the_clipboard(browser, real_site_url):
    context = browser.new_context(locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=real_site_url.rstrip("/"))
    try:
        page = context.new_page()
        page.clock.set_fixed_time(FIXED_NOW)
        page.goto(real_site_url + f"practices/{KOPER}/")
        page.get_by_role("button", name="Copy link").click()
        page.wait_for_function("() => document.querySelector('.kb-share__status').textContent === 'Link copied'")
        assert page.evaluate("navigator.clipboard.readText()") == address(KOPER)
        page.get_by_role("button", name="Copy citation").click()
        page.wait_for_function("() => document.querySelector('.kb-share__status').textContent === 'Citation copied'")
        citation = page.evaluate("navigator.clipboard.readText()")
        assert citation.startswith("PiNA - Cultural and Educational Association, Koper; Municipality of Koper (")
        assert citation.endswith(f"{address(KOPER)} (accessed {FIXED_DAY}).")
    finally:
        context.close()


def test_print_media_show_a_clean_handout_with_address_qr_code_and_date(page, real_site_url, page_errors):
    page.clock.set_fixed_time(FIXED_NOW)
    page.goto(real_site_url + f"practices/{KOPER}/")
    printed = page.locator(".kb-print-only")
    assert not printed.is_visible()  # on screen, the printed line is not shown
    assert page.locator(".md-header").is_visible() and page.locator(".kb-share__actions").first.is_visible()

    page.emulate_media(media="print")
    for gone in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                 ".md-search", ".kb-share__actions", ".kb-edit", "#related-practices"):
        locator = page.locator(gone)
        assert locator.count() == 0 or not any(locator.nth(i).is_visible() for i in range(locator.count())), gone
    for kept in (".kb-facts", "ol.kb-sources", ".kb-share__address", ".kb-share__qr img", ".kb-cite", "h1"):
        assert page.locator(kept).first.is_visible(), kept
    assert page.locator(".kb-share__address").inner_text() == address(KOPER)
    assert printed.is_visible()
    assert printed.inner_text() == f"Printed on {FIXED_DAY} from {address(KOPER)}"
    assert page.locator(".kb-print-only time").get_attribute("datetime") == "2027-03-05"
    assert page.locator(".kb-cite").inner_text().endswith(f"(accessed {FIXED_DAY}).")
    assert decode(page.locator(".kb-share__qr img").screenshot()) == [address(KOPER)]
    assert page_errors == []


def test_chromium_prints_a_practice_to_pdf_with_text_sources_address_and_date(page, real_site_url):
    page.clock.set_fixed_time(FIXED_NOW)
    page.goto(real_site_url + f"practices/{KOPER}/")
    page.wait_for_function("() => (document.querySelector('.kb-print-only time') || {}).textContent")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Municipal coordination body for migrant inclusion in Koper" in text
    assert "Last verified" in text and "Sources" in text
    assert f"Printed on {FIXED_DAY} from" in text
    # lines break inside the long address (after a hyphen), so compare without spaces and hyphens
    assert compact(address(KOPER)) in compact(text)
    for screen_only in ("Copy link", "Copy citation", "Download QR code", "Edit this file", "Related practices"):
        assert screen_only not in text, screen_only


def test_after_instant_navigation_the_buttons_show_and_the_access_date_is_today(page, real_site_url, page_errors):
    page.clock.set_fixed_time(FIXED_NOW)
    page.goto(real_site_url + "countries/si/")
    page.wait_for_function("typeof window.location$ !== 'undefined'")
    page.evaluate("window.kbSameDocument = true")  # lost if the browser loads a new document
    # Material's instant navigation, as test_propose_form drives it (its link interception needs the
    # published host, which a local server is not)
    page.evaluate(f"window.location$.next(new URL({real_site_url + f'practices/{KOPER}/'!r}))")
    page.locator(".kb-share__actions").first.wait_for(state="visible")
    assert page.evaluate("window.kbSameDocument") is True
    assert page.locator(".kb-cite").inner_text().endswith(f"(accessed {FIXED_DAY}).")
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function("() => document.querySelector('.kb-share__status').textContent.startsWith('Link')")
    assert page_errors == []


LONGEST = sorted(SLUGS, key=lambda slug: (REPO / "practices" / f"{slug}.md").stat().st_size)[-6:]
LINKING = "are-nyar-newcomers-as-a-resource"  # its text links to two other practices


def pdf_pages(page, url: str) -> list[list[str]]:
    """The practice printed to A4 by Chromium, as each page's runs of text from top to bottom (pypdf)."""
    page.clock.set_fixed_time(FIXED_NOW)
    page.goto(url)
    page.wait_for_function("() => (document.querySelector('.kb-print-only time') || {}).textContent")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    pages = []
    for printed in reader.pages:
        runs: list[tuple[float, str]] = []  # (height on the page, text): pypdf's text order is not the page's

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                runs.append((tm[5] * cm[3] + cm[5], " ".join(text.split())))
        printed.extract_text(visitor_text=visit)
        pages.append([text for _, text in sorted(runs, key=lambda run: -run[0])])
    return pages


@pytest.mark.parametrize("slug", LONGEST)
def test_no_printed_page_ends_with_a_heading(page, real_site_url, slug):
    url = real_site_url + f"practices/{slug}/"
    pages = pdf_pages(page, url)
    assert len(pages) > 1, "a practice this long prints on more than one page"
    page.emulate_media(media="print")
    headings = {" ".join(text.split()) for text in page.locator("article h2, article h3").evaluate_all(
        "hs => hs.filter(h => h.offsetParent !== null).map(h => h.innerText)")}
    assert headings
    for number, lines in enumerate(pages[:-1], start=1):
        assert lines and lines[-1] not in headings, f"page {number} of {slug} ends with the heading {lines[-1]!r}"


def test_print_media_keep_headings_with_what_follows_and_print_the_title_dark(page, real_site_url):
    page.goto(real_site_url + f"practices/{KOPER}/")
    on_screen = page.locator("article h1").evaluate("h => getComputedStyle(h).color")
    page.emulate_media(media="print")
    styles = page.locator("article h1, article h2").evaluate_all(
        "hs => hs.map(h => [getComputedStyle(h).breakAfter, getComputedStyle(h).breakInside, getComputedStyle(h).color])")
    assert styles and all(after == "avoid" and inside == "avoid" for after, inside, _ in styles), styles
    title = styles[0][2]
    assert title == "rgb(0, 0, 0)", f"the printed title is {title} (on screen {on_screen})"


def test_links_to_other_practices_print_with_their_full_address(page, real_site_url):
    url = real_site_url + f"practices/{LINKING}/"
    body = (REPO / "practices" / f"{LINKING}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    targets = sorted(set(re.findall(r"\]\(([a-z0-9-]+)\.md\)", body)))
    assert len(targets) >= 2
    text = compact(" ".join(" ".join(lines) for lines in pdf_pages(page, url)))
    for target in targets:
        assert compact(f"({address(target)})") in text, target
    page.emulate_media(media="screen")
    assert address(targets[0]) not in page.locator("article").inner_text()  # on screen, the link text only
