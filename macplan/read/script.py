"""Shell scripts of docker commands, read the way the shell and the docker CLI (cobra/pflag)
read them: `parse_script`. Creates, `network rm`, containers with static addresses, the shell
around them (variables, `&&`, `||`, `set -e`); what is not a docker command is skipped with a
note that names the line. Every problem is a `PlanError` naming the source and line."""
from __future__ import annotations

import csv
import gc
import re
from typing import Any, Callable, Container, Iterable, Mapping, Optional, Sequence, TypeAlias, TypeVar, Union, cast

from macplan.errors import PlanError
from macplan.model import (
    KERNEL_FEATURES,
    Detach,
    Endpoint,
    Host,
    Interface,
    Network,
    Plan,
    Removal,
    Step,
)

__all__ = ["parse_script"]


#: `docker network create`'s flags with a value, by the Network field each fills: a list of
#: every value given (pflag StringSlice: comma-separated too), a map of KEY=VALUE (the last value
#: of a key wins, in the order keys first came), or the last value given
_CREATE_LISTS = {"subnet": "subnets", "ip-range": "ip_ranges", "gateway": "gateways"}
_CREATE_MAPS = {"opt": "options", "label": "labels", "aux-address": "aux", "ipam-opt": "ipam_options"}
_CREATE_LAST = {"driver": "driver", "scope": "scope", "config-from": "config_from", "ipam-driver": "ipam_driver"}
_CREATE_FIELDS = {**_CREATE_LISTS, **_CREATE_MAPS, **_CREATE_LAST}
#: its boolean flags and their fields (the last one given wins)
_CREATE_BOOLS = {"internal": "internal", "ipv4": "ipv4", "ipv6": "ipv6", "attachable": "attachable",
                 "ingress": "ingress", "config-only": "config_only"}


_SHORT = {"d": "driver", "o": "opt"}


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


# _LEX and _DQ_LEX match at every position inside their text (their last alternatives take any
# one character, re.S), so their `match` never answers None there; said once here, at no cost
# per token.
_lex_at = cast("Callable[[str, int], re.Match[str]]", _LEX.match)
_dq_lex_at = cast("Callable[[str, int], re.Match[str]]", _DQ_LEX.match)


_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


_ASSIGN_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")


_CSV_SPECIAL = re.compile(r'["\r\n\x00]')     # what makes a CSV field more than split(",")


_SIMPLE_LINE = re.compile(r"[^'\"\\$`;&|<>()#]*")


class _Unset:
    """A value macplan cannot know (`$(cmd)`, `$1`, the environment): fine until a docker
    command uses it.  `name` is set for an assignment `NAME=$(cmd)`."""
    why: str
    name: Optional[str]

    def __init__(self, why: str, name: Optional[str] = None):
        self.why, self.name = why, name


#: a shell word: its text, or _Unset when it cannot be expanded
_WordValue: TypeAlias = Union[str, _Unset]
#: what _lex gives: words, and operators as 1-tuples (`("&&",)`)
_Token: TypeAlias = Union[_WordValue, tuple[str]]
#: the script's variables: a value, or _Unset for `NAME=$(cmd)`
_Vars: TypeAlias = dict[str, _WordValue]
#: words all text (an argv) or a script's, not yet checked for _Unset
_W = TypeVar("_W", str, _WordValue)


#: the last character of a line that may go on into the next (a backslash, `&&`, `||`, `|`)
_CONTINUES = ("\\", "&", "|")


