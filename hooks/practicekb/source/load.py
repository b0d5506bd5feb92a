"""Read practice and vocabulary files into documents that remember their lines.

Loading never raises for a bad file: it returns what it could read and a
Problem for what it could not, so one run reports every broken file.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..core.problems import Problem
from .yamlsource import YamlDocument, YamlSyntaxError, parse_yaml

T = TypeVar("T")
FENCE = "---"
# Control characters HTML and XML do not allow (tab, line feed and carriage return are fine): a
# damaged file, or text pasted from a program that left them in.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MARKDOWN_LIKE = (".md", ".markdown", ".mdown", ".mkd", ".txt")  # a practice saved under another ending


@dataclass
class PracticeSource:
    """One practice (or translation) file as read: front matter (with lines) and body."""

    path: str  # relative to the project root, with forward slashes
    slug: str
    front_matter: YamlDocument
    body: str
    body_line: int  # line of the file on which the body starts


# A practice is a few kilobytes; a file far larger is pasted material or an attempt to exhaust the build.
MAX_FILE_BYTES = 1_000_000


def relative(path: Path, root: Path) -> str:
    """The path as the repository names it: never an absolute path of the machine that builds."""
    for shown, top in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        try:
            return shown.relative_to(top).as_posix()
        except ValueError:
            continue
    return path.name


def outside_repository(path: Path, root: Path) -> Problem | None:
    """A file reached through a symbolic link that leads out of the repository: it would publish
    whatever the link names on the machine that builds (and that machine's paths)."""
    if not (path.is_symlink() or path.parent.is_symlink()) or path.resolve().is_relative_to(root.resolve()):
        return None  # not reached by a link (a folder given on purpose: kb --practices elsewhere), or inside
    return Problem(relative(path, root), 1, "file", "is a symbolic link to a file outside the repository",
                   "replace the link with the file itself: only files in the repository are published")


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or a Problem naming the line of the first byte that is not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(shown, 1, "file", f"is {size / 1e6:.1f} MB; a file here may be at most "
                                  f"{MAX_FILE_BYTES / 1e6:.0f} MB", "shorten it: link to long documents instead of pasting them")]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, "file", f"cannot be read: {error.strerror}", "check the file's permissions")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, "file", f"is not UTF-8 (byte 0x{raw[error.start]:02x} at line {line})",
                              "save the file with UTF-8 encoding in your editor")]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if control := CONTROL_CHARACTER.search(text):
        line = text.count("\n", 0, control.start()) + 1
        return None, [Problem(shown, line, "file", f"contains the control character U+{ord(control.group()):04X} "
                              f"at line {line}, which web pages cannot show",
                              "delete it: the file is damaged or the text was pasted from another program")]
    return text, []


def split_front_matter(text: str, shown: str) -> tuple[str | None, str, int, list[Problem]]:
    """Front matter text, body, the body's first line, and problems."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return None, text, 1, [Problem(shown, 1, "front matter", "missing: the file must start with a line '---'",
                                       "put the facts between two lines '---' at the top; see practices/_template.md")]
    for index in range(1, len(lines)):
        if lines[index].strip() in (FENCE, "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2, []
    return None, "", len(lines), [Problem(shown, 1, "front matter", "is not closed",
                                          "add a line '---' after the last field")]


def parse_document(text: str, shown: str, first_line: int) -> tuple[YamlDocument | None, list[Problem]]:
    try:
        document = parse_yaml(text, first_line)
    except YamlSyntaxError as error:
        if error.hint:
            hint = error.hint
        elif "constructor for the tag" in error.message:
            hint = ("remove the tag starting with '!': fields hold plain text, numbers and lists; "
                    "text starting with '!' needs quotes around it")
        else:
            hint = ("check indentation, colons and quotes on this line and the one before; "
                    "text containing ': ' or starting with a quote or '[' needs quotes around it")
        message = f"syntax error: {error.message}" if error.syntax else error.message
        return None, [Problem(shown, error.line, "YAML", message, hint)]
    problems = [Problem(shown, line, ".".join(map(str, key)), "appears twice", "keep only one of them")
                for key, line in document.duplicates]
    if not isinstance(document.data, dict):
        problems.append(Problem(shown, first_line, "front matter" if first_line > 1 else "file",
                                "must be a list of 'field: value' lines", "see practices/_template.md"))
        return None, problems
    return document, problems


def read_front_matter_file(path: Path, shown: str) -> tuple[PracticeSource | None, list[Problem]]:
    """A Markdown file with YAML front matter (a practice or a translation), or why it cannot be read."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    front, body, body_line, problems = split_front_matter(text, shown)
    if front is None:
        return None, problems
    document, problems = parse_document(front, shown, 2)
    if document is None:
        return None, problems
    return PracticeSource(shown, path.name.removesuffix(".md"), document, body, body_line), problems


