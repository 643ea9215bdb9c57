"""The YAML loader macplan had before it built values straight from the event stream (kept to
test that the new one reads every document the same): PyYAML's composer with a guard per node,
then PyYAML's constructor with macplan's three constructors, both as they were, with one change:
a merge key is a plain `<<` from either parser (the old code only knew PyYAML's "plain", style
None, and libyaml's is ""; it never met a merge key from libyaml, which only reads plans)."""
from __future__ import annotations

from typing import Any, Optional

import yaml

from macplan.errors import PlanError
from macplan.read.yamltext import MAX_DEPTH, NULLS, Map, Policy, Seq, Text, Value


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
                and not key_node.style:
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


def reference_load(text: str, source: str, policy: Policy, libyaml: bool = False) -> Value:
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
