"""Read plans: YAML files written by hand, and shell scripts of `docker network create`
commands parsed the way the docker CLI (cobra/pflag) parses them.

Every problem is a `PlanError` naming the source and line: never a traceback.
"""
from __future__ import annotations

import csv
import re
from typing import Iterable, Optional

import yaml

from .model import (KERNEL_FEATURES, INTERFACE_KINDS, Detach, Dhcp, Endpoint, Host, Interface, Network, Plan,
                    PlanError, Removal, Step)

__all__ = ["load", "load_yaml_text", "parse_script", "PlanError"]


# ---------------------------------------------------------------------------------------------
# shell scripts
#
# A script is read the way sh runs it, as far as it matters for docker: comments, `\`
# continuations, quotes, `VAR=value` and `$VAR`/`${VAR}` expansion, `&&`/`||`/`;`/`|`,
# redirections, `set -e`, `sudo`.  Each docker command is then parsed the way the docker CLI
# (cobra/pflag) parses it; what the CLI itself refuses becomes that command's refusal.

_BOOL_FLAGS = {"internal", "ipv4", "ipv6", "attachable", "ingress", "config-only"}
_VALUE_FLAGS = {"driver", "opt", "label", "scope", "config-from", "ipam-driver", "subnet", "ip-range",
                "gateway", "aux-address", "ipam-opt"}
_SHORT = {"d": "driver", "o": "opt"}
_SLICE_FLAGS = {"subnet", "ip-range", "gateway"}     # pflag StringSlice: comma-separated too
_GO_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_GO_FALSE = {"0", "f", "F", "FALSE", "false", "False"}

# `docker run` / `docker create` (cli/command/container/opts.go): flags without a value; every
# other long flag takes one.  Short flags with a value: e h l m p u v w a c.
_RUN_BOOLS = {"detach", "interactive", "tty", "rm", "privileged", "init", "read-only", "publish-all",
              "oom-kill-disable", "no-healthcheck", "quiet", "sig-proxy", "help", "disable-content-trust",
              "use-api-socket"}
_RUN_SHORT_BOOLS = set("ditPq")
_RUN_SHORT_VALUES = {"e": "env", "h": "hostname", "l": "label", "m": "memory", "p": "publish", "u": "user",
                     "v": "volume", "w": "workdir", "a": "attach", "c": "cpu-shares"}
_CONNECT_VALUES = {"ip", "ip6", "alias", "link", "link-local-ip", "driver-opt", "gw-priority"}
_DOCKER_GLOBAL_VALUES = {"host", "context", "config", "log-level", "tlscacert", "tlscert", "tlskey"}
_DOCKER_GLOBAL_SHORT = {"H", "c", "l"}
_NO_NOTE = {"true", ":", "set", "export", "readonly", "unset", "exit", "local", "shopt", "fi", "done", "esac", "}",
            "then", "else", "do"}

_LEX = re.compile(r"""
 (?P<ws>[ \t\r\n]+)
|(?P<sq>'[^']*')
|(?P<dq>"(?:[^"\\]|\\.)*")
|(?P<op>&&|\|\||&>>?|[;&|()]|\d*(?:>>|>&|<&|>\||<>|>|<))
|(?P<esc>\\.?)
|(?P<var>\$(?:\{[^}]*\}?|[A-Za-z_][A-Za-z0-9_]*|\(\(?|[0-9@*#?$!-]|))
|(?P<bt>`)
|(?P<plain>[^\s'"\\$`;&|<>()]+)
|(?P<other>.)
""", re.X | re.S)
_DQ_LEX = re.compile(r"""(?P<esc>\\.)|(?P<var>\$(?:\{[^}]*\}?|[A-Za-z_][A-Za-z0-9_]*|\(\(?|[0-9@*#?$!-]|))|(?P<bt>`)|(?P<text>[^\\$`]+|.)""", re.S)
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ASSIGN_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")
_SIMPLE_LINE = re.compile(r"[^'\"\\$`;&|<>()#]*")


class _Unset:
    """A value macplan cannot know (`$(cmd)`, `$1`, the environment): fine until a docker
    command uses it.  `name` is set for an assignment `NAME=$(cmd)`."""

    def __init__(self, why: str, name: Optional[str] = None):
        self.why, self.name = why, name


def _logical_lines(text: str) -> Iterable[tuple[int, str]]:
    """Join backslash continuations; drop comment-only and blank lines and `$ ` prompts.
    A UTF-8 BOM and CRLF line ends are read as sh would see the file after dos2unix."""
    if text.startswith("\ufeff"):
        text = text[1:]
    buf, start = "", None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if start is None:
            stripped = line.lstrip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("$ ") or stripped == "$":
                stripped = stripped[1:].lstrip()
            line, start = stripped, number
        if line.endswith("\\") and not line.endswith("\\\\"):
            buf += line[:-1] + " "
            continue
        if line.endswith(("&&", "||", "|")):     # sh reads the list on into the next line
            buf += line + " "
            continue
        yield start, buf + line
        buf, start = "", None
    if start is not None:
        yield start, buf


class _Word:
    """A shell word being built: its text pieces, whether any part was quoted (so "" is a
    word), and what could not be expanded."""
    __slots__ = ("parts", "quoted", "problem", "raw")

    def __init__(self):
        self.parts, self.quoted, self.problem, self.raw = [], False, None, ""