def _logical_lines(text: str) -> Iterable[tuple[int, str, Optional[list[str]]]]:
    """Join backslash continuations; drop comment-only and blank lines and `$ ` prompts.
    A UTF-8 BOM and CRLF line ends are read as sh would see the file after dos2unix.
    With each line its words when it is plain (nothing for the shell to do but split it on
    blanks, the common case), else None."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if _SIMPLE_LINE.fullmatch(text):
        # nothing for the shell to do anywhere (no quote, comment, continuation or prompt): one
        # pass over the text says so for every line, and each line that is not blank is one
        for number, raw in enumerate(text.splitlines(), 1):
            words = raw.split()
            if words:
                yield number, raw.strip(), words
        return
    buf, start = "", None
    for number, raw in enumerate(text.splitlines(), 1):
        if start is None:
            line = raw.strip()
            if not line or line[0] == "#":
                continue
            if line[0] == "$" and (line == "$" or line[1] == " "):
                line = line[1:].lstrip()
            start = number
        else:
            line = raw.rstrip()
        if line[-1:] in _CONTINUES:
            if line.endswith("\\") and not line.endswith("\\\\"):
                buf += line[:-1] + " "
                continue
            if line.endswith(("&&", "||", "|")):     # sh reads the list on into the next line
                buf += line + " "
                continue
        logical = buf + line
        yield start, logical, logical.split() if _SIMPLE_LINE.fullmatch(logical) else None
        buf, start = "", None
    if start is not None:
        yield start, buf, buf.split() if _SIMPLE_LINE.fullmatch(buf) else None


class _Word:
    """A shell word being built: its text pieces, whether any part was quoted (so "" is a
    word), and what could not be expanded."""
    __slots__ = ("parts", "quoted", "problem", "raw")
    parts: list[str]
    quoted: bool
    problem: Optional[str]
    raw: str

    def __init__(self) -> None:
        self.parts, self.quoted, self.problem, self.raw = [], False, None, ""


def _lex(text: str, variables: _Vars, source: str, line: int, subs: Optional[list[str]] = None) -> list[_Token]:
    """Words (str, or _Unset for one that cannot be expanded) and operators (tuples).  The
    text of each `$(command)` goes to `subs`: its output is unknowable, but a docker command
    in it (`CID=$(docker run -d --network lan ...)`) still runs."""
    out: list[_Token] = []
    word: Optional[_Word] = None
    assign = True            # leading NAME=value words are assignments (no field splitting)
    pos, n = 0, len(text)

    def finish() -> None:
        nonlocal word, assign
        if word is not None:
            m = _ASSIGN_RE.match(word.parts[0]) if word.parts else None
            if word.problem is not None:
                out.append(_Unset(word.problem, m.group(1) if m and assign else None))
            elif word.parts or word.quoted:
                out.append("".join(word.parts))
            assign = assign and m is not None
            word = None

    def expand(token: str, quoted: bool) -> None:
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
        m = _lex_at(text, pos)
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
                dm = _dq_lex_at(inner, p)
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


def _expand(token: str, variables: _Vars) -> Union[str, _Unset]:
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
    words: Sequence[_WordValue]
    joined_by: Optional[str]
    followed: bool

    def __init__(self, words: Sequence[_WordValue], joined_by: Optional[str]):
        self.words, self.joined_by, self.followed = words, joined_by, False


def _commands(tokens: list[_Token]) -> list[_Command]:
    out: list[_Command] = []
    words: list[_WordValue] = []
    joined_by: Optional[str] = None
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


#: pflag's reading of a command's words: the boolean flags and the flags with a value, each as
#: [(flag, value)] in the order given, the positional arguments, the first error or None
_Parsed: TypeAlias = tuple[list[tuple[str, bool]], list[tuple[str, str]], list[str], Optional[_Usage]]


def _pflag(words: list[str], bools: Container[str], values: Container[str], shorts: Mapping[str, str],
           short_bools: Container[str] = frozenset(), interspersed: bool = True) -> _Parsed:
    """pflag's parse of `words`: ([(bool flag, value)], [(flag, value)], positionals, first error
    or None).  After an error the words are still sorted (unknown flags taken as boolean), for
    naming the command."""
    switches: list[tuple[str, bool]] = []
    flags: list[tuple[str, str]] = []
    positional: list[str] = []
    error: Optional[_Usage] = None
    i, count = 0, len(words)
    while i < count:
        word = words[i]
        i += 1
        if word[:1] != "-" or word == "-":
            positional.append(word)
            if not interspersed:
                positional += words[i:]
                break
        elif word == "--":
            positional += words[i:]
            break
        elif word[1] == "-":
            name, eq, value = word[2:].partition("=")
            if name in bools:
                if eq:
                    b = _go_bool(value)
                    if b is None:
                        error = error or _Usage("text", f'invalid argument "{value}" for "--{name}" flag: '
                                                        f'strconv.ParseBool: parsing "{value}": invalid syntax')
                        continue
                    switches.append((name, b))
                else:
                    switches.append((name, True))
                continue
            if name not in values:
                error = error or _Usage("text", f"unknown flag: --{name}")
                continue
            if not eq:
                if i >= count:
                    error = error or _Usage("text", f"flag needs an argument: --{name}")
                    continue
                value, i = words[i], i + 1
            flags.append((name, value))
        else:
            j = 1
            while j < len(word):
                c = word[j]
                if c in short_bools:
                    switches.append((c, True))
                    j += 1
                    continue
                if c not in shorts:
                    error = error or _Usage("text", f"unknown shorthand flag: '{c}' in {word}")
                    break
                value = word[j + 1:]
                if value.startswith("="):
                    value = value[1:]
                elif not value:
                    if i >= count:
                        error = error or _Usage("text", f"flag needs an argument: '{c}' in -{c}")
                        break
                    value, i = words[i], i + 1
                flags.append((shorts[c], value))
                break
    return switches, flags, positional, error


def parse_command(argv: list[str], source: str = "<string>", line: int = 1, host: str = "host") -> Network:
    """One `docker network create ...` argv (starting at `docker`) as a Network; a command the
    CLI refuses is a Network whose `cli_error` says why."""
    words = _docker_words(list(argv))
    if words[:2] != ["network", "create"]:
        shown = " ".join(argv[:3]) if argv else ""
        raise PlanError(f"not a 'docker network create' command: {shown!s}", source, line)
    return _create(words[2:], line, host)


def _create(rest: list[str], line: int, host: str) -> Network:
    switches, flags, positional, error = _pflag(rest, _CREATE_BOOLS, _CREATE_FIELDS, _SHORT)
    if error is None and len(positional) != 1:
        error = _Usage("args", "docker network create")
    if error is not None:
        return Network(name=" ".join(positional), driver="bridge", host=host, line=line,
                       cli_error=(error.kind, error.detail))
    # only the fields a flag gives: the others keep Network's defaults
    fields: dict[str, Any] = {"name": positional[0], "host": host, "line": line}
    maps: dict[str, dict[str, str]] = {}
    for flag, value in flags:
        field = _CREATE_FIELDS[flag]
        if flag in _CREATE_LISTS:
            # pflag reads a slice value as CSV: `--subnet=` (empty) adds nothing
            if value:
                items = tuple(next(csv.reader([value])) if _CSV_SPECIAL.search(value) else value.split(","))
                fields[field] = fields[field] + items if field in fields else items
        elif flag in _CREATE_MAPS:
            key, _, val = value.partition("=")
            if field in maps:
                maps[field][key] = val
            else:
                maps[field] = {key: val}
        else:
            fields[field] = value
    for field, pairs in maps.items():
        fields[field] = tuple(pairs.items())
    for flag, on in switches:
        fields[_CREATE_BOOLS[flag]] = on
    if not fields.get("driver"):
        fields["driver"] = "bridge"         # the CLI's default (and `--driver ""`'s)
    return Network(**fields)


def _remove(rest: list[str], line: int, host: str, verb: str = "rm") -> Removal:
    # -f/--force exists from CLI 23; older CLIs refuse it (rules.cli decides per engine)
    switches, _, positional, error = _pflag(rest, {"force"}, set(), {}, short_bools={"f"})
    if verb not in ("rm", "remove"):
        # `docker network delete`: no such subcommand (rm's only alias is remove), so `docker
        # network` itself refuses its arguments (cli/required.go NoArgs)
        error = _Usage("network-unknown", verb)
    force = next((("-f" if name == "f" else "--force") for name, v in switches if v), None)
    if error is None and not positional:
        error = _Usage("args-min", "docker network rm")
    return Removal(tuple(positional), host, force, (error.kind, error.detail) if error else None, line)


def _connect(rest: list[str], line: int, host: str) -> Endpoint:
    _, flags, positional, error = _pflag(rest, set(), _CONNECT_VALUES, {})
    if error is None and len(positional) != 2:
        error = _Usage("args-exact2", "docker network connect")
    got = dict(flags)
    network, container = (positional + ["", ""])[:2]
    return Endpoint(network, container, got.get("ip", ""), got.get("ip6", ""), "", host, "connect",
                    (error.kind, error.detail) if error else None, line)


class _AnyLong(set[str]):
    """docker run's long flags: every one not known as boolean takes a value."""

    def __contains__(self, name: object) -> bool:
        return name not in _RUN_BOOLS


