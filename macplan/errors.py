"""Every exception macplan raises, under one root (like httpx's exception tree).

    MacplanError
    +-- InputError (ValueError)     the user's input asks for what cannot be done: exit 2, one line
    |   +-- PlanError               input that cannot be read: names the file and line, or the field
    |   |   +-- UnknownEngine       an engine version macplan has no profile for
    |   +-- PartitionError          the hosts do not fit into the subnet (split)
    |   +-- ShimError, SwarmError, ExportError   no shim / swarm layout / export for this plan
    |   +-- FieldError, OutsideRoot  the planner: a form value, a path outside the app's root
    +-- EngineError (RuntimeError)  talking to a Docker engine went wrong
    |   +-- EngineUnreachable, EngineMalformed, EngineRefused
    |   +-- PlanRefused             macplan refuses to act (error findings, conflicts)
    |       +-- NotOwned            a network another plan (or nobody) created
    +-- VerifyError (RuntimeError)  verify could not run at all
    +-- LabError (RuntimeError)     the sandboxed engine could not be brought up or down
        +-- NotRootError, LanError

Internal signals never leave the module that raises them (the simulated daemon's `Refusal`,
Go parsing's `GoError`, argument errors of the CLI parsers)."""
from __future__ import annotations

from typing import Optional


class MacplanError(Exception):
    """The root of macplan's exceptions."""


class InputError(MacplanError, ValueError):
    """The user's input asks for what cannot be done; ``str()`` is one line for the user."""


class PlanError(InputError):
    """Input that cannot be read: names the source and line (or field) of the problem."""

    def __init__(self, message: str, source: str = "<input>", line: Optional[int] = None):
        self.source, self.line, self.problem = source, line, message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


class UnknownEngine(PlanError):
    """An engine version macplan has no profile for."""

    def __init__(self, message: str):
        ValueError.__init__(self, message)
        self.source, self.line, self.problem = "<engine>", None, message


class ExportError(InputError):
    """The plan cannot be said in that format, or an export does not read back."""

    def __init__(self, message: str):
        # names are the user's text: their control characters are escaped so the error stays one line
        from macplan.quoting import visible  # noqa: PLC0415
        super().__init__(visible(message))


class SwarmError(InputError):
    """A swarm layout that cannot work (no manager, a node without its config network...)."""

    def __init__(self, message: str):
        # names are the user's text: their control characters are escaped so the error stays one line
        from macplan.quoting import visible  # noqa: PLC0415
        super().__init__(visible(message))


class ShimError(InputError):
    """No shim can be planned: no free address, no parent, not a macvlan network."""

    def __init__(self, message: str):
        # names are the user's text: their control characters are escaped so the error stays one line
        from macplan.quoting import visible  # noqa: PLC0415
        super().__init__(visible(message))


class PartitionError(InputError):
    """The hosts do not fit, or the request cannot be read."""


class FieldError(InputError):
    """A value typed into a form field that cannot be read; the message is shown next to it."""


class OutsideRoot(InputError):
    """A path the app refuses: it resolves outside the directory `macplan app` serves."""


class EngineError(MacplanError, RuntimeError):
    """Something went wrong talking to the engine; ``str()`` is one line for the user."""


class EngineUnreachable(EngineError):
    """No answer: socket missing, permission denied, daemon gone, timeout.

    ``sent`` is False when the request certainly never reached a daemon (no socket, connection
    refused): then it did not happen. Otherwise the daemon may have acted before it went away.
    """

    def __init__(self, message: str, sent: bool = True):
        super().__init__(message)
        self.sent = sent


class EngineMalformed(EngineError):
    """The engine answered, but not with what its API promises (missing keys, wrong types)."""


class EngineRefused(EngineError):
    """The daemon answered with an error; ``docker_error`` is its own text."""

    def __init__(self, message: str, status: Optional[int] = None, docker_error: str = ""):
        super().__init__(message)
        self.status, self.docker_error = status, docker_error


class PlanRefused(EngineError):
    """macplan refuses to act: error findings, conflicts, or containers that were not named."""


class NotOwned(PlanRefused):
    """A network another plan (or nobody) created would be removed or replaced; see ``--adopt``."""


class VerifyError(MacplanError, RuntimeError):
    """Verify could not run at all (not a finding about the plan); ``str()`` is one line."""


class LabError(MacplanError, RuntimeError):
    """The lab could not be brought up, inspected or torn down."""


class NotRootError(LabError):
    """The lab needs root: it creates a network namespace and runs dockerd."""


class LanError(LabError):
    """The LAN side could not be set up or removed; ``str()`` is one line."""