def _lex(text: str, variables: dict, source: str, line: int, subs: Optional[list] = None) -> list:
    """Words (str, or _Unset for one that cannot be expanded) and operators (tuples).  The
    text of each `$(command)` goes to `subs`: its output is unknowable, but a docker command
    in it (`CID=$(docker run -d --network lan ...)`) still runs."""
    out: list = []
    word: Optional[_Word] = None
    assign = True            # leading NAME=value words are assignments (no field splitting)
    pos, n = 0, len(text)

    def finish():
        nonlocal word, assign
        if word is not None:
            m = _ASSIGN_RE.match(word.parts[0]) if word.parts else None
            if word.problem is not None:
                out.append(_Unset(word.problem, m.group(1) if m and assign else None))
            elif word.parts or word.quoted:
                out.append("".join(word.parts))
            assign = assign and m is not None
            word = None

    def expand(token: str, quoted: bool):
        nonlocal word
        value = _expand(token, variables)
        if word is None:
            word = _Word()
        if isinstance(value, _Unset):
            word.problem = word.problem or value.why
            return
        is_assign = assign and word.parts and _ASSIGN_RE.match(word.parts[0])
        if not value:
            if quoted:
                word.parts.append(value)
            return                  # an empty unquoted expansion is no word at all
        if quoted or is_assign or not any(c in value for c in " \t\n"):
            word.parts.append(value)
            return
        # unquoted expansion: field splitting on whitespace
        pieces = value.split()
        if value[0] in " \t\n":
            finish()
        else:
            word.parts.append(pieces.pop(0))
            if pieces:
                finish()
        for i, piece in enumerate(pieces):
            word = _Word()
            word.parts.append(piece)
            if i < len(pieces) - 1:
                finish()
        if value[-1] in " \t\n":
            finish()

    while pos < n:
        m = _LEX.match(text, pos)
        kind, tok = m.lastgroup, m.group()
        pos = m.end()
        if kind == "ws":
            finish()
        elif kind == "plain":
            if tok.startswith("#") and word is None:
                break                                     # a comment to the end of the line
            word = word or _Word()
            word.parts.append(tok)
        elif kind == "sq":
            word = word or _Word()
            word.quoted = True
            word.parts.append(tok[1:-1])
        elif kind == "dq":
            word = word or _Word()
            word.quoted = True
            inner, p = tok[1:-1], 0
            while p < len(inner):
                dm = _DQ_LEX.match(inner, p)
                dk, dt = dm.lastgroup, dm.group()
                p = dm.end()
                if dk == "var" and dt.startswith("$("):
                    start, p = p, _close_paren(inner, p, 2 if dt == "$((" else 1)
                    if dt == "$(" and subs is not None:
                        subs.append(inner[start:p - 1])
                    word.problem = word.problem or f"cannot expand {inner[dm.start():p]} (command output)"
                elif dk == "esc":
                    word.parts.append(dt[1] if dt[1] in '$`"\\' else ("" if dt[1] == "\n" else dt))
                elif dk == "var":
                    expand(dt, True)
                elif dk == "bt":
                    word.problem = word.problem or "cannot expand a `command` substitution"
                else:
                    word.parts.append(dt)
        elif kind == "esc":
            word = word or _Word()
            word.quoted = True
            word.parts.append(tok[1:])
        elif kind == "var":
            if tok in ("$(", "$(("):
                # skip to the matching parenthesis: its output is unknowable here
                start, j = pos, _close_paren(text, pos, 1 if tok == "$(" else 2)
                pos = j
                if tok == "$(" and subs is not None:
                    subs.append(text[start:j - 1])
                word = word or _Word()
                word.problem = word.problem or f"cannot expand {text[m.start():j]} (command output)"
            else:
                expand(tok, False)
        elif kind == "bt":
            end = text.find("`", pos)
            pos = n if end < 0 else end + 1
            word = word or _Word()
            word.problem = word.problem or "cannot expand a `command` substitution"
        elif kind == "op":
            finish()
            if tok in ("&&", "||", ";", "|", "&", "(", ")"):
                assign = True
            out.append((tok,))
        else:  # an unbalanced quote
            raise PlanError(f"cannot split the command: no closing quotation {tok} (unbalanced quotes?)",
                            source, line)
    finish()
    return out


def _close_paren(text: str, pos: int, depth: int) -> int:
    """Where `$(...)` opened before `pos` ends (just after its closing parenthesis)."""
    while pos < len(text) and depth:
        depth += {"(": 1, ")": -1}.get(text[pos], 0)
        pos += 1
    return pos


def _expand(token: str, variables: dict):
    """The value of `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}` (a _Unset if unknown)."""
    if token == "$":
        return "$"
    body = token[1:]
    if body.startswith("{"):
        if not body.endswith("}"):
            return _Unset(f"cannot expand {token}: no closing brace")
        body = body[1:-1]
        m = _NAME_RE.match(body)
        if not m:
            return _Unset(f"cannot expand ${{{body}}}")
        name, rest = m.group(), body[m.end():]
        value = variables.get(name)
        if rest.startswith((":-", "-")):
            default = rest[2:] if rest.startswith(":-") else rest[1:]
            if "$" in default or "`" in default:
                return _Unset(f"cannot expand ${{{body}}}")
            if value is None or (rest.startswith(":-") and value == ""):
                return default
            return value
        if rest:
            return _Unset(f"cannot expand ${{{body}}} (only ${{NAME}} and ${{NAME:-default}} are read)")
    else:
        name = body
        if not _NAME_RE.fullmatch(name):
            return _Unset(f"cannot expand ${name} (a positional or special parameter)")
        value = variables.get(name)
    if value is None:
        return _Unset(f"cannot expand ${name}: the script does not set {name}")
    return value


class _Command:
    """One simple command of a script: its words, the operator that joins it to the command
    before (`&&`, `||` or None) and whether `&&`/`||` follows it."""
    __slots__ = ("words", "joined_by", "followed")

    def __init__(self, words, joined_by):
        self.words, self.joined_by, self.followed = words, joined_by, False


def _commands(tokens: list) -> list[_Command]:
    out: list[_Command] = []
    words: list = []
    joined_by = None
    redirect = False
    for tok in tokens:
        if isinstance(tok, tuple):
            op = tok[0]
            if op in ("&&", "||", ";", "|", "&", "(", ")"):
                if words:
                    out.append(_Command(words, joined_by))
                    if op in ("&&", "||"):
                        out[-1].followed = True
                words = []
                joined_by = op if op in ("&&", "||") else None
            else:
                redirect = True
            continue
        if redirect:        # the target of a redirection is not an argument
            redirect = False
            continue
        words.append(tok)
    if words:
        out.append(_Command(words, joined_by))
    return out


def _go_bool(value: str) -> Optional[bool]:
    if value in _GO_TRUE:
        return True
    if value in _GO_FALSE:
        return False
    return None


def _split_kv(value: str) -> tuple[str, str]:
    key, _, val = value.partition("=")
    return key, val


