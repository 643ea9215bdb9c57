"""What a value may become when macplan writes it: a shell word, a comment, an INI value, a file name.

Every name in a plan is the user's text, and Docker itself accepts nearly any network name
(libnetwork refuses only an empty or all-whitespace one), so every emitter quotes instead of
trusting: argv words go through `shell`, comment text through `visible`, and names that become
file names or INI values are refused here, with one line naming the field.
"""
from __future__ import annotations

import shlex
import unicodedata

__all__ = ["shell", "visible", "has_control", "kernel_ifname_problem", "path_component_problem",
           "ini_value_problem", "shown"]

IFNAMSIZ = 16
#: the kernel's isspace() (lib/ctype.c): \t \n \v \f \r, space, and the Latin-1 byte 0xA0
_KERNEL_SPACE = frozenset(b"\t\n\x0b\x0c\r \xa0")
#: every byte dev_valid_name refuses in a name: '/', ':', NUL and the kernel's spaces
_IFNAME_BAD = bytes(sorted({*b"/:", 0, *_KERNEL_SPACE}))
#: characters str.splitlines() breaks at that are not Cc: a comment must stay one line to every reader
_LINE_BREAKS = frozenset("\u2028\u2029")


def shell(argv: list[str]) -> str:
    """One command line that a POSIX shell splits back into exactly `argv`."""
    return " ".join(shlex.quote(a) for a in argv)


def _is_control(c: str) -> bool:
    return unicodedata.category(c) == "Cc" or c in _LINE_BREAKS


def has_control(text: str) -> bool:
    return any(_is_control(c) for c in text)


def visible(text: str) -> str:
    """`text` with every control character (and U+2028/U+2029) written as a visible escape, so
    a comment line in a script or an INI file stays one line and shows what was there."""
    if not has_control(text):
        return text
    out = []
    for c in text:
        if not _is_control(c):
            out.append(c)
        elif c in "\n\t\r":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}[c])
        elif ord(c) < 0x100:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(f"\\u{ord(c):04x}")
    return "".join(out)


def shown(text: str) -> str:
    """A name as an error message shows it: quoted, its control characters visible."""
    return "'" + visible(text) + "'"


def kernel_ifname_problem(name: str) -> str | None:
    """Why Linux would refuse `name` as an interface name (net/core/dev.c dev_valid_name), or None.

    A name must be 1 to IFNAMSIZ-1 = 15 bytes, not "." or "..", and no byte may be '/', ':' or
    isspace(). Such a link can never exist, so `ip link` and Docker's parent lookup both fail."""
    raw = name.encode("utf-8", "surrogateescape")
    if not raw:
        return "an interface name cannot be empty"
    if len(raw) >= IFNAMSIZ:
        return f"an interface name has at most {IFNAMSIZ - 1} bytes, this one has {len(raw)}"
    if raw in (b".", b".."):
        return "an interface name cannot be . or .."
    if len(raw.translate(None, _IFNAME_BAD)) == len(raw):
        return None            # no byte the kernel refuses (the usual name: one C pass, no loop)
    bad = next((b for b in raw if b in b"/:" or b in _KERNEL_SPACE or b == 0), None)
    if bad is not None:
        what = {ord("/"): "'/'", ord(":"): "':'", 0: "a NUL byte"}.get(bad, "whitespace")
        return f"an interface name cannot contain {what}"
    return None


def path_component_problem(name: str) -> str | None:
    """Why `name` cannot be one file or directory name under the directory the user gave, or None."""
    if name in ("", ".", ".."):
        return "it must be a name, not empty, . or .."
    if "/" in name or "\\" in name:
        return "it cannot contain a path separator"
    if has_control(name):
        return "it cannot contain a control character"
    return None


def ini_value_problem(value: str) -> str | None:
    """Why `value` cannot be an INI (systemd unit) value: a line break would start a new key."""
    if has_control(value):
        return "it cannot contain a control character or line break"
    return None
