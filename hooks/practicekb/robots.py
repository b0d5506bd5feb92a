"""robots.txt: every page may be crawled, and the sitemap is at <site_url>sitemap.xml."""
from __future__ import annotations

from urllib.parse import urljoin

ROBOTS_PATH = "robots.txt"


def robots_txt(site_url: str) -> str:
    """Crawlers read robots.txt only at the root of a host: on a site published under a path
    (https://org.github.io/repo/), the host's own file applies and this one is informational."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines += ["", f"Sitemap: {urljoin(site_url, 'sitemap.xml')}"]
    return "\n".join(lines) + "\n"
