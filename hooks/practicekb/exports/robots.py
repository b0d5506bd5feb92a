"""robots.txt: every page may be crawled, and the sitemap is at <site_url>sitemap.xml."""
from __future__ import annotations

from urllib.parse import urljoin

ROBOTS_PATH = "robots.txt"


def robots_txt(site_url: str, language_folders: tuple[str, ...] = ("",)) -> str:
    """Crawlers read robots.txt only at the root of a host: on a site published under a path
    (https://org.github.io/repo/), the host's own file applies and this one is informational.
    Each language has its own sitemap (in its folder, e.g. 'sk/'); all are named."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines += [""] + [f"Sitemap: {urljoin(site_url, folder + 'sitemap.xml')}" for folder in language_folders]
    return "\n".join(lines) + "\n"