def _run(command: str, rest: list[str], line: int, host: str) -> Optional[Endpoint]:
    switches, flags, positional, error = _pflag(rest, _RUN_BOOLS, _AnyLong(), _RUN_SHORT_VALUES,
                                                short_bools=_RUN_SHORT_BOOLS, interspersed=False)
    if error is None and not positional:
        error = _Usage("args-min", f"docker {command}")
    got: dict[str, str] = {}
    auto_remove = False
    for name, value in flags:
        if name in ("network", "net"):
            name = "network"
        got[name] = value
    for name, on in switches:
        if name == "rm":
            auto_remove = on
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
    mac = got.get("mac-address", "")
    if error is None and mac and not _go_mac(mac):
        # the CLI parses --mac-address before it sends anything (cli/command/container/opts.go)
        error = _Usage("run-flag", f"{mac} is not a valid mac address")
    # `--network none` is kept: such a container cannot join another network later
    return Endpoint(network, got.get("name", ""), got.get("ip", ""), got.get("ip6", ""),
                    got.get("mac-address", "").lower(), host, command.split()[-1],
                    (error.kind, error.detail) if error else None, line, auto_remove)


_MAC_GROUPS = re.compile(r"[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2})*)?\Z")


def _go_mac(text: str) -> bool:
    """Go's net.ParseMAC: 6, 8 or 20 octets as xx:xx.., xx-xx.. or xxxx.xxxx.. (ASCII hex)."""
    if "." in text:
        groups = text.split(".")
        return len(groups) in (3, 4, 10) and all(len(g) == 4 and all(c in "0123456789abcdefABCDEF" for c in g)
                                                 for g in groups)
    if not _MAC_GROUPS.match(text):
        return False
    return len(re.split(r"[:-]", text)) in (6, 8, 20)


