"""A proposal issue's text (GitHub's rendering of .github/ISSUE_TEMPLATE/propose-practice.yml) into a
practice file. It only parses text: nothing in the issue is run, fetched or trusted.

GitHub writes an issue form's answers as `### <label>`, a blank line and the answer, with
`_No response_` for an empty one. An issue either carries the practice file that the form on the site
made (the "Practice file" answer), or the answers to the form's questions, which become a file here.
Values that match no vocabulary are kept as written, so `kb check` names each of them at once.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..checks import schema as schema_module
from ..checks.proposals import NEW_ORGANISATIONS
from ..source.vocabularies import Vocabulary
from .scaffold import SECTIONS, slug_from_title

MAX_ISSUE_CHARACTERS = 65_536  # GitHub's own limit on an issue's body
NO_RESPONSE = "_No response_"
HEADING = re.compile(r"^### (?P<label>[^\n]{1,120})[ \t]*$", re.M)
FENCED = re.compile(r"^\s*(`{3,}|~{3,})[^\n]*\n(?P<text>.*?)\n?\1[`~]*\s*$", re.S)
DASHES = re.compile(r"\s+[–—-]\s+")
URL = re.compile(r"https?://\S+")

# The issue form's labels (its `label:` attributes), and what each answer is.
LABELS = {
    "Practice file": "practice", "File name": "slug", "Title": "title", "Summary": "summary",
    "Countries": "countries", "Place": "place", "Level of government": "level", "Start year": "start",
    "End year": "end", "Themes": "themes", "Target groups": "target_groups", "Practice type": "practice_type",
    "Organisations": "organisations", "New organisation: name": "new_name", "New organisation: type": "new_type",
    "New organisation: country": "new_country", "New organisation: web address": "new_url",
    "New organisation: what it does": "new_description", "Evidence": "evidence", "Sources": "sources",
    "Status": "status", "Organisation to contact": "contact", "Language of the text": "language",
    **{heading: "section:" + heading for heading in SECTIONS},
}


@dataclass
class Proposal:
    """What an issue proposes: the practice file's name and text, and what could not be read."""

    slug: str = ""
    text: str = ""
    problems: list[str] = field(default_factory=list)  # in plain words, for the issue's comment


def issue_answers(body: str) -> dict[str, str]:
    """The answers by key (LABELS), '' where GitHub wrote _No response_; unknown headings are kept as typed."""
    answers: dict[str, str] = {}
    matches = list(HEADING.finditer(body))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        value = body[match.end():end].strip("\n").strip()
        label = match["label"].strip()
        answers[LABELS.get(label, label)] = "" if value == NO_RESPONSE else value
    return answers


def unfenced(text: str) -> str:
    """The text inside a ``` fence (GitHub fences an answer given `render:`), or the text itself."""
    match = FENCED.match(text)
    return match["text"] if match else text


def _q(value: object) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def _lines(text: str) -> list[str]:
    """One value a line (or separated by commas or semicolons), list marks left out."""
    return [item.strip(" \t-*•") for item in re.split(r"[\n,;]", text) if item.strip(" \t-*•")]


def _term_id(value: str, vocabulary: Vocabulary | None) -> str:
    """A term's id from its id, or its label in any language, or the id given in brackets ("Label (id)")."""
    bracketed = re.search(r"\(([a-z0-9-]+)\)\s*$", value)
    wanted = (bracketed[1] if bracketed else value).strip()
    if vocabulary is None:
        return wanted
    lowered = wanted.casefold()
    for term_id, term in vocabulary.terms.items():
        labels = term.label.values() if term is not None else ()
        if lowered == term_id or lowered in (label.casefold() for label in labels):
            return term_id
    return slug_from_title(wanted) or wanted


def _year(value: str) -> str:
    value = value.strip()
    return value if re.fullmatch(r"\d{4}", value) else _q(value)


def _source(line: str) -> list[str]:
    """'Title – Publisher – https://… – 2022' into a source entry; the address is the one part that must be there."""
    address = URL.search(line)
    rest = [part.strip() for part in DASHES.split(URL.sub(" - ", line)) if part.strip(" -–—")]
    date = next((part for part in rest if re.fullmatch(schema_module.LOOSE_DATE_PATTERN, part)), None)
    words = [part for part in rest if part != date]
    entry = [f"  - title: {_q(words[0] if words else '')}"]
    if len(words) > 1:
        entry.append(f"    publisher: {_q(' – '.join(words[1:]))}")
    entry.append(f"    url: {_q(address[0].rstrip('.,;)') if address else '')}")
    if date:
        entry.append(f"    date: {_q(date)}")
    return entry


def _organisation(line: str, vocabulary: Vocabulary | None, new_id: str, new_name: str) -> list[str]:
    """'Name – role', 'Name: role' or 'Name' (the lead) into an organisations entry."""
    name, role = line, "lead"
    parts = DASHES.split(line)
    if len(parts) > 1 and parts[-1].strip().lower() in schema_module.ROLES:
        name, role = " – ".join(parts[:-1]), parts[-1].strip().lower()
    elif ":" in line and line.rpartition(":")[2].strip().lower() in schema_module.ROLES:
        name, role = line.rpartition(":")[0], line.rpartition(":")[2].strip().lower()
    organisation = new_id if new_id and name.strip().casefold() == new_name.casefold() else _term_id(name, vocabulary)
    return [f"  - id: {_q(organisation)}", f"    role: {_q(role)}"]


