"""YAML the way macplan's two YAML formats read it (plans: `read.plan`; compose files:
`read.compose`).

Nothing is typed while loading: every scalar is a `Text` exactly as written (YAML 1.1 would read
`vlan: 010` as 8, `1:30` as 90 and a key `yes:` as True) and the field that reads it decides what
it is.  Mappings (`Map`) and lists (`Seq`) remember their lines, a key must be a name and is
unique, tags are refused (the schema, not the document, says what a value is: `!!bool x` crashed
the constructor) and nesting is bounded.  The formats differ in a `Policy`: a plan refuses anchors
and aliases (a 600-byte "billion laughs" expands to gigabytes as soon as anything walks it, and a
plan never needs one); a compose file allows them and merge keys, but every mapping and list is
built once, a merge keeps one value per key, and aliases are counted.

PyYAML ships no type stubs: its loaders, nodes and events are `Any` here, and only here.
"""
from __future__ import annotations

import difflib
import ipaddress
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Optional, Union

import yaml

from macplan.docker.goparse import parse_prefix
from macplan.errors import PlanError

__all__ = ["NULLS", "Map", "Policy", "Seq", "Text", "Value", "Where", "is_cidr", "line_of", "load", "suggest"]

#: plain scalars that are null (a quoted "null" is text)
NULLS = ("", "~", "null", "Null", "NULL")
#: deeper than any plan or compose file needs, far below Python's recursion limit (the composer recurses)
MAX_DEPTH = 40


class Text(str):
    """A scalar exactly as written: `plain` says whether it was unquoted, `line` where it is."""
    plain = True
    line = 0


class Map(dict[str, "Value"]):
    """A mapping with the line it starts on and each key's line."""
    line = 0
    key_lines: Mapping[str, int] = MappingProxyType({})


class Seq(list["Value"]):
    """A list with the line it starts on."""
    line = 0


#: what loading gives: text, a mapping, a list or null (a str where the reader made one up)
Value = Union[str, Map, Seq, None]
#: what an error points at: a loaded value (its line; a key's line in a mapping) or a line number
Where = Union[Value, int]


def line_of(where: Where, key: Optional[str] = None) -> Optional[int]:
    """The line an error about `where` (and its `key`) names, if any."""
    if isinstance(where, Map) and key is not None:
        return where.key_lines.get(key, where.line)
    if isinstance(where, (Map, Seq, Text)):
        return where.line
    if isinstance(where, int):
        return where
    return None


def suggest(key: str, allowed: Iterable[str]) -> str:
    """" (did you mean ...?)" for an unknown key, or the known ones."""
    close = difflib.get_close_matches(key.replace("-", "_"), list(allowed), n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(allowed)})"


def is_cidr(text: str) -> bool:
    """A subnet or ip-range as both formats take it: address/prefix (host bits allowed)."""
    if "/" not in text:
        return False
    if parse_prefix(text) is not None:      # cached, and a subset of what ip_interface takes
        return True
    try:
        ipaddress.ip_interface(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Policy:
    """What a format allows of anchors, aliases and merge keys, and its words for a refusal."""
    #: None: anchors and aliases are refused (`no_aliases` says so); else at most this many aliases
    max_aliases: Optional[int]
    no_aliases: str
    #: the refusal of an explicit tag, with {tag}
    no_tags: str
    #: a plain `<<` key merges mappings (else it is a key like any other)
    merge_keys: bool


class _Guard(yaml.composer.Composer):
    """Composition under a `Policy`, with bounded depth, over any parser."""
    name: str
    policy: Policy
    depth: int
    aliases: int

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        line = event.start_mark.line + 1
        limit = self.policy.max_aliases
        if isinstance(event, yaml.AliasEvent):
            if limit is None:
                raise PlanError(self.policy.no_aliases, self.name, line)
            self.aliases += 1
            if self.aliases > limit:
                raise PlanError(f"more than {limit} YAML aliases", self.name, line)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise PlanError(self.policy.no_tags.format(tag=tag), self.name, line)
        if limit is None and getattr(event, "anchor", None) is not None:
            raise PlanError(self.policy.no_aliases, self.name, line)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise PlanError(f"nested more than {MAX_DEPTH} levels deep", self.name, line)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_Guard, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
              yaml.constructor.SafeConstructor, yaml.resolver.BaseResolver):
    """A safe loader with no implicit typing that remembers lines (PyYAML's own parser)."""

    def __init__(self, stream: str, name: str, policy: Policy) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)
        self.name, self.policy, self.depth, self.aliases = name, policy, 0, 0


