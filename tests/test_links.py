"""Permanent addresses, link previews, social cards, sitemap and robots.txt, on real built sites."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw

from conftest import REPO, VALID_PRACTICE, build_site, make_project
from sitepages import front_matter, page, resolve
from test_bad_input import RENAMED_ONTO_LIVE, with_aliases

from practicekb.exports import cardfiles

from practicekb.exports import cards
from practicekb.exports.linkpreview import meta_tags, og_locale, page_preview

CONFIG = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SITE_URL = CONFIG["site_url"]
PRACTICE_FILES = sorted(p for p in (REPO / "practices").rglob("*.md")
                        if not p.name.startswith("_") and p.name.count(".") == 1)  # not translations
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Letters of the site's languages and neighbours that a card must be able to show.
LETTERS = "čćšžľĺŕôäąęėįųūøåæðþ"

# A project of its own, published somewhere else: everything absolute must follow site_url.
OTHER_SITE_URL = "https://example.org/kb/"
SLOVENIAN = (VALID_PRACTICE
             .replace("title: Test coordination body in Testtown", "title: Svet za vključevanje v Škofji Loki")
             .replace("place: Testtown", "place: Škofja Loka")
             .replace('last_verified: "2025-01-15"', 'last_verified: "2024-06-30"')
             .replace("status: active", "status: active\nlanguage: sl"))
LINKS_PRACTICES = {
    "testtown.md": with_aliases("old-testtown", "testtown-council"),
    "skofja-loka.md": SLOVENIAN,
}


def meta(soup) -> dict[str, str]:
    """Open Graph and Twitter tags of a page, by name."""
    found = {}
    for tag in soup.find_all("meta"):
        name = tag.get("property") or tag.get("name") or ""
        if name.startswith(("og:", "twitter:")):
            assert name not in found, f"{name} twice"
            found[name] = tag["content"]
    return found


def canonical(soup) -> str:
    return soup.find("link", rel="canonical")["href"]


@pytest.fixture(scope="module")
def links_site(tmp_path_factory) -> tuple[Path, Path, str]:
    """A project with former slugs and a Slovenian practice, published at another address."""
    root = tmp_path_factory.mktemp("links")
    project = make_project(root / "project", LINKS_PRACTICES)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(SITE_URL, OTHER_SITE_URL), encoding="utf-8")
    result = build_site(project, root / "site")
    assert result.returncode == 0, result.stderr
    return project, root / "site", result.stderr


# --- permanent addresses ------------------------------------------------------------------

@pytest.mark.parametrize("old", ["old-testtown", "testtown-council"])
def test_a_former_address_sends_readers_to_the_practice(links_site, old):
    _, site, _ = links_site
    redirect = page(site, f"practices/{old}/")
    refresh = redirect.find("meta", attrs={"http-equiv": "refresh"})["content"]
    delay, _, target = refresh.partition(";")
    assert delay == "0" and target.strip().startswith("url=")
    href = target.strip().removeprefix("url=")
    assert resolve(site, f"practices/{old}/", href) == site / "practices" / "testtown" / "index.html"
    assert canonical(redirect) == OTHER_SITE_URL + "practices/testtown/"
    link = redirect.find("body").find("a", href=True)
    assert link["href"] == href and link.get_text() == "Test coordination body in Testtown"
    assert redirect.find("script") is None  # works without JavaScript
    assert redirect.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_former_addresses_are_not_pages_of_their_own(links_site):
    _, site, _ = links_site
    locations = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert OTHER_SITE_URL + "practices/testtown/" in locations
    assert not [loc for loc in locations if "old-testtown" in loc or "testtown-council" in loc]
    assert page(site, "practices/testtown/").find("h1").get_text().rstrip("¶") == "Test coordination body in Testtown"


def test_colliding_former_slugs_fail_the_build_with_every_problem(tmp_path):
    practices = dict(RENAMED_ONTO_LIVE, **{"first.md": with_aliases("old-name"), "second.md": with_aliases("old-name")})
    result = build_site(make_project(tmp_path / "project", practices), tmp_path / "site")
    assert result.returncode != 0
    for line in (
        "practices/renamed.md:24: aliases[2]: former slug 'testtown' is the slug of practices/testtown.md, a live practice",
        "practices/testtown.md:1: file name: slug 'testtown' is listed as a former slug in the aliases of practices/renamed.md",
        "practices/first.md:24: aliases[1]: former slug 'old-name' is also listed in the aliases of practices/second.md",
        "practices/second.md:24: aliases[1]: former slug 'old-name' is also listed in the aliases of practices/first.md",
    ):
        assert line in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "practices").exists()


def test_former_addresses_without_directory_urls(tmp_path):
    import datetime as dt
    from practicekb.exports.redirects import redirects, redirect_path
    from practicekb.model.pipeline import ProjectPaths, check

    project = make_project(tmp_path / "p", {"new-name.md": with_aliases("old-name").replace(
        "title: Test coordination body in Testtown", "title: A <practice> & more in Testtown")}, REPO / "vocabularies",
        ("en", "sl"))
    kb, problems = check(ProjectPaths.at(project), dt.date(2026, 1, 1))
    assert problems == []
    assert redirect_path("old-name", directory_urls=False) == "practices/old-name.html"
    assert redirect_path("old-name") == "practices/old-name/index.html"
    templates = project / "overrides" / "kb"
    page, = redirects(kb, "https://example.org/kb/", templates, directory_urls=False)
    assert 'content="0; url=../practices/new-name.html"' in page.content
    assert '<link rel="canonical" href="https://example.org/kb/practices/new-name.html">' in page.content
    assert "A &lt;practice&gt; &amp; more" in page.content and '<html lang="en">' in page.content
    assert "This practice has a new address:" in page.content
    slovenian, = redirects(kb.in_language("sl"), "", templates)
    assert '<html lang="sl">' in slovenian.content and "Ta praksa ima nov naslov:" in slovenian.content
    assert 'lang="en">A &lt;practice&gt;' in slovenian.content  # the untranslated title is marked as English
    assert "canonical" not in slovenian.content  # no site_url: no absolute address


# --- link previews ------------------------------------------------------------------------

@pytest.mark.parametrize("path", PRACTICE_FILES, ids=lambda p: p.stem)
def test_a_practice_page_has_a_link_preview(real_site, path):
    slug, data = path.stem, front_matter(path)
    url = f"practices/{slug}/"
    soup = page(real_site, url)
    tags = meta(soup)
    assert canonical(soup) == SITE_URL + url  # Material's, from site_url
    assert tags["og:url"] == SITE_URL + url
    assert tags["og:type"] == "article"
    assert tags["og:title"] == data["title"]
    # the summary's first whole sentences, at most 300 characters (model/descriptions.py), as in the page's <meta>
    summary = " ".join(data["summary"].split())
    assert summary.startswith(tags["og:description"].removesuffix("…")) and len(tags["og:description"]) <= 300
    assert tags["og:description"] == summary or tags["og:description"].endswith((".", "!", "?", "…"))
    assert soup.find("meta", attrs={"name": "description"})["content"] == tags["og:description"]
    assert tags["og:site_name"] == CONFIG["site_name"]
    assert tags["og:locale"] == og_locale(data.get("language", "en"))
    card = SITE_URL + f"assets/cards/practices/{slug}.png"
    assert tags["og:image"] == card
    assert (real_site / card.removeprefix(SITE_URL)).is_file()
    assert (tags["og:image:width"], tags["og:image:height"], tags["og:image:type"]) == ("1200", "630", "image/png")
    assert tags["og:image:alt"].startswith(data["title"]) and tags["twitter:image:alt"] == tags["og:image:alt"]
    assert tags["twitter:card"] == "summary_large_image"
    # X falls back to og:title, og:description and og:image: they are not said twice
    assert not {"twitter:title", "twitter:description", "twitter:image"} & set(tags)


def test_a_term_page_has_a_link_preview_with_the_site_card(real_site):
    url = "themes/intercultural-mediation/"
    soup = page(real_site, url)
    tags = meta(soup)
    assert canonical(soup) == tags["og:url"] == SITE_URL + url
    assert tags["og:type"] == "website"
    assert tags["og:title"] == soup.find("h1").get_text().rstrip("¶")
    assert tags["og:description"] == soup.find("meta", attrs={"name": "description"})["content"]
    assert "mediat" in tags["og:description"].lower()
    assert tags["og:image"] == SITE_URL + "assets/cards/site.png"
    assert (real_site / "assets" / "cards" / "site.png").is_file()
    assert tags["og:locale"] == "en_US" and tags["twitter:card"] == "summary_large_image"


def test_a_page_without_a_description_describes_the_site(real_site):
    tags = meta(page(real_site, ""))
    assert tags["og:description"] == " ".join(CONFIG["site_description"].split())


def test_the_preview_follows_the_practice_language_and_site_url(links_site):
    _, site, _ = links_site
    tags = meta(page(site, "practices/skofja-loka/"))
    assert tags["og:locale"] == "sl_SI"
    assert tags["og:title"] == "Svet za vključevanje v Škofji Loki"
    assert tags["og:url"] == OTHER_SITE_URL + "practices/skofja-loka/"
    assert tags["og:image"] == OTHER_SITE_URL + "assets/cards/practices/skofja-loka.png"


def test_everything_absolute_follows_site_url(links_site):
    """site_url is the one setting: no page, sitemap or robots.txt names the default address."""
    _, site, _ = links_site
    default_host = SITE_URL.split("//")[1].split("/")[0]
    for file in [*site.rglob("*.html"), site / "sitemap.xml", site / "robots.txt"]:
        assert default_host not in file.read_text(encoding="utf-8"), file


def test_without_site_url_no_tag_needs_an_address():
    preview = page_preview("About", "What this is.", "", "", "Site", "en")
    tags = dict((name, content) for _, name, content in meta_tags(preview))
    assert "og:url" not in tags and "og:image" not in tags and "twitter:image:alt" not in tags
    assert tags["twitter:card"] == "summary" and tags["og:title"] == "About"


def test_open_graph_locales():
    assert [og_locale(code) for code in ("en", "sl", "nb", "nn", "is", "sk", "lt", "en-GB")] == [
        "en_US", "sl_SI", "nb_NO", "nn_NO", "is_IS", "sk_SK", "lt_LT", "en_GB"]


# --- social cards -------------------------------------------------------------------------

def test_every_practice_has_a_card_of_1200_by_630(real_site):
    cards_dir = real_site / "assets" / "cards"
    paths = [cards_dir / "practices" / f"{p.stem}.png" for p in PRACTICE_FILES] + [cards_dir / "site.png"]
    contents = set()
    for path in paths:
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == (1200, 630), path
        assert path.stat().st_size < 60_000, path
        contents.add(path.read_bytes())
    assert len(contents) == len(paths)  # each card shows its own practice
    assert sorted(p.name for p in (cards_dir / "practices").iterdir()) == sorted(f"{p.stem}.png" for p in PRACTICE_FILES)


def test_the_card_font_has_every_letter():
    font = TTFont(cards.FONT_PATH)
    letters = LETTERS + LETTERS.upper() + "…·"
    assert [letter for letter in letters if ord(letter) not in font.getBestCmap()] == []
    assert font["name"].getDebugName(1) == "DejaVu Sans"
    assert "Bitstream Vera" in (cards.FONT_PATH.parent / "LICENSE").read_text(encoding="utf-8")


def test_a_card_shows_its_text_in_the_font():
    """Drawn, not boxes: each letter's shape differs from a missing glyph's and from its base letter's."""
    face = cards.font(60)

    def shape(letter: str) -> bytes:
        image = Image.new("L", (90, 90))
        ImageDraw.Draw(image).text((10, 5), letter, font=face, fill=255)
        return image.tobytes()

    missing = shape("\U000F0000")  # a private-use letter no font draws
    assert [letter for letter in LETTERS if shape(letter) == missing] == []
    assert shape("č") != shape("c") and shape("ð") != shape("d")