#: words a docker command may follow: shell keywords and commands that run the rest
_BEFORE_DOCKER = frozenset({"sudo", "command", "exec", "time", "nohup", "env", "then", "else", "do", "if", "elif",
                            "while", "until", "!", "{"})


def _docker_words(words: list[_W]) -> list[_W]:
    """The words after `docker` (and its global flags), `sudo`/`command`/`env VAR=..` dropped;
    [] if the command is not docker."""
    while words and (words[0] in _BEFORE_DOCKER or (isinstance(words[0], str) and _ASSIGN_RE.match(words[0]))):
        head = words.pop(0)
        if head == "sudo":
            while words and isinstance(words[0], str) and words[0].startswith("-"):
                opt = words.pop(0)
                if opt in ("-u", "-g", "-h", "-p", "-C", "-D", "-U") and words:
                    words.pop(0)
    if not words or words[0] != "docker":
        return []
    words = words[1:]
    while words and isinstance(opt := words[0], str) and opt.startswith("-") and opt != "-":
        del words[0]
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
    # thousands of small objects and no cycles among them: the cyclic collector's passes over
    # them would cost a fifth of the read
    was = gc.isenabled()
    gc.disable()
    try:
        return _parse_script(text, source, interfaces, kernel_lacks, name, host)
    finally:
        if was:
            gc.enable()


def _parse_script(text: str, source: str, interfaces: Optional[Iterable[str]], kernel_lacks: Iterable[str],
                  name: Optional[str], host: str) -> Plan:
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
    # (kind, index, line, when, errexit) of each Step: most scripts need none (see `plain` below)
    steps: list[tuple[str, int, int, str, bool]] = []
    skipped: list[tuple[int, str]] = []
    variables: _Vars = {}
    errexit = prev_step = False
    for line, logical, tokens in _logical_lines(text):
        if tokens is not None:                # the common case: nothing for the shell to do
            if tokens[:3] == _NETWORK_CREATE:
                # the commonest line of all, a plain `docker network create`: what the loop below
                # would find it to be is known (no assignment, no global flag, nothing unset, no
                # `&&` around it), so it is read straight away
                prev_step = True
                steps.append(("create", len(networks), line, "always", errexit))
                networks.append(_create(tokens[3:], line, host))
                continue
            commands = [_Command(tokens, None)] if tokens else []
        else:
            subs: list[str] = []
            commands = _commands(_lex(logical, variables, source, line, subs))
            # command substitutions run first, where the shell runs them (one macplan cannot
            # split, e.g. with a quoted parenthesis inside, is left out)
            inner: list[_Command] = []
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
            if _assignments_only(words) or (words[0] in ("export", "readonly", "local") and len(words) > 1):
                for w in words:
                    if isinstance(w, str):
                        m = _ASSIGN_RE.match(w)
                        if m:
                            variables[m.group(1)] = w[m.end():]
                    elif w.name:
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
            args = [w for w in dwords if isinstance(w, str)]
            if len(args) < len(dwords):
                raise PlanError(next(w.why for w in dwords if isinstance(w, _Unset)), source, line)
            when = _WHEN.get(cmd.joined_by, "always") if after_step else "always"
            stops = errexit and not cmd.followed
            prev_step = True
            if kind == "create":
                steps.append(("create", len(networks), line, when, stops))
                networks.append(_create(args[2:], line, host))
            elif kind == "rm":
                steps.append(("rm", len(removals), line, when, stops))
                removals.append(_remove(args[2:], line, host, args[1]))
            elif kind == "start":
                # `docker start A B`: one endpoint entry per container, in order
                names = _start_names(args[used:])
                if not names:
                    skipped.append((line, _show(words)))
                    prev_step = False
                    continue
                for name in names:
                    steps.append(("endpoint", len(endpoints), line, when, stops))
                    endpoints.append(Endpoint("", name, host=host, command="start", line=line))
            elif kind == "detach":
                gone = _detach(" ".join(args[:used]), args[used:], line, host)
                if gone is None:
                    skipped.append((line, _show(words)))
                    prev_step = False
                    continue
                steps.append(("detach", len(detaches), line, when, stops))
                detaches.append(gone)
            else:
                ep = _connect(args[2:], line, host) if kind == "connect" else \
                    _run(" ".join(args[:used]), args[used:], line, host)
                if ep is None:
                    skipped.append((line, _show(words)))
                    prev_step = False
                    continue
                steps.append(("endpoint", len(endpoints), line, when, stops))
                endpoints.append(ep)
    ifaces = tuple(Interface(n) for n in (interfaces or ()))
    host_obj = Host(host, ifaces, lacks, interfaces_known=interfaces is not None)
    plain = len(steps) == len(networks) and all(when == "always" and not stops for _, _, _, when, stops in steps)
    return Plan(name=name or _stem(source), hosts=(host_obj,), networks=tuple(networks), source=source,
                removals=tuple(removals), endpoints=tuple(endpoints), detaches=tuple(detaches),
                steps=() if plain else tuple(Step(*step) for step in steps),
                skipped=tuple(skipped), as_written=True)