class _Usage(Exception):
    """What the docker CLI prints before it sends anything: (kind, detail)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind, self.detail = kind, detail


def _pflag(words: list[str], bools: set, values: set, shorts: dict, short_bools: set = frozenset(),
           interspersed: bool = True):
    """pflag's parse of `words`: ([(flag, value)], positionals, first error or None).  After an
    error the words are still sorted (unknown flags taken as boolean), for naming the command."""
    flags: list[tuple[str, object]] = []
    positional: list[str] = []
    error: Optional[_Usage] = None
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word == "--":
            positional += words[i:]
            break
        if word.startswith("--") and len(word) > 2:
            name, eq, value = word[2:].partition("=")
            if name in bools:
                if eq:
                    b = _go_bool(value)
                    if b is None:
                        error = error or _Usage("text", f'invalid argument "{value}" for "--{name}" flag: '
                                                        f'strconv.ParseBool: parsing "{value}": invalid syntax')
                        continue
                    flags.append((name, b))
                else:
                    flags.append((name, True))
                continue
            if name not in values:
                error = error or _Usage("text", f"unknown flag: --{name}")
                continue
            if not eq:
                if i >= len(words):
                    error = error or _Usage("text", f"flag needs an argument: --{name}")
                    continue
                value, i = words[i], i + 1
            flags.append((name, value))
        elif word.startswith("-") and len(word) > 1:
            j = 1
            while j < len(word):
                c = word[j]
                if c in short_bools:
                    flags.append((c, True))
                    j += 1
                    continue
                if c not in shorts:
                    error = error or _Usage("text", f"unknown shorthand flag: '{c}' in {word}")
                    break
                value = word[j + 1:]
                if value.startswith("="):
                    value = value[1:]
                elif not value:
                    if i >= len(words):
                        error = error or _Usage("text", f"flag needs an argument: '{c}' in -{c}")
                        break
                    value, i = words[i], i + 1
                flags.append((shorts[c], value))
                break
        else:
            positional.append(word)
            if not interspersed:
                positional += words[i:]
                break
    return flags, positional, error


def parse_command(argv: list[str], source: str = "<string>", line: int = 1, host: str = "host") -> Network:
    """One `docker network create ...` argv (starting at `docker`) as a Network; a command the
    CLI refuses is a Network whose `cli_error` says why."""
    words = _docker_words(list(argv))
    if words is None or words[:2] != ["network", "create"]:
        shown = " ".join(argv[:3]) if argv else ""
        raise PlanError(f"not a 'docker network create' command: {shown!s}", source, line)
    return _create(words[2:], line, host)


def _create(rest: list[str], line: int, host: str) -> Network:
    flags, positional, error = _pflag(rest, _BOOL_FLAGS, _VALUE_FLAGS, _SHORT)
    if error is None and len(positional) != 1:
        error = _Usage("args", "docker network create")
    if error is not None:
        return Network(name=" ".join(positional), driver="bridge", host=host, line=line,
                       cli_error=(error.kind, error.detail))
    values: dict[str, list[str]] = {}
    bools: dict[str, bool] = {}
    for name, value in flags:
        if name in _BOOL_FLAGS:
            bools[name] = value
        elif name in _SLICE_FLAGS:
            # pflag reads a slice value as CSV: `--subnet=` (empty) adds nothing
            values.setdefault(name, []).extend(next(csv.reader([value])) if value else [])
        else:
            values.setdefault(name, []).append(value)

    def maps(flag):
        out: dict[str, str] = {}
        for v in values.get(flag, []):
            k, val = _split_kv(v)
            out[k] = val
        return tuple(out.items())

    last = lambda flag: values[flag][-1] if flag in values else None  # noqa: E731
    return Network(
        name=positional[0], driver=last("driver") or "bridge", host=host, options=maps("opt"),
        subnets=tuple(values.get("subnet", ())), ip_ranges=tuple(values.get("ip-range", ())),
        gateways=tuple(values.get("gateway", ())), aux=maps("aux-address"),
        ipv6=bools.get("ipv6"), ipv4=bools.get("ipv4"), internal=bools.get("internal", False),
        attachable=bools.get("attachable", False), ingress=bools.get("ingress", False),
        scope=last("scope"), config_only=bools.get("config-only", False), config_from=last("config-from"),
        labels=maps("label"), ipam_driver=last("ipam-driver"), ipam_options=maps("ipam-opt"), line=line)


def _remove(rest: list[str], line: int, host: str, verb: str = "rm") -> Removal:
    # -f/--force exists from CLI 23; older CLIs refuse it (rules.cli decides per engine)
    flags, positional, error = _pflag(rest, {"force"}, set(), {}, short_bools={"f"})
    if verb not in ("rm", "remove"):
        # `docker network delete`: no such subcommand (rm's only alias is remove), so `docker
        # network` itself refuses its arguments (cli/required.go NoArgs)
        error = _Usage("network-unknown", verb)
    force = next((("-f" if name == "f" else "--force") for name, v in flags if v), None)
    if error is None and not positional:
        error = _Usage("args-min", "docker network rm")
    return Removal(tuple(positional), host, force, (error.kind, error.detail) if error else None, line)


def _connect(rest: list[str], line: int, host: str) -> Endpoint:
    flags, positional, error = _pflag(rest, set(), _CONNECT_VALUES, {})
    if error is None and len(positional) != 2:
        error = _Usage("args-exact2", "docker network connect")
    got = dict(flags)
    network, container = (positional + ["", ""])[:2]
    return Endpoint(network, container, got.get("ip", ""), got.get("ip6", ""), "", host, "connect",
                    (error.kind, error.detail) if error else None, line)


class _AnyLong(set):
    """docker run's long flags: every one not known as boolean takes a value."""

    def __contains__(self, name):
        return name not in _RUN_BOOLS


def _run(command: str, rest: list[str], line: int, host: str) -> Optional[Endpoint]:
    flags, positional, error = _pflag(rest, _RUN_BOOLS, _AnyLong(), _RUN_SHORT_VALUES,
                                      short_bools=_RUN_SHORT_BOOLS, interspersed=False)
    if error is None and not positional:
        error = _Usage("args-min", f"docker {command}")
    got: dict[str, str] = {}
    auto_remove = False
    for name, value in flags:
        if name in ("network", "net"):
            name = "network"
        if isinstance(value, str):
            got[name] = value
        elif name == "rm":
            auto_remove = bool(value)
    network = got.get("network", "")
    # `--network name=N,ip=A` (engine 25+ advanced syntax) is read for its name and addresses
    if "=" in network:
        fields = dict(_split_kv(f) for f in network.split(","))
        network = fields.get("name", "")
        got.setdefault("ip", fields.get("ip", ""))
        got.setdefault("ip6", fields.get("ip6", ""))
        got.setdefault("mac-address", fields.get("mac-address", ""))
    if network in ("", "default", "bridge", "host") or network.startswith("container:"):
        return None        # not a macvlan/ipvlan network of the script
    # `--network none` is kept: such a container cannot join another network later
    return Endpoint(network, got.get("name", ""), got.get("ip", ""), got.get("ip6", ""),
                    got.get("mac-address", "").lower(), host, command.split()[-1],
                    (error.kind, error.detail) if error else None, line, auto_remove)