Read = tuple[PracticeSource | None, list[Problem]]  # what reading a practice file gives


def same_reads(kept: tuple, now: tuple) -> bool:
    """Whether `now` holds the very objects of `kept`: KeptReads gives an unchanged file's front
    matter and body as the same objects, so a later stage knows what it made from them still holds."""
    return len(kept) == len(now) and all(a is b for a, b in zip(kept, now))


class KeptReads:
    """The practice files (and translations) an earlier build of the same process read, by size,
    modification time and inode: a preview's rebuild (`make serve`) reads again only what an edit
    changed. Nothing read is changed by the later stages (Practice.data is the front matter as written)."""

    def __init__(self) -> None:
        self.files: dict[Path, tuple[tuple[int, int, int], str, Read]] = {}
        self.values: dict[tuple[Path | None, str], tuple[object, object]] = {}  # (file or None, kind) -> (inputs, value)
        # id of a source read -> (the source, what its problems depend on, its problems)
        self.problems: dict[int, tuple[PracticeSource, str, list[Problem]]] = {}

    def value(self, path: Path, kind: str, make: Callable[[], T]) -> T:
        """What `make` makes of the file at `path` (the map's boundaries), made again when it changed."""
        stat = path.stat()
        return self._kept((path, kind), (stat.st_mtime_ns, stat.st_size, stat.st_ino), make)

    def made(self, kind: str, inputs: object, make: Callable[[], T]) -> T:
        """What `make` makes of `inputs` (compared with ==), made again when they changed: what the
        later stages compute from the files read (the schema's validator, related practices)."""
        return self._kept((None, kind), inputs, make)

    def _kept(self, slot: tuple[Path | None, str], inputs: object, make: Callable[[], T]) -> T:
        kept = self.values.get(slot)
        if kept is not None and kept[0] == inputs:
            return kept[1]
        value = make()
        self.values[slot] = (inputs, value)
        return value

    def checked(self, source: PracticeSource, depends: str, check: Callable[[], list[Problem]]) -> list[Problem]:
        """A practice's own problems, checked again when it was read again or what checking it
        depends on (`depends`: the vocabularies, the day) changed."""
        kept = self.problems.get(id(source))
        if kept is not None and kept[0] is source and kept[1] == depends:
            return kept[2]
        problems = check()
        self.problems[id(source)] = (source, depends, problems)
        return problems

    def forget_unread(self) -> None:
        """Drop the problems of sources no longer kept (read again, or gone)."""
        live = {id(read[0]) for _, _, read in self.files.values() if read[0] is not None}
        self.problems = {key: value for key, value in self.problems.items() if key in live}

    def read(self, path: Path, shown: str) -> Read:
        try:
            stat = path.stat()
        except OSError:
            return read_front_matter_file(path, shown)  # which says what is wrong
        key = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        kept = self.files.get(path)
        if kept is not None and kept[0] == key and kept[1] == shown:
            return kept[2]
        read = read_front_matter_file(path, shown)
        self.files[path] = (key, shown, read)
        return read


def load_practice(path: Path, root: Path, kept: KeptReads | None = None) -> Read:
    shown = relative(path, root)
    return kept.read(path, shown) if kept is not None else read_front_matter_file(path, shown)