def practice_from_answers(answers: dict[str, str], vocabularies: dict[str, Vocabulary]) -> str:
    """The practice file the questions' answers make, in the layout of the site's form (propose.js)."""
    get = lambda key: answers.get(key, "").strip()  # noqa: E731
    ids = lambda key, vocabulary: [_term_id(v, vocabularies.get(vocabulary)) for v in _lines(get(key))]  # noqa: E731
    out = ["---", f"title: {_q(' '.join(get('title').split()))}", f"summary: {_q(' '.join(get('summary').split()))}",
           "countries: [" + ", ".join(_q(code.upper()) for code in _lines(get("countries"))) + "]"]
    if get("place"):
        out.append(f"place: {_q(get('place'))}")
    out.append(f"level: {_q(get('level').split(':')[0].strip().lower() or 'municipal')}")
    if get("start"):
        out.append(f"start: {_year(get('start'))}")
    if get("end"):
        out.append(f"end: {_year(get('end').lower()) if get('end').lower() != 'ongoing' else _q('ongoing')}")
    out.append("themes: [" + ", ".join(map(_q, ids("themes", "themes"))) + "]")
    if get("target_groups"):
        out.append("target_groups: [" + ", ".join(map(_q, ids("target_groups", "target-groups"))) + "]")
    out.append(f"practice_type: {_q(_term_id(get('practice_type'), vocabularies.get('practice-types')))}")
    new_name = " ".join(get("new_name").split())
    new_id = slug_from_title(new_name) if new_name else ""
    organisations = [entry for line in get("organisations").splitlines() if line.strip(" \t-*•")
                     for entry in _organisation(line.strip(" \t-*•"), vocabularies.get("organisations"), new_id, new_name)]
    if new_id and not any(_q(new_id) in line for line in organisations):
        organisations += [f"  - id: {_q(new_id)}", f"    role: {_q('lead')}"]
    if organisations:
        out += ["organisations:", *organisations]
    out.append(f"evidence: {_q(_term_id(get('evidence').split(':')[0], vocabularies.get('evidence')))}")
    out.append("sources:")
    out += [line for source in get("sources").splitlines() if source.strip(" -*") for line in _source(source.strip(" -*"))]
    out.append(f"status: {_q(get('status').split(':')[0].strip().lower() or 'active')}")
    if get("contact"):
        out += ["contact:", f"  organisation: {_q(_term_id(get('contact'), vocabularies.get('organisations')))}"]
    language = get("language").split(" ")[0].strip().lower()
    if language and language != "en":
        out.append(f"language: {_q(language)}")
    if new_id:
        out += [f"{NEW_ORGANISATIONS}:", f"  - id: {_q(new_id)}", f"    type: {_q(get('new_type').split(':')[0].strip().lower())}",
                f"    country: {_q(get('new_country').upper())}", f"    label: {{en: {_q(new_name)}}}",
                f"    description: {{en: {_q(' '.join(get('new_description').split()))}}}"]
        if get("new_url"):
            out.append(f"    url: {_q(get('new_url'))}")
    out.append("---")
    for heading in SECTIONS:
        text = get("section:" + heading)
        if text:
            out += ["", f"## {heading}", "", text.replace("\r\n", "\n")]
    return "\n".join(out) + "\n"


def read_proposal(body: str, vocabularies: dict[str, Vocabulary]) -> Proposal:
    """The practice an issue proposes: the file it carries, or one made from its answers."""
    if len(body) > MAX_ISSUE_CHARACTERS:
        return Proposal(problems=[f"The issue is longer than {MAX_ISSUE_CHARACTERS:,} characters, more than GitHub "
                                  "allows: shorten it, or send the file by e-mail."])
    answers = issue_answers(body.replace("\r\n", "\n"))
    carried = unfenced(answers.get("practice", "")).strip("\n")
    proposal = Proposal()
    if carried.startswith("---\n"):
        proposal.text = carried + "\n"
        title = re.search(r"^title:[ \t]*(.+)$", carried, re.M)
        fallback = title[1].strip().strip("\"'") if title else ""
    elif answers.get("title"):
        proposal.text = practice_from_answers(answers, vocabularies)
        fallback = answers["title"]
    else:
        if carried:
            proposal.problems.append("The \"Practice file\" answer is not a practice file (it should start with a "
                                     "line of three dashes, ---): paste the whole text of the file the form made.")
        proposal.problems.append("The issue has no practice in it: paste the file the form made under \"Practice "
                                 "file\", or answer at least the title and the questions marked required.")
        return proposal
    given = answers.get("slug", "").strip().removesuffix(".md")
    proposal.slug = given if re.match(schema_module.SLUG_PATTERN, given) else slug_from_title(fallback)
    if given and given != proposal.slug:
        proposal.problems.append(f"The file name '{given}' uses other characters than lowercase letters, digits and "
                                 f"hyphens; the file is named {proposal.slug}.md instead.")
    if not proposal.slug:
        proposal.problems.append("The practice has no title to name its file after: give it a title.")
    return proposal