def _docker_words(words: list) -> Optional[list]:
    """The words after `docker` (and its global flags), `sudo`/`command`/`env VAR=..` dropped;
    None if the command is not docker."""
    while words and (words[0] in ("sudo", "command", "exec", "time", "nohup", "env", "then", "else", "do", "if",
                                  "elif", "while", "until", "!", "{")
                     or (isinstance(words[0], str) and _ASSIGN_RE.match(words[0]))):
        head = words.pop(0)
        if head == "sudo":
            while words and isinstance(words[0], str) and words[0].startswith("-"):
                opt = words.pop(0)
                if opt in ("-u", "-g", "-h", "-p", "-C", "-D", "-U") and words:
                    words.pop(0)
    if not words or words[0] != "docker":
        return None
    words = words[1:]
    while words and isinstance(words[0], str) and words[0].startswith("-") and words[0] != "-":
        opt = words.pop(0)
        name = opt.lstrip("-").partition("=")[0]
        takes = (opt.startswith("--") and name in _DOCKER_GLOBAL_VALUES) or \
                (not opt.startswith("--") and name in _DOCKER_GLOBAL_SHORT)
        if takes and "=" not in opt and words:
            words.pop(0)
    return words


def parse_script(text: str, source: str = "<string>", interfaces: Optional[Iterable[str]] = None,
                 kernel_lacks: Iterable[str] = (), name: Optional[str] = None, host: str = "host") -> Plan:
    """A shell script of docker commands (`network create`, `network rm`, `network connect`,
    `run`/`create` with `--network`), applied in order on one host.

    `interfaces` lists the host's interfaces (None: unknown, so parents are assumed to exist);
    `kernel_lacks` names kernel features the host lacks ("8021q", "dummy", "ipvlan")."""
    lacks = frozenset(kernel_lacks)
    unknown = lacks - KERNEL_FEATURES
    if unknown:
        raise PlanError(f"unknown kernel feature {sorted(unknown)[0]!r} (known: {', '.join(sorted(KERNEL_FEATURES))})",
                        source)
    networks: list[Network] = []
    removals: list[Removal] = []
    endpoints: list[Endpoint] = []
    detaches: list[Detach] = []
    steps: list[Step] = []
    skipped: list[tuple[int, str]] = []
    variables: dict = {}
    errexit = prev_step = False
    for line, logical in _logical_lines(text):
        if _SIMPLE_LINE.fullmatch(logical):
            tokens = logical.split()          # the common case: nothing for the shell to do
            commands = [_Command(tokens, None)] if tokens else []
        else:
            subs: list = []
            commands = _commands(_lex(logical, variables, source, line, subs))
            # command substitutions run first, where the shell runs them (one macplan cannot
            # split, e.g. with a quoted parenthesis inside, is left out)
            inner = []
            for sub in subs:
                try:
                    inner += _commands(_lex(sub, variables, source, line))
                except PlanError:
                    pass
            commands = inner + commands
        for cmd in commands:
            words = cmd.words
            # `a && b` makes b depend on a only when a is a docker command macplan predicts;
            # any other command is taken to succeed
            after_step, prev_step = prev_step, False
            if all((isinstance(w, str) and _ASSIGN_RE.match(w)) or (isinstance(w, _Unset) and w.name)
                   for w in words) or \
                    (words[0] in ("export", "readonly", "local") and len(words) > 1):
                for w in words:
                    m = _ASSIGN_RE.match(w) if isinstance(w, str) else None
                    if m:
                        variables[m.group(1)] = w[m.end():]
                    elif isinstance(w, _Unset) and w.name:
                        variables[w.name] = w        # NAME=$(cmd): set, to something unknowable
                continue
            if words[0] == "unset":
                for w in words[1:]:
                    variables.pop(w, None) if isinstance(w, str) else None
                continue
            if words[0] == "set":
                errexit = _errexit(words[1:], errexit)
                continue
            dwords = _docker_words(list(words))
            kind, used = _docker_kind(dwords)
            if kind is None:
                head = words[0] if isinstance(words[0], str) else "?"
                if head not in _NO_NOTE:
                    skipped.append((line, _show(words)))
                continue
            bad = next((w for w in dwords if isinstance(w, _Unset)), None)
            if bad is not None:
                raise PlanError(bad.why, source, line)
            when = {"&&": "ok", "||": "fail"}.get(cmd.joined_by, "always") if after_step else "always"
            stops = errexit and not cmd.followed
            prev_step = True
            if kind == "create":
                steps.append(Step("create", len(networks), line, when, stops))
                networks.append(_create(dwords[2:], line, host))
            elif kind == "rm":
                steps.append(Step("rm", len(removals), line, when, stops))
                removals.append(_remove(dwords[2:], line, host, dwords[1]))
            elif kind == "start":
                # `docker start A B`: one endpoint entry per container, in order
                names = _start_names(dwords[used:])
                if not names:
                    skipped.append((line, _show(words)))
                    prev_step = False
                    continue
                for name in names:
                    steps.append(Step("endpoint", len(endpoints), line, when, stops))
                    endpoints.append(Endpoint("", name, host=host, command="start", line=line))
            elif kind == "detach":
                gone = _detach(" ".join(dwords[:used]), dwords[used:], line, host)
                if gone is None:
                    skipped.append((line, _show(words)))
                    prev_step = False
                    continue
                steps.append(Step("detach", len(detaches), line, when, stops))
                detaches.append(gone)
            else:
                ep = _connect(dwords[2:], line, host) if kind == "connect" else \
                    _run(" ".join(dwords[:used]), dwords[used:], line, host)
                if ep is None:
                    skipped.append((line, _show(words)))
                    prev_step = False
                    continue
                steps.append(Step("endpoint", len(endpoints), line, when, stops))
                endpoints.append(ep)
    ifaces = tuple(Interface(n) for n in (interfaces or ()))
    host_obj = Host(host, ifaces, lacks, interfaces_known=interfaces is not None)
    plain = len(steps) == len(networks) and not any(s.when != "always" or s.errexit for s in steps)
    return Plan(name=name or _stem(source), hosts=(host_obj,), networks=tuple(networks), source=source,
                removals=tuple(removals), endpoints=tuple(endpoints), detaches=tuple(detaches),
                steps=() if plain else tuple(steps),
                skipped=tuple(skipped), as_written=True)