def visible_files(practices_dir: Path) -> list[Path]:
    """Every file; files and folders starting with '_' or '.' are templates or notes."""
    return sorted(p for p in practices_dir.rglob("*")
                  if p.is_file() and not any(part.startswith(("_", ".")) for part in p.relative_to(practices_dir).parts))


def read_as_markdown(name: str) -> bool:
    return name.endswith(".md") and not name.lower().endswith(".md.md")  # p.md.md: a doubled ending


def docs_files(docs_dir: Path) -> list[str]:
    """Every file of docs/, as a path from it (what MkDocs publishes besides the generated pages)."""
    return sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*") if path.is_file()) \
        if docs_dir.is_dir() else []


def markdown_files(practices_dir: Path) -> list[Path]:
    return [p for p in visible_files(practices_dir) if read_as_markdown(p.name)]


def stray_files(practices_dir: Path, root: Path) -> list[Problem]:
    """Files in practices/ that are not read: a practice saved as .MD or .txt would otherwise be
    missing from the site without a word."""
    problems = []
    for path in visible_files(practices_dir):
        if read_as_markdown(path.name):
            continue
        shown = relative(path, root)
        if path.name.lower().endswith(MARKDOWN_LIKE):
            stem = path.name[:path.name.rindex(".")]
            stem = stem[:-3] if stem.lower().endswith(".md") else stem  # p.md.txt, p.md.md
            problem = "ends in '.md' twice" if path.name.lower().endswith(".md.md") else \
                "is not read: practice files end in '.md'"
            problems.append(Problem(shown, 1, "file name", f"'{path.name}' {problem}", f"rename it to {stem}.md"))
        else:
            problems.append(Problem(shown, 1, "file name", f"'{path.name}' is not a practice file",
                                    "practices/ holds only practices (<slug>.md) and their translations "
                                    "(<slug>.<language>.md): move it elsewhere"))
    return problems + hidden_practices(practices_dir, root)


def hidden_practices(practices_dir: Path, root: Path) -> list[Problem]:
    """Markdown files a name starting with '.' (the file's or a folder's) keeps out of the site: said,
    not skipped silently ('_' is the way to keep a file out; an editor's .swp file is not Markdown)."""
    return [Problem(relative(path, root), 1, "file name", "starts with '.' (or is in such a folder), so it is not built",
                    "rename it without the '.'; a name starting with '_' keeps a file out on purpose")
            for path in sorted(practices_dir.rglob("*.md"))
            if path.is_file() and any(part.startswith(".") for part in path.relative_to(practices_dir).parts)]


def practice_paths(practices_dir: Path) -> list[Path]:
    """Every practice file: <slug>.md (a name with another dot is a translation, <slug>.<language>.md)."""
    return [p for p in markdown_files(practices_dir) if p.name.count(".") == 1]


def practice_translation_paths(practices_dir: Path) -> list[Path]:
    return [p for p in markdown_files(practices_dir) if p.name.count(".") > 1] if practices_dir.is_dir() else []


def load_practices(practices_dir: Path, root: Path,
                   kept: KeptReads | None = None) -> tuple[list[PracticeSource], list[Problem]]:
    sources: list[PracticeSource] = []
    problems: list[Problem] = []
    if not practices_dir.is_dir():
        return [], [Problem(relative(practices_dir, root), 1, "folder", "does not exist",
                            "create it, or point --practices at the folder of practice files")]
    problems += stray_files(practices_dir, root)
    for path in practice_paths(practices_dir):
        if outside := outside_repository(path, root):
            problems.append(outside)
            continue
        source, found = load_practice(path, root, kept)
        problems += found
        if source is not None:
            sources.append(source)
    return sources, problems


def load_yaml_file(path: Path, root: Path) -> tuple[YamlDocument | None, list[Problem]]:
    shown = relative(path, root)
    if not path.is_file():
        return None, [Problem(shown, 1, "file", "is missing", "restore it from the repository")]
    if outside := outside_repository(path, root):
        return None, [outside]
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    return parse_document(text, shown, 1)
