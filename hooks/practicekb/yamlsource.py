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


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; lines are counted from `first_line`."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = (error.problem or str(error)).strip()
        if error.context:
            problem = f"{problem} {error.context}"
        raise YamlSyntaxError(line, problem) from None
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML error is marked
        raise YamlSyntaxError(first_line, str(error)) from None
    finally:
        loader.dispose()
    document = YamlDocument(data)
    if node is not None:
        _map_lines(node, (), first_line, document)
    return document


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
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, path + (index,), first_line, document)
