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

The values are built straight from the parser's events (libyaml's where asked and installed, else
PyYAML's), in one pass: it reads every document as PyYAML's composer and constructor did in two
(tests/test_yaml_events.py holds the two to it), in about a third of their time on a big plan.

PyYAML ships no type stubs: its loaders, nodes and events are `Any` here, and only here.
"""
from __future__ import annotations

import difflib
import ipaddress
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, Optional, Union

import yaml

from macplan.docker.goparse import parse_prefix
from macplan.errors import PlanError

__all__ = ["NULLS", "Map", "Policy", "Seq", "Text", "Value", "Where", "is_cidr", "line_of", "load", "suggest"]

#: plain scalars that are null (a quoted "null" is text)
NULLS = ("", "~", "null", "Null", "NULL")
#: deeper than any plan or compose file needs (the bound PyYAML's recursive composer needed, kept)
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


#: what a mapping being read waits for: a key (else the key whose value comes next)
_KEY: Any = object()
#: a refused key: its value is read (the document must still parse) and dropped
_SKIP: Any = object()
#: a merge key: its value is merged, not stored
_MERGE: Any = object()

_NOT_MERGEABLE = "a merge key (<<) takes a mapping or a list of mappings"


class _Open:
    """A mapping or list being read, and (while one inside it is read) what it waits for."""
    __slots__ = ("node", "key", "key_line", "merged", "merge_line", "anchor")

    def __init__(self, node: Union[Map, Seq], merge_line: Optional[int], anchor: Optional[list[Any]]) -> None:
        self.node = node
        #: _KEY, _SKIP, _MERGE or the key whose value comes next (a mapping's), and its line
        self.key: Any = _KEY
        self.key_line = 0
        #: (key, value, line of the merge key) from a mapping's merge keys
        self.merged: Optional[list[tuple[str, Value, int]]] = None
        #: a list that is a merge key's value: that key's line (its items must be mappings)
        self.merge_line = merge_line
        #: its anchor's [value, mark, line, open]: closed when it ends
        self.anchor = anchor


def _build(get_event: Callable[[], Any], source: str, policy: Policy) -> Value:
    """The one document of an event stream (`get_event`: libyaml's or PyYAML's parser) as
    `Value`s, built as the events come, under `policy`.

    It reads as PyYAML's composer and constructor did in two passes (composing nodes, then
    building values): what the composer refused (a tag, an anchor or alias the policy refuses,
    depth, an undefined alias, a second document) is raised at its event; what the constructor
    refused (a key that is not a name, a duplicate key, a bad merge, an alias inside what it
    names) only once the whole document parsed, the first of them: a syntax error further on
    was found first then.  An alias is the value already built for its anchor."""
    ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
    MappingStartEvent, SequenceStartEvent = yaml.MappingStartEvent, yaml.SequenceStartEvent
    MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent
    limit, merge_keys, nulls = policy.max_aliases, policy.merge_keys, NULLS
    get_event()                                         # stream start
    if isinstance(get_event(), yaml.StreamEndEvent):    # (else a document starts)
        return None
    #: anchor: [its value, its mark, its line, open (a mapping or list not ended yet)]
    anchors: dict[str, list[Any]] = {}
    aliases = 0
    pending: Optional[Exception] = None                 # the first of the constructor's refusals
    root_mark: Any = None
    # the mapping or list being read (`top`), kept in locals: the ones around it are on `stack`
    stack: list[_Open] = []
    top: Optional[_Open] = None
    into: Any = None                                    # its Map or Seq
    is_map = False
    key: Any = _KEY                                     # a mapping's: what it waits for
    key_line = 0
    key_lines: dict[str, int] = {}
    merge_seq: Optional[int] = None                     # a list's: its merge key's line, if any
    depth = 0
    node: Value
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            line = event.start_mark.line + 1
            anchor = event.anchor
            if event.tag is not None or anchor is not None or depth >= MAX_DEPTH:
                _refuse(event, line, depth, policy, anchors, source)
            style, value = event.style, event.value
            if not style and value in nulls:            # style: None from PyYAML, "" from libyaml
                node = None
            else:
                node = Text(value)
                node.line = line
                if style:                               # (plain, the class's default, is the most)
                    node.plain = False
            if anchor is not None:
                anchors[anchor] = [node, event.start_mark, line, False]
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            assert top is not None
            node = into
            line = into.line
            if is_map and top.merged:                   # merged keys come after the mapping's own
                for k, v, ln in top.merged:
                    if k not in into:
                        into[k] = v
                        key_lines[k] = ln
            if top.anchor is not None:
                top.anchor[3] = False
            depth -= 1
            if not stack:
                break
            top = stack.pop()
            into = top.node
            is_map = isinstance(into, Map)
            if is_map:
                key, key_line, key_lines = top.key, top.key_line, into.key_lines
            else:
                merge_seq = top.merge_line
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            mark = event.start_mark
            line = mark.line + 1
            anchor = event.anchor
            if event.tag is not None or anchor is not None or depth >= MAX_DEPTH:
                _refuse(event, line, depth, policy, anchors, source)
            opened: Union[Map, Seq]
            if kind is MappingStartEvent:
                opened = Map()
                new_key_lines: dict[str, int] = {}
                opened.key_lines = new_key_lines
            else:
                opened = Seq()
            opened.line = line
            record = None
            if anchor is not None:
                record = anchors[anchor] = [opened, mark, line, True]
            merge_line = None
            if top is None:
                root_mark = mark
            else:
                if is_map:
                    if key is _MERGE and kind is SequenceStartEvent:    # a merge key's list
                        merge_line = key_line
                    top.key, top.key_line = key, key_line
                elif merge_seq is not None and kind is SequenceStartEvent and pending is None:
                    pending = PlanError(_NOT_MERGEABLE, source, merge_seq)     # (never built)
                stack.append(top)
            top = _Open(opened, merge_line, record)
            into = opened
            depth += 1
            if kind is MappingStartEvent:
                is_map, key, key_lines = True, _KEY, new_key_lines
            else:
                is_map, merge_seq = False, merge_line
            continue
        elif kind is AliasEvent:
            mark = event.start_mark
            line = mark.line + 1
            if limit is None:
                raise PlanError(policy.no_aliases, source, line)
            aliases += 1
            if aliases > limit:
                raise PlanError(f"more than {limit} YAML aliases", source, line)
            if depth >= MAX_DEPTH:
                raise PlanError(f"nested more than {MAX_DEPTH} levels deep", source, line)
            named = anchors.get(event.anchor)
            if named is None:
                raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}", mark)
            node, line = named[0], named[2]             # (a key's line is its anchor's)
            if named[3] and pending is None and top is not None:
                pending = _inside_itself(source, stack + [top], node, is_map, key, key_line, merge_seq)
        else:       # (the parser gives a node here and nothing else)
            raise PlanError(f"YAML error: unexpected {kind.__name__}", source, event.start_mark.line + 1)
        # `node` is read: it is the document, an item of a list, a key or a value
        if top is None:
            root_mark = event.start_mark
            break
        if not is_map:
            if merge_seq is not None and pending is None and not isinstance(node, Map):
                pending = PlanError(_NOT_MERGEABLE, source, merge_seq)
            into.append(node)
        elif key is _KEY:
            if merge_keys and isinstance(node, Text) and node.plain and node == "<<":
                key, key_line = _MERGE, line
            elif not isinstance(node, str):
                if pending is None:
                    pending = PlanError("a key must be a name, not a list, a mapping or null", source, line)
                key = _SKIP
            elif node in into:
                if pending is None:
                    pending = PlanError(f"duplicate key {str(node)!r}", source, line)
                key = _SKIP
            else:
                key, key_line = node, line
        elif key is _SKIP:
            key = _KEY
        elif key is _MERGE:
            refusal = _merge(top, node, source, key_line)
            if pending is None:
                pending = refusal
            key = _KEY
        else:
            into[key] = node
            key_lines[key] = key_line
            key = _KEY
    get_event()                                         # document end
    event = get_event()
    if not isinstance(event, yaml.StreamEndEvent):
        raise yaml.composer.ComposerError("expected a single document in the stream", root_mark,
                                          "but found another document", event.start_mark)
    if pending is not None:
        raise pending
    return node


def _refuse(event: Any, line: int, depth: int, policy: Policy, anchors: dict[str, list[Any]], source: str) -> None:
    """What the composer refused of a node with a tag or an anchor, or too deep."""
    tag = event.tag
    if tag is not None and tag != "!":
        raise PlanError(policy.no_tags.format(tag=tag), source, line)
    anchor = event.anchor
    if anchor is not None and policy.max_aliases is None:
        raise PlanError(policy.no_aliases, source, line)
    if depth >= MAX_DEPTH:
        raise PlanError(f"nested more than {MAX_DEPTH} levels deep", source, line)
    if anchor is not None and anchor in anchors:
        raise yaml.composer.ComposerError(f"found duplicate anchor {anchor!r}; first occurrence",
                                          anchors[anchor][1], "second occurrence", event.start_mark)


def _merge(top: _Open, node: Value, source: str, line: int) -> Optional[PlanError]:
    """Merge key `<<`'s value `node` (at `line`) into the mapping `top`: earlier sources win, and
    a key is taken once (so merges cannot multiply).  Its refusal, if any."""
    sources = node if isinstance(node, Seq) else [node]
    merged = top.merged if top.merged is not None else []
    top.merged = merged
    for source_map in sources:
        if not isinstance(source_map, Map):
            return PlanError(_NOT_MERGEABLE, source, line)
        merged += [(k, v, line) for k, v in source_map.items()]
    return None


def _inside_itself(source: str, chain: list[_Open], node: Value, is_map: bool, key: Any, key_line: int,
                   merge_seq: Optional[int]) -> Optional[PlanError]:
    """The refusal of an alias inside the mapping or list it names (`node`, not ended yet:
    building it would never end), where the alias goes into `chain`'s last (as `_build` says).
    PyYAML refused it as it came to build the alias, or, as a merge key's list, to merge it."""
    if not is_map:
        if merge_seq is not None and not isinstance(node, Map):     # an item of a merge key's list
            return PlanError(_NOT_MERGEABLE, source, merge_seq)
        return _recursive(source, chain, node)
    if key is _SKIP:
        return None
    if key is _MERGE and isinstance(node, Seq):
        # a list holding this mapping: its items so far, then the one being read (holding this
        # mapping), which is a mapping merging itself
        for item in node:
            if not isinstance(item, Map):
                return PlanError(_NOT_MERGEABLE, source, key_line)
        inner = next(o for i, o in enumerate(chain) if i and chain[i - 1].node is node)
        if not isinstance(inner.node, Map):
            return PlanError(_NOT_MERGEABLE, source, key_line)
        return _recursive(source, chain, inner.node)
    return _recursive(source, chain, node)


def _recursive(source: str, chain: list[_Open], node: Value) -> PlanError:
    """PyYAML's refusal of an alias to a mapping or list not ended yet, on the line PyYAML named:
    the mapping's or list's, but PyYAML never built a merge key's list itself (it built its
    items): there, the line of its item holding the alias."""
    assert isinstance(node, (Map, Seq))
    for i, o in enumerate(chain):
        if o.node is node:
            if isinstance(node, Seq) and o.merge_line is not None and i + 1 < len(chain):
                node = chain[i + 1].node
            break
    return PlanError("YAML error: found unconstructable recursive node", source, node.line)


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's own parser (pure Python: where libyaml is not installed, and for compose files)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


#: libyaml's parser, when installed: it parses a 4000-network plan twenty times faster
_CLoader: Any = yaml._yaml.CParser if getattr(yaml, "__with_libyaml__", False) else _Loader


def load(text: str, source: str, policy: Policy, libyaml: bool = False) -> Value:
    """One YAML document read under `policy` (with libyaml's parser when asked and installed);
    every problem is a one-line `PlanError` naming `source` and, where known, the line."""
    try:
        parser = (_CLoader if libyaml else _Loader)(text)
        doc = _build(parser.get_event, source, policy)
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
