"""Every link between pages is made by pages.addresses.relative_url: it must agree with MkDocs' own
get_relative_url, which the pages stage cannot import (only the adapter knows the generator)."""
import posixpath

import pytest
from mkdocs.utils import get_relative_url

from practicekb.pages.addresses import relative_url, root_of

pytestmark = pytest.mark.unit

ADDRESSES = ["", "index.html", "practices/", "practices/koper/", "practices/koper.html", "sk/", "sk/practices/koper/",
             "themes/language/", "explore/practices.json", "assets/kb.css", "sk/index.html", "a/b/c/", "a/../b/",
             "./practices/", "/practices/koper/", "practices/koper/index.html"]


@pytest.mark.parametrize("start", ADDRESSES)
def test_a_link_is_the_one_mkdocs_would_make(start):
    for to in ADDRESSES:
        assert relative_url(to, start) == get_relative_url(to, start), (to, start)


def test_the_root_is_reached_from_any_page():
    assert [root_of(a) for a in ("", "practices/koper/", "practices/koper.html", "sk/", "sk/practices/koper/")] \
        == ["", "../../", "../", "../", "../../../"]
    for start in ADDRESSES:
        folder = start.strip("/").rpartition("/")[0] if "." in start.rpartition("/")[2] else start.strip("/")
        # followed from the page's folder, the root's link and an address from the root lead to that address
        assert posixpath.normpath(posixpath.join("/", folder, root_of(start) + "themes/language/")) == "/themes/language"