def test_a_long_title_is_cut_to_fit_and_ends_with_an_ellipsis():
    text = cards.CardText("A very long practice title " * 12, "Škofja Loka, Slovenia", "Theme · " * 30, "Site")
    face, title, place, themes = cards.layout(text, 1040)
    assert 1 <= len(title) <= 3 and title[-1].endswith("…")
    assert len(themes) == 2 and themes[-1].endswith("…")
    assert all(cards.text_width(face.size, line) <= 1040 for line in title)
    with Image.open(io.BytesIO(cards.card_png(text))) as image:
        assert image.size == (1200, 630)


def test_cards_come_from_the_cache_when_nothing_changed(links_site, tmp_path):
    project, site, first = links_site
    assert "Social cards: 3 drawn, 0 from the cache" in first
    again = build_site(project, tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert "Social cards: 0 drawn, 3 from the cache" in again.stderr
    for card in (site / "assets" / "cards").rglob("*.png"):
        assert (tmp_path / "again" / card.relative_to(site)).read_bytes() == card.read_bytes()


def test_worker_processes_draw_the_same_cards(tmp_path):
    texts = [cards.CardText(f"Practice number {n} in Ærøskøbing", "Ærø, Denmark", "Housing", "Site") for n in range(4)]
    jobs = [cardfiles.CardJob(text, tmp_path / "site" / f"{n}.png") for n, text in enumerate(texts)]
    stats = cardfiles.card_batch(jobs, tmp_path / "cache", workers=2, parallel_from=2).finish()
    assert (stats.made, stats.cached) == (4, 0)
    for job in jobs:
        assert job.target.read_bytes() == cards.card_png(job.text)
    assert len(list((tmp_path / "cache").iterdir())) == 4
    stats = cardfiles.card_batch(jobs[:2], tmp_path / "cache", workers=2, parallel_from=2).finish()
    assert (stats.made, stats.cached) == (0, 2)
    assert len(list((tmp_path / "cache").iterdir())) == 2  # cards no longer used are dropped
    for job in jobs[:2]:
        assert job.target.read_bytes() == cards.card_png(job.text)


# --- sitemap and robots.txt -----------------------------------------------------------------

def lastmods(site: Path) -> dict[str, str]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return {url.find(f"{SITEMAP}loc").text: url.find(f"{SITEMAP}lastmod").text for url in root.iter(f"{SITEMAP}url")}


def test_sitemap_dates_practices_by_last_verified(real_site):
    dates = lastmods(real_site)
    for path in PRACTICE_FILES:
        assert dates[SITE_URL + f"practices/{path.stem}/"] == front_matter(path)["last_verified"]


def test_sitemap_date_is_the_front_matter_not_the_build_date(links_site):
    _, site, _ = links_site
    dates = lastmods(site)
    assert dates[OTHER_SITE_URL + "practices/testtown/"] == "2025-01-15"
    assert dates[OTHER_SITE_URL + "practices/skofja-loka/"] == "2024-06-30"


def test_robots_txt_names_the_sitemap(real_site, links_site):
    robots = (real_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
    assert (real_site / "sitemap.xml").is_file()
    for language in ("sk", "sl", "lt", "nb"):  # each language's own sitemap, and no robots.txt of its own
        assert f"Sitemap: {SITE_URL}{language}/sitemap.xml" in robots
        assert (real_site / language / "sitemap.xml").is_file()
        assert not (real_site / language / "robots.txt").exists()
    _, other, _ = links_site
    assert f"Sitemap: {OTHER_SITE_URL}sitemap.xml" in (other / "robots.txt").read_text(encoding="utf-8").splitlines()