def _docker_kind(words: Optional[list]) -> tuple[Optional[str], int]:
    """Which docker command macplan reads (create, rm, connect, run) and how many words name it."""
    if not words:
        return None, 0
    first, second = words[0], words[1] if len(words) > 1 else None
    if first == "network":
        return {"create": "create", "rm": "rm", "remove": "rm", "delete": "rm", "connect": "connect",
                "disconnect": "detach"}.get(second), 2
    if first in ("run", "create"):
        return "run", 1
    if first == "container" and second in ("run", "create"):
        return "run", 2
    if first == "start":
        return "start", 1
    if first == "container" and second == "start":
        return "start", 2
    if first in ("stop", "kill", "rm"):
        return "detach", 1
    if first == "container" and second in ("stop", "kill", "rm"):
        return "detach", 2
    return None, 0


def _start_names(rest: list) -> list:
    """The containers of `docker start [OPTIONS] CONTAINER...` (its flags that take a value:
    --detach-keys, --checkpoint, --checkpoint-dir)."""
    names, i = [], 0
    while i < len(rest):
        w = rest[i]
        i += 1
        if w in ("--detach-keys", "--checkpoint", "--checkpoint-dir"):
            i += 1
        elif not w.startswith("-"):
            names.append(w)
    return names


def _detach(command: str, rest: list, line: int, host: str) -> Optional[Detach]:
    """What frees a container's addresses: stop, kill, rm -f (rm alone refuses a running
    container), network disconnect.  None when nothing is freed."""
    words = [w for w in rest if not w.startswith("-")]
    if command.endswith("disconnect"):
        return Detach(tuple(words[1:2]), words[0], host, line, "disconnect") if len(words) == 2 else None
    if command.endswith("rm") and not any(w in ("-f", "--force") or (w.startswith("-") and not w.startswith("--")
                                                                     and "f" in w) for w in rest):
        # rm alone removes only a stopped container (its name is free again; the lab's 20.10.24)
        return Detach(tuple(words), "", host, line, "rm-stopped") if words else None
    return Detach(tuple(words), "", host, line, command.split()[-1]) if words else None


def _errexit(args: list, current: bool) -> bool:
    """`set -e`, `set -euo pipefail`, `set -o errexit`, `set +e`."""
    for i, a in enumerate(args):
        if not isinstance(a, str):
            continue
        if a in ("-o", "+o") and i + 1 < len(args) and args[i + 1] == "errexit":
            current = a == "-o"
        elif len(a) > 1 and a[0] in "-+" and a[1:].isalpha() and "e" in a[1:]:
            current = a[0] == "-"
    return current


def _show(words: list) -> str:
    text = " ".join(w if isinstance(w, str) else "$…" for w in words)
    return text if len(text) <= 60 else text[:57] + "..."


def _stem(source: str) -> str:
    if source.startswith("<"):
        return "plan"
    base = re.split(r"[\\/]", source)[-1]
    return re.sub(r"\.(sh|ya?ml|txt)$", "", base) or "plan"


# ---------------------------------------------------------------------------------------------
# YAML plans

class _Map(dict):
    line = 0
    key_lines: dict = {}


class _Seq(list):
    line = 0


class _Text(str):
    """A scalar exactly as written. Nothing is typed while loading (YAML 1.1 would read
    `vlan: 010` as 8, `1:30` as 90 and a key `yes:` as True); `_Reader` reads each value the
    way its field needs, and `plain` says whether it was unquoted."""
    plain = True


#: deeper than any plan needs, far below Python's recursion limit (the composer recurses)
_MAX_DEPTH = 40
_NULLS = ("", "~", "null", "Null", "NULL")
_NO_ALIASES = "YAML anchors and aliases (&name, *name) are not supported in a plan: write the value out"


class _Guard(yaml.composer.Composer):
    """Composition with no aliases, no explicit tags and bounded depth, over any parser.

    Aliases are refused rather than bounded: a 600-byte "billion laughs" expands to gigabytes
    as soon as anything walks it, and a plan never needs one. Tags are refused because the
    schema, not the document, says what a value is (`!!bool x` crashed the constructor)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise PlanError(_NO_ALIASES, self.name, line)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise PlanError(f"YAML tags ({tag}) are not supported in a plan: remove the tag", self.name, line)
        if getattr(event, "anchor", None) is not None:
            raise PlanError(_NO_ALIASES, self.name, line)
        self.depth += 1
        try:
            if self.depth > _MAX_DEPTH:
                raise PlanError(f"nested more than {_MAX_DEPTH} levels deep", self.name, line)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_Guard, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
              yaml.constructor.SafeConstructor, yaml.resolver.BaseResolver):
    """A safe loader with no implicit typing (see `_Text`) that remembers line numbers and
    refuses duplicate keys, aliases, tags and deep nesting."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)
        self.depth = 0


if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(_Guard, yaml._yaml.CParser, yaml.constructor.SafeConstructor, yaml.resolver.BaseResolver):
        """The same, with libyaml scanning and parsing (composition stays ours): a 4094-network
        plan loads in a third of the time."""

        def __init__(self, stream):
            yaml._yaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.BaseResolver.__init__(self)
            self.depth = 0
else:
    _CLoader = _Loader


def _construct_scalar(loader, node):
    value = loader.construct_scalar(node)
    plain = not node.style      # None from the Python parser, "" from libyaml
    if plain and value in _NULLS:
        return None
    out = _Text(value)
    out.plain = plain
    return out


def _construct_map(loader, node):
    out = _Map()
    out.line, out.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise PlanError("a key must be a name, not a list, a mapping or null", loader.name, line)
        if key in out:
            raise PlanError(f"duplicate key {str(key)!r}", loader.name, line)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = line
    return out


def _construct_seq(loader, node):
    out = _Seq(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    return out


for _cls in {_Loader, _CLoader}:
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG, _construct_scalar)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