_CLoader: type[_Guard] = _Loader
if getattr(yaml, "__with_libyaml__", False):
    class _LibyamlLoader(_Guard, yaml._yaml.CParser, yaml.constructor.SafeConstructor, yaml.resolver.BaseResolver):
        """The same, with libyaml scanning and parsing (composition stays ours): a 4094-network
        plan loads in a third of the time."""

        def __init__(self, stream: str, name: str, policy: Policy) -> None:
            yaml._yaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.BaseResolver.__init__(self)
            self.name, self.policy, self.depth, self.aliases = name, policy, 0, 0

    _CLoader = _LibyamlLoader


def _construct_scalar(loader: Any, node: Any) -> Optional[Text]:
    value = loader.construct_scalar(node)
    plain = not node.style      # None from PyYAML's parser, "" from libyaml
    if plain and value in NULLS:
        return None
    out = Text(value)
    out.plain, out.line = plain, node.start_mark.line + 1
    return out


def _construct_map(loader: Any, node: Any) -> Map:
    out = Map()
    key_lines: dict[str, int] = {}
    merged: list[tuple[str, Value, int]] = []
    merge_keys = loader.policy.merge_keys
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if merge_keys and isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" \
                and key_node.style is None:
            # a merge key: earlier sources win, and a key is taken once (so merges cannot multiply)
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    raise PlanError("a merge key (<<) takes a mapping or a list of mappings", loader.name, line)
                sub: Map = loader.construct_object(source, deep=True)
                merged += [(k, v, line) for k, v in sub.items()]
            continue
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise PlanError("a key must be a name, not a list, a mapping or null", loader.name, line)
        if key in out:
            raise PlanError(f"duplicate key {str(key)!r}", loader.name, line)
        out[key] = loader.construct_object(value_node, deep=True)
        key_lines[key] = line
    for key, value, line in merged:
        if key not in out:
            out[key] = value
            key_lines[key] = line
    out.line, out.key_lines = node.start_mark.line + 1, key_lines
    return out


def _construct_seq(loader: Any, node: Any) -> Seq:
    out = Seq(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    return out


for _cls in (_Loader, _CLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG, _construct_scalar)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def load(text: str, source: str, policy: Policy, libyaml: bool = False) -> Value:
    """One YAML document read under `policy` (with libyaml's parser when asked and installed);
    every problem is a one-line `PlanError` naming `source` and, where known, the line."""
    try:
        loader = (_CLoader if libyaml else _Loader)(text, source, policy)
        try:
            doc: Value = loader.get_single_data()
        finally:
            loader.dispose()
    except PlanError:
        raise
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise PlanError(f"YAML error: {e.problem or e.context}", source, mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as e:     # a control character: say where, in one line
        line = text.count("\n", 0, e.position) + 1 if isinstance(e.position, int) else None
        char = f"#x{e.character:04x}" if isinstance(e.character, int) else repr(e.character)
        raise PlanError(f"YAML error: character {char}: {e.reason}", source, line) from None
    except yaml.YAMLError as e:
        raise PlanError(f"YAML error: {str(e).splitlines()[0] if str(e) else type(e).__name__}", source) from None
    except RecursionError:
        raise PlanError("YAML nested too deeply", source) from None
    return doc