#: how the commonest line starts
_NETWORK_CREATE = ["docker", "network", "create"]


#: `docker network VERB`: the verbs macplan reads, as _docker_kind names them
_NETWORK_VERBS: dict[Optional[_WordValue], str] = {
    "create": "create", "rm": "rm", "remove": "rm", "delete": "rm", "connect": "connect", "disconnect": "detach"}


#: a step after `&&` runs if the one before succeeded, after `||` if it failed
_WHEN: dict[Optional[str], str] = {"&&": "ok", "||": "fail"}


def _assignments_only(words: Sequence[_WordValue]) -> bool:
    """Every word sets a variable: `NAME=value`, or `NAME=$(cmd)` (an _Unset that keeps the name)."""
    for w in words:
        if not (_ASSIGN_RE.match(w) if isinstance(w, str) else w.name):
            return False
    return True


def _docker_kind(words: Sequence[_WordValue]) -> tuple[Optional[str], int]:
    """Which docker command macplan reads (create, rm, connect, run) and how many words name it."""
    if not words:
        return None, 0
    first, second = words[0], words[1] if len(words) > 1 else None
    if first == "network":
        return _NETWORK_VERBS.get(second), 2
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


def _start_names(rest: list[str]) -> list[str]:
    """The containers of `docker start [OPTIONS] CONTAINER...` (its flags that take a value:
    --detach-keys, --checkpoint, --checkpoint-dir)."""
    names: list[str] = []
    i = 0
    while i < len(rest):
        w = rest[i]
        i += 1
        if w in ("--detach-keys", "--checkpoint", "--checkpoint-dir"):
            i += 1
        elif not w.startswith("-"):
            names.append(w)
    return names


def _detach(command: str, rest: list[str], line: int, host: str) -> Optional[Detach]:
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


def _errexit(args: Sequence[_WordValue], current: bool) -> bool:
    """`set -e`, `set -euo pipefail`, `set -o errexit`, `set +e`."""
    for i, a in enumerate(args):
        if not isinstance(a, str):
            continue
        if a in ("-o", "+o") and i + 1 < len(args) and args[i + 1] == "errexit":
            current = a == "-o"
        elif len(a) > 1 and a[0] in "-+" and a[1:].isalpha() and "e" in a[1:]:
            current = a[0] == "-"
    return current


def _show(words: Sequence[_WordValue]) -> str:
    text = " ".join(w if isinstance(w, str) else "$…" for w in words)
    return text if len(text) <= 60 else text[:57] + "..."


def _stem(source: str) -> str:
    if source.startswith("<"):
        return "plan"
    base = re.split(r"[\\/]", source)[-1]
    return re.sub(r"\.(sh|ya?ml|txt)$", "", base) or "plan"