# YAML 1.2 core schema, for the few values the schema leaves open (split:)
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _typed(value):
    """A loaded subtree with plain scalars typed as YAML 1.2 does (no octal, no sexagesimal)."""
    if isinstance(value, dict):
        return {str(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, _Text) and value.plain:
        if value in _BOOLS:
            return _BOOLS[value]
        if _INT.fullmatch(value) and len(value) <= 19:
            return int(value)
        if _FLOAT.fullmatch(value) and len(value) <= 40:
            return float(value)
    return None if value is None else str(value)


class _Reader:
    """Turns the loaded YAML into model values, naming the line of every problem."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, message: str, where, key=None):
        line = None
        if key is not None and isinstance(where, _Map):
            line = where.key_lines.get(key, where.line)
        elif isinstance(where, (_Map, _Seq)):
            line = where.line
        elif isinstance(where, int):
            line = where
        raise PlanError(message, self.source, line)

    def mapping(self, value, where, key, allowed: Iterable[str], what: str) -> _Map:
        if value is None:
            return _Map()
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping", where, key)
        for k in value:
            if k not in allowed:
                hint = _suggest(str(k), allowed)
                self.fail(f"unknown key {k!r} in {what}{hint}", value, k)
        return value

    def text(self, value, where, key, what) -> Optional[str]:
        if value is None:
            return None
        if not isinstance(value, str):      # a list or mapping where a string belongs
            self.fail(f"{what} must be a string, not a {'list' if isinstance(value, list) else 'mapping'}",
                      where, key)
        return str(value)

    def texts(self, value, where, key, what) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, list):
            return tuple(self.text(v, v if isinstance(v, (dict, list)) else where, key, what) for v in value)
        return (self.text(value, where, key, what),)

    def boolean(self, value, where, key) -> Optional[bool]:
        if value is None:
            return None
        if not isinstance(value, str) or value not in _BOOLS:    # YAML 1.1's yes/no/on/off too
            self.fail(f"{key} must be true or false", where, key)
        return _BOOLS[value]

    def integer(self, value, where, key, minimum=0) -> Optional[int]:
        """A decimal whole number: `010` is 10 (as Docker's strconv.Atoi reads a VLAN id), and
        `1:30`, `0x1e`, `1e3` and `12.0` are refused rather than read the YAML 1.1 way."""
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{1,18}", value) or int(value) < minimum:
            self.fail(f"{key} must be a whole number >= {minimum}", where, key)
        return int(value)

    def pairs(self, value, where, key, what) -> tuple[tuple[str, str], ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping of name: value", where, key)
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                self.fail(f"{what}: the value of {str(k)!r} must be a string", value, k)
        return tuple((str(k), "" if v is None else str(v)) for k, v in value.items())


_PLAN_KEYS = ("name", "engine", "hosts", "networks", "dhcp", "vlans")
_HOST_KEYS = ("interfaces", "kernel_lacks", "swarm")
_IFACE_KEYS = ("kind", "mac", "mac_limit")
_NET_KEYS = ("driver", "host", "hosts", "parent", "vlan", "mode", "flag", "subnets", "subnet", "gateway",
             "ip_range", "aux", "ipv6", "ipv4", "internal", "attachable", "ingress", "scope", "config_only",
             "config_from", "labels", "options", "ipam_driver", "ipam_options", "containers", "endpoints",
             "split")
_SUBNET_KEYS = ("subnet", "gateway", "ip_range", "aux")


def _suggest(key: str, allowed: Iterable[str]) -> str:
    import difflib
    close = difflib.get_close_matches(key.replace("-", "_"), list(allowed), n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(allowed)})"


def load_yaml_text(text: str, source: str = "<string>") -> Plan:
    """A YAML plan (see examples/): hosts, networks, DHCP scopes, VLAN limits."""
    try:
        loader = _CLoader(text)
        loader.name = source
        try:
            doc = loader.get_single_data()
        finally:
            loader.dispose()
    except PlanError:
        raise
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise PlanError(f"YAML error: {e.problem or e.context}", source, mark.line + 1 if mark else None)
    except yaml.reader.ReaderError as e:     # a control character: say where, in one line
        line = text.count("\n", 0, e.position) + 1 if isinstance(e.position, int) else None
        char = f"#x{e.character:04x}" if isinstance(e.character, int) else repr(e.character)
        raise PlanError(f"YAML error: character {char}: {e.reason}", source, line)
    except yaml.YAMLError as e:
        raise PlanError(f"YAML error: {str(e).splitlines()[0] if str(e) else type(e).__name__}", source)
    r = _Reader(source)
    if doc is None:
        doc = _Map()
    if not isinstance(doc, dict):
        r.fail("a plan must be a mapping with 'networks' (and optionally 'hosts', 'dhcp', 'vlans')", 1)
    r.mapping(doc, doc, None, _PLAN_KEYS, "the plan")

    hosts = []
    raw_hosts = r.mapping(doc.get("hosts"), doc, "hosts", _any_keys(doc.get("hosts")), "hosts")
    for hname, spec in raw_hosts.items():
        spec = r.mapping(spec, raw_hosts, hname, _HOST_KEYS, f"host {hname}")
        ifaces = []
        raw_if = spec.get("interfaces")
        if isinstance(raw_if, list):
            names = r.texts(raw_if, spec, "interfaces", "an interface name")
            line = raw_if.line
            raw_if = _Map({n: None for n in names})
            raw_if.line, raw_if.key_lines = line, {}
        raw_if = r.mapping(raw_if, spec, "interfaces", _any_keys(raw_if), f"interfaces of host {hname}")
        for iname, ispec in raw_if.items():
            ispec = r.mapping(ispec, raw_if, iname, _IFACE_KEYS, f"interface {iname}")
            kind = r.text(ispec.get("kind"), ispec, "kind", "kind") or "ethernet"
            if kind not in INTERFACE_KINDS:
                r.fail(f"interface {iname}: kind must be one of {', '.join(INTERFACE_KINDS)}", ispec, "kind")
            ifaces.append(Interface(str(iname), kind, r.text(ispec.get("mac"), ispec, "mac", "mac"),
                                    r.integer(ispec.get("mac_limit"), ispec, "mac_limit", 1)))
        lacks = frozenset(r.texts(spec.get("kernel_lacks"), spec, "kernel_lacks", "kernel_lacks"))
        if lacks - KERNEL_FEATURES:
            r.fail(f"kernel_lacks: unknown feature {sorted(lacks - KERNEL_FEATURES)[0]!r} "
                   f"(known: {', '.join(sorted(KERNEL_FEATURES))})", spec, "kernel_lacks")
        swarm = r.text(spec.get("swarm"), spec, "swarm", "swarm") or "inactive"
        if swarm not in ("inactive", "manager", "worker"):
            r.fail(f"host {hname}: swarm must be inactive, manager or worker", spec, "swarm")
        hosts.append(Host(str(hname), tuple(ifaces), lacks, interfaces_known="interfaces" in spec, swarm=swarm))
    if not hosts:
        hosts = [Host("host", (), frozenset(), interfaces_known=False)]
    host_names = [h.name for h in hosts]

    dhcp = []
    raw_dhcp = doc.get("dhcp") or []
    if not isinstance(raw_dhcp, list):
        r.fail("dhcp must be a list of scopes (first-last, or {first, last, name})", doc, "dhcp")
    for n, item in enumerate(raw_dhcp):
        where = raw_dhcp.line + n if isinstance(raw_dhcp, _Seq) else None
        if isinstance(item, str) and "-" in item:
            first, last = (s.strip() for s in item.split("-", 1))
            dhcp.append(Dhcp(first, last, f"dhcp{n + 1}"))
        elif isinstance(item, dict):
            item = r.mapping(item, raw_dhcp, None, ("first", "last", "name"), "a DHCP scope")
            first, last = (r.text(item.get(k), item, k, k) for k in ("first", "last"))
            if not first or not last:
                r.fail("a DHCP scope needs first and last", item)
            dhcp.append(Dhcp(first, last, r.text(item.get("name"), item, "name", "name") or f"dhcp{n + 1}"))
        else:
            r.fail("a DHCP scope is 'first-last' or {first, last, name}", where)
    for d in dhcp:
        _check_address(r, d.first, raw_dhcp, "dhcp")
        _check_address(r, d.last, raw_dhcp, "dhcp")

    vlan_limits = []
    raw_vlans = r.mapping(doc.get("vlans"), doc, "vlans", _any_keys(doc.get("vlans")), "vlans")
    for key, spec in raw_vlans.items():
        if not re.fullmatch(r"[0-9]{1,9}", key):
            r.fail(f"VLAN id {str(key)!r} must be a number", raw_vlans, key)
        vid = int(key)
        spec = r.mapping(spec, raw_vlans, vid, ("mac_limit", "name"), f"VLAN {vid}")
        limit = r.integer(spec.get("mac_limit"), spec, "mac_limit", 1)
        if limit is not None:
            vlan_limits.append((vid, limit))

    networks = []
    raw_nets = doc.get("networks") or _Map()
    if isinstance(raw_nets, list):
        # the list form keeps repeated names (a script may create a name twice: Docker refuses it)
        for item in raw_nets:
            if not isinstance(item, dict) or not item.get("name"):
                r.fail("each entry of a networks: list needs a name:", item if isinstance(item, _Map) else raw_nets)
            name = r.text(item["name"], item, "name", "name")
            body = _Map({k: v for k, v in item.items() if k != "name"})
            body.line, body.key_lines = item.line, item.key_lines
            holder = _Map({name: body})
            holder.line, holder.key_lines = item.line, {name: item.line}
            networks.extend(_read_network(r, name, body, holder, host_names))
    else:
        r.mapping(raw_nets, doc, "networks", _any_keys(raw_nets), "networks")
        for name, spec in raw_nets.items():
            networks.extend(_read_network(r, str(name), spec, raw_nets, host_names))
    engine = r.text(doc.get("engine"), doc, "engine", "engine") or None    # "" says no engine, like none
    if engine:
        from .rules.profile import Profile, UnknownEngine
        try:
            Profile.of(engine)
        except UnknownEngine as e:
            r.fail(str(e), doc, "engine")
    plan = Plan(name=r.text(doc.get("name"), doc, "name", "name") or _stem(source), hosts=tuple(hosts), networks=tuple(networks),
                dhcp=tuple(dhcp), vlan_limits=tuple(vlan_limits), engine=engine, source=source)
    return _apply_splits(r, plan, raw_nets)


def _apply_splits(r: _Reader, plan: Plan, raw_nets) -> Plan:
    """`split:` on a network shared by several hosts gives each host's copy its own slice of
    the subnet as --ip-range (ranges written in the plan are kept: hosts added later never
    move the others)."""
    items = raw_nets.items() if isinstance(raw_nets, dict) else \
        [(i.get("name"), i) for i in raw_nets if isinstance(i, dict)]
    for name, spec in items:
        if not isinstance(spec, dict) or "split" not in spec:
            continue
        from .partition import SplitSpec, split_plan
        try:
            plan, _ = split_plan(plan, str(name), SplitSpec.from_yaml(_typed(spec["split"])), keep=True)
        except ValueError as e:
            r.fail(f"network {name}: {e}", spec, "split")
    return plan


def _any_keys(value):
    return tuple(value.keys()) if isinstance(value, dict) else ()


def _check_address(r: _Reader, text: str, where, key):
    import ipaddress
    try:
        ipaddress.ip_address(text)
    except ValueError:
        r.fail(f"{key}: {text!r} is not an IP address", where, key)


def _check_cidr(r: _Reader, text: str, where, key):
    import ipaddress
    try:
        if "/" not in text:
            raise ValueError
        ipaddress.ip_interface(text)
    except ValueError:
        r.fail(f"{key}: {text!r} is not a CIDR block (like 192.168.1.0/24)", where, key)


def _read_network(r: _Reader, name: str, spec, parent_map, host_names) -> list[Network]:
    spec = r.mapping(spec, parent_map, name, _NET_KEYS, f"network {name}")
    driver = r.text(spec.get("driver"), spec, "driver", "driver") or "macvlan"
    parent = r.text(spec.get("parent"), spec, "parent", "parent")
    vlan = r.integer(spec.get("vlan"), spec, "vlan", 0)
    if vlan is not None:
        if not parent:
            r.fail(f"network {name}: vlan needs a parent (the trunk interface, like eth0)", spec, "vlan")
        if "." in parent:
            r.fail(f"network {name}: give either parent: {parent} or vlan:, not both", spec, "vlan")
        parent = f"{parent}.{vlan}"
    options = dict(r.pairs(spec.get("options"), spec, "options", "options"))
    if parent is not None:
        options["parent"] = parent
    mode = r.text(spec.get("mode"), spec, "mode", "mode")
    if mode is not None:
        options["ipvlan_mode" if driver == "ipvlan" else "macvlan_mode"] = mode
    flag = r.text(spec.get("flag"), spec, "flag", "flag")
    if flag is not None:
        options["ipvlan_flag"] = flag

    subnets, ranges, gateways, aux = [], [], [], []
    flat = [k for k in _SUBNET_KEYS if k in spec]
    if flat and "subnets" in spec:
        r.fail(f"network {name}: use either subnets: (a list) or subnet:/gateway:/ip_range:/aux:, not both",
               spec, flat[0])
    entries = []
    if "subnets" in spec:
        raw = spec["subnets"]
        if not isinstance(raw, list):
            r.fail(f"network {name}: subnets must be a list", spec, "subnets")
        for item in raw:
            if isinstance(item, str):
                item = _Map(subnet=item)
                item.line = raw.line
            entries.append(r.mapping(item, raw, None, _SUBNET_KEYS, f"a subnet of network {name}"))
    elif flat:
        entries.append(spec)
    for e in entries:
        s = r.texts(e.get("subnet"), e, "subnet", "subnet")
        for v in s:
            _check_cidr(r, v, e, "subnet")
        rs = r.texts(e.get("ip_range"), e, "ip_range", "ip_range")
        for v in rs:
            _check_cidr(r, v, e, "ip_range")
        gs = r.texts(e.get("gateway"), e, "gateway", "gateway")
        for v in gs:
            _check_address(r, v, e, "gateway")
        ax = r.pairs(e.get("aux"), e, "aux", "aux")
        for _, v in ax:
            _check_address(r, v, e, "aux")
        subnets += s
        ranges += rs
        gateways += gs
        aux += ax
    endpoints = []
    raw_eps = spec.get("endpoints") or []
    if not isinstance(raw_eps, list):
        r.fail(f"network {name}: endpoints must be a list of {{ip, mac}}", spec, "endpoints")
    for item in raw_eps:
        item = r.mapping(item, raw_eps, None, ("ip", "mac"), f"an endpoint of network {name}")
        ip = r.text(item.get("ip"), item, "ip", "ip") or ""
        mac = r.text(item.get("mac"), item, "mac", "mac") or ""
        if ip:
            _check_address(r, ip, item, "ip")
        if mac and not re.fullmatch(r"(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}", mac):
            r.fail(f"mac: {mac!r} is not a MAC address (like 02:42:c0:a8:01:0a)", item, "mac")
        endpoints.append((ip, mac.lower()))
    hosts = r.texts(spec.get("hosts"), spec, "hosts", "hosts") if "hosts" in spec else ()
    if "host" in spec and "hosts" in spec:
        r.fail(f"network {name}: give host or hosts, not both", spec, "hosts")
    if "host" in spec:
        hosts = (r.text(spec.get("host"), spec, "host", "host"),)
    if not hosts:
        if len(host_names) > 1:
            r.fail(f"network {name}: the plan has several hosts; say which with host: or hosts:", parent_map, name)
        hosts = tuple(host_names)
    for h in hosts:
        if h not in host_names:
            r.fail(f"network {name}: unknown host {h!r} (hosts: {', '.join(host_names)})", spec,
                   "host" if "host" in spec else "hosts")
    base = Network(
        name=name, driver=driver, options=tuple(options.items()),
        subnets=tuple(subnets), ip_ranges=tuple(ranges), gateways=tuple(gateways), aux=tuple(aux),
        ipv6=r.boolean(spec.get("ipv6"), spec, "ipv6"), ipv4=r.boolean(spec.get("ipv4"), spec, "ipv4"),
        internal=bool(r.boolean(spec.get("internal"), spec, "internal")),
        attachable=bool(r.boolean(spec.get("attachable"), spec, "attachable")),
        ingress=bool(r.boolean(spec.get("ingress"), spec, "ingress")),
        scope=r.text(spec.get("scope"), spec, "scope", "scope"),
        config_only=bool(r.boolean(spec.get("config_only"), spec, "config_only")),
        config_from=r.text(spec.get("config_from"), spec, "config_from", "config_from"),
        labels=r.pairs(spec.get("labels"), spec, "labels", "labels"),
        ipam_driver=r.text(spec.get("ipam_driver"), spec, "ipam_driver", "ipam_driver"),
        ipam_options=r.pairs(spec.get("ipam_options"), spec, "ipam_options", "ipam_options"),
        containers=r.integer(spec.get("containers"), spec, "containers", 0), endpoints=tuple(endpoints),
        line=parent_map.key_lines.get(name) if isinstance(parent_map, _Map) else None)
    return [base.with_(host=h) for h in hosts]


# ---------------------------------------------------------------------------------------------

def load(path: str, interfaces: Optional[Iterable[str]] = None, kernel_lacks: Iterable[str] = ()) -> Plan:
    """A plan from a file: a docker compose file (by its name or its content, see
    `macplan.compose`), else `.yaml`/`.yml` is a YAML plan, anything else a shell script."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as e:
        raise PlanError(f"cannot read: {e.strerror or e}", str(path))
    except UnicodeDecodeError:
        raise PlanError("not a text file (UTF-8)", str(path))
    from .compose import read_compose, sniff     # a docker compose file (compose.yaml, services:...)
    doc = sniff(str(path), text)
    if doc is not None:
        plan = read_compose(doc, str(path))
        if interfaces is not None or kernel_lacks:
            plan = _override_host(plan, interfaces, kernel_lacks)
        return plan
    if str(path).endswith((".yaml", ".yml")):
        plan = load_yaml_text(text, str(path))
        if interfaces is not None or kernel_lacks:
            plan = _override_host(plan, interfaces, kernel_lacks)
        return plan
    return parse_script(text, str(path), interfaces=interfaces, kernel_lacks=kernel_lacks)


def _override_host(plan: Plan, interfaces, kernel_lacks) -> Plan:
    hosts = []
    for h in plan.hosts:
        if interfaces is not None:
            known = {i.name: i for i in h.interfaces}
            h = Host(h.name, tuple(known.get(n, Interface(n)) for n in interfaces), h.kernel_lacks, True)
        if kernel_lacks:
            h = Host(h.name, h.interfaces, frozenset(kernel_lacks), h.interfaces_known)
        hosts.append(h)
    return plan.with_(hosts=tuple(hosts))
