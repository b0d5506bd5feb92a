"""YAML read strictly, with the line of every value, so problems can name their line.

PyYAML's defaults are wrong for this data: `NO` (Norway) would become False and
`2024-05-01` a date object, and a repeated key would silently win. This loader
keeps both as strings and reports repeated keys.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple  # a path of keys and list indexes into a YAML document


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 5-10x faster


class StrictLoader(_BaseLoader):
    """SafeLoader with YAML 1.2 booleans and no implicit timestamps."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass
class YamlDocument:
    """A parsed document, the line (1-based, in its file) of each value, and duplicate keys."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)

    def line_of(self, path: Path_, default: int = 1) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


# Bounds on what one document may become: front matter and vocabularies need a few hundred values
# and four levels of nesting; an "alias bomb" (aliases of aliases) needs millions of values to
# hurt, and very deep nesting exhausts the parser's stack.
MAX_VALUES = 20_000  # values once every alias (*name) is expanded
MAX_DEPTH = 40  # levels of lists and mappings inside each other
# Digits of a whole number (a year, a count, an amount): Python refuses to read a number of more than
# 4,300 digits, and a longer one is never meant.
MAX_NUMBER_CHARACTERS = 30
INT_TAG = "tag:yaml.org,2002:int"


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str, hint: str = "", syntax: bool = True):
        self.line = line
        self.message = message
        self.hint = hint
        self.syntax = syntax  # False: well-formed, but beyond what is read (MAX_VALUES, MAX_DEPTH)
        super().__init__(f"line {line}: {message}")


def plain_message(problem: str, line_text: str) -> tuple[str, str]:
    """PyYAML's words for the mistakes people make most, in plain words, with a hint."""
    if "\t" in line_text and ("cannot start any token" in problem or "'\\t'" in problem or "tab" in problem):
        return ("a tab is used for indentation or spacing: YAML allows only spaces there",
                "replace each tab on this line with spaces (two spaces a level)")
    return problem, ""


def check_bounds(root: yaml.Node, first_line: int) -> None:
    """Refuse a document that expands beyond MAX_VALUES values, nests deeper than MAX_DEPTH or holds
    a whole number longer than MAX_NUMBER_CHARACTERS, counting every alias as the values it stands
    for, without expanding anything."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    values = 0
    while stack:
        node, depth = stack.pop()
        values += 1
        line = first_line + node.start_mark.line
        if values > MAX_VALUES:
            raise YamlSyntaxError(line, f"has more than {MAX_VALUES:,} values once its aliases are expanded",
                                  "write the values out: anchors (&name) and aliases (*name) are not needed here",
                                  syntax=False)
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(line, f"nests lists and mappings more than {MAX_DEPTH} levels deep",
                                  "a field holds text, a number, or a short list of them: check the brackets",
                                  syntax=False)
        if isinstance(node, yaml.ScalarNode) and node.tag == INT_TAG and len(node.value) > MAX_NUMBER_CHARACTERS:
            raise YamlSyntaxError(line, f"has a number of more than {MAX_NUMBER_CHARACTERS} characters",
                                  "write the number as a source gives it; a longer text goes in quotes", syntax=False)
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; lines are counted from `first_line`."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_bounds(node, first_line)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = (error.problem or str(error)).strip()
        if error.context:
            problem = f"{problem} {error.context}"
        if "maximum nesting depth" in problem:  # libyaml's own bound, below ours for flow lists
            raise YamlSyntaxError(line, f"nests lists and mappings more than {MAX_DEPTH} levels deep",
                                  "a field holds text, a number, or a short list of them: check the brackets",
                                  syntax=False) from None
        lines = text.split("\n")
        message, hint = plain_message(problem, lines[mark.line] if mark and mark.line < len(lines) else "")
        raise YamlSyntaxError(line, message, hint) from None
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML error is marked
        raise YamlSyntaxError(first_line, str(error)) from None
    finally:
        loader.dispose()
    document = YamlDocument(data)
    if node is not None:
        _map_lines(node, (), first_line, document)
    return document


def number_key(node: yaml.Node) -> int | float | None:
    """The number a plain key such as `2020` becomes in the data, or None for any other key."""
    if isinstance(node, yaml.ScalarNode) and node.tag in (INT_TAG, "tag:yaml.org,2002:float"):
        try:
            return int(node.value.replace("_", ""), 0) if node.tag == INT_TAG else float(node.value)
        except ValueError:
            return None
    return None


def _map_lines(node: yaml.Node, path: Path_, first_line: int, document: YamlDocument) -> None:
    document.lines[path] = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = path + (key,)
            if key in seen:
                document.duplicates.append((child, first_line + key_node.start_mark.line))
            seen.add(key)
            _map_lines(value_node, child, first_line, document)
            document.lines[child] = first_line + key_node.start_mark.line
            number = number_key(key_node)
            if number is not None:  # `2020: …` is the key 2020 in the data: its line under that key too
                document.lines.setdefault(path + (number,), first_line + key_node.start_mark.line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, path + (index,), first_line, document)
