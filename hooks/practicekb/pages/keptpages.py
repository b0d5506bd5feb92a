"""The pages a preview (`make serve`) rendered, kept for its next build."""
from __future__ import annotations

import hashlib
import json

from ..source.load import same_reads
from .fragments import Fragments


class KeptPages:
    """The pages rendered by the earlier builds of one preview (`make serve`), each under a digest
    of what its template was given: a rebuild renders again only the pages whose data an edit
    changed. One nonce for the whole preview, so a kept page's placeholders stay its own. The
    templates themselves must be the same (a preview rebuilds everything when they change: forget())."""

    def __init__(self) -> None:
        self.marks = Fragments()
        self.rendered: dict[str, tuple[str, object]] = {}  # src_uri or list entry -> (digest, what was rendered)
        self.by_reads: dict[str, tuple[tuple, object]] = {}  # src_uri -> (the reads it was made from, the page)
        self.common = ""  # the digest of what every template is given

    def forget(self) -> None:
        self.marks, self.rendered, self.by_reads, self.common = Fragments(), {}, {}, ""

    def begin(self, common: dict) -> None:
        digest = self.digest(common)
        if digest != self.common:
            self.rendered, self.by_reads, self.common = {}, {}, digest

    def made_from(self, key: str, reads: tuple):
        """What was rendered under `key` from these very objects, or None. A preview's KeptReads gives
        an unchanged file's front matter as the same object, so a page made only from unchanged files
        (a practice and the practices it lists as related) is not even given its data again; any
        other change than to practice files rebuilds everything (adapter/serving.py)."""
        kept = self.by_reads.get(key)
        return kept[1] if kept is not None and same_reads(kept[0], reads) else None

    def keep_made_from(self, key: str, reads: tuple, rendered) -> None:
        self.by_reads[key] = (reads, rendered)

    def digest(self, *given: object) -> str:
        # Templates are given data only (pages/views.py); anything else is shown by its repr, which
        # for an object without one differs from build to build: then the page is rendered again.
        text = json.dumps(given, sort_keys=True, ensure_ascii=False, default=repr)
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def get(self, key: str, digest: str):
        kept = self.rendered.get(key)
        return kept[1] if kept is not None and kept[0] == digest else None

    def put(self, key: str, digest: str, rendered) -> None:
        self.rendered[key] = (digest, rendered)
