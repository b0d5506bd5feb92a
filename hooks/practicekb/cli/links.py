"""Which source addresses no longer answer: a report for maintainers, never a failed build.

Sites move and close; a dead source is a task for an editor (find the new address or an
archived copy), not a reason to stop publishing.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..model.model import KnowledgeBase

USER_AGENT = "integration-practices-link-check/1.0 (+https://github.com/integration-practices/knowledge-base)"


@dataclass(frozen=True)
class LinkResult:
    url: str
    used_by: tuple[str, ...]  # practice files and vocabulary terms that cite it
    status: str               # "ok", an HTTP status such as "404", or the network error
    ok: bool


def cited_addresses(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Every source address of every practice, and every official address of a vocabulary term."""
    cited: dict[str, list[str]] = {}
    for practice in kb.practices.values():
        for source in practice.sources:
            cited.setdefault(source.url, []).append(practice.path)
    for key, vocabulary in kb.vocabularies.items():
        for term in vocabulary.terms.values():
            if term.get("url"):
                cited.setdefault(term.get("url"), []).append(f"vocabularies/{key}.yml: {term.id}")
    return cited


def check_address(url: str, used_by: tuple[str, ...], timeout: float) -> LinkResult:
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return LinkResult(url, used_by, "ok", True)
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return LinkResult(url, used_by, str(error.code), False)
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return LinkResult(url, used_by, f"no answer ({reason})", False)
    return LinkResult(url, used_by, "refused", False)


def check_addresses(cited: dict[str, list[str]], timeout: float = 15, workers: int = 8) -> list[LinkResult]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = pool.map(lambda item: check_address(item[0], tuple(item[1]), timeout), sorted(cited.items()))
        return list(results)


def report(results: list[LinkResult]) -> str:
    """Markdown, so a scheduled workflow can put it in the job summary as it is."""
    dead = [r for r in results if not r.ok]
    lines = [f"# Source links: {len(results) - len(dead)} of {len(results)} answer", ""]
    if not dead:
        return "\n".join(lines + ["Every cited address answered."]) + "\n"
    lines += ["| Address | Answer | Cited by |", "| --- | --- | --- |"]
    for result in dead:
        lines.append(f"| {result.url} | {result.status} | {', '.join(result.used_by)} |")
    lines += ["", "Find the page's new address or an archived copy (https://web.archive.org/), "
              "update the source and its last_verified date."]
    return "\n".join(lines) + "\n"
