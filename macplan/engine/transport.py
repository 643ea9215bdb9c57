"""The seam between macplan and a Docker engine: `Transport` (what macplan asks of an engine)
and `DockerTransport` (the docker SDK's low-level client, raw `POST /networks/create`), the
way httpx puts I/O behind a transport. Errors are one line (`macplan.errors.EngineError`)."""
from __future__ import annotations

import os
import re
from typing import Optional, Protocol

from macplan.errors import EngineMalformed, EngineRefused, EngineUnreachable


class Transport(Protocol):
    """The few engine calls macplan makes; a real daemon behind ``DockerTransport``."""

    def version(self) -> dict: ...
    def networks(self) -> list[dict]: ...
    def create_network(self, body: dict) -> str: ...
    def remove_network(self, net_id: str) -> None: ...
    def disconnect(self, net_id: str, container: str) -> None: ...
    def close(self) -> None: ...


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:400] or type(exc).__name__


# C0/C1 controls and the bidi overrides that reorder a terminal line
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _safe(text) -> str:
    """``text`` fit for a terminal: control characters written as escapes (``\\x1b``)."""
    text = str(text)
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", text)


def _not_sent(exc: BaseException) -> bool:
    """True when the request never reached a daemon (so it certainly did nothing)."""
    seen = set()
    e: Optional[BaseException] = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, (ConnectionRefusedError, FileNotFoundError)) or "Connection refused" in str(e) \
                or "No such file or directory" in str(e):
            return True
        e = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(e.args[0], BaseException) else None)
    return False


def _unreachable_reason(exc: BaseException) -> str:
    seen = set()
    e: Optional[BaseException] = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, PermissionError) or "Permission denied" in str(e):
            return "permission denied"
        if isinstance(e, FileNotFoundError) or "No such file or directory" in str(e):
            return "no such socket"
        if isinstance(e, ConnectionRefusedError) or "Connection refused" in str(e):
            return "connection refused (daemon not running?)"
        if isinstance(e, (ConnectionResetError, BrokenPipeError)) or "Connection aborted" in str(e):
            return "connection lost (daemon gone?)"
        if "timed out" in str(e).lower():
            return "timed out"
        e = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(e.args[0], BaseException) else None)
    return _one_line(exc)


class DockerTransport:
    """The docker SDK's low-level APIClient on ``docker_host`` (unix, tcp or ssh URL)."""

    def __init__(self, docker_host: Optional[str] = None, timeout: int = 60):
        import docker  # lazy: `macplan check` never pays for it

        self._docker = docker
        self.docker_host = docker_host or os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"
        try:
            self.api = docker.APIClient(base_url=self.docker_host, version="auto", timeout=timeout)
        except Exception as exc:  # version negotiation talks to the daemon already
            raise EngineUnreachable(f"cannot reach the engine at {self.docker_host}: {_unreachable_reason(exc)}") from None

    def _call(self, what: str, fn, *args, **kwargs):
        docker = self._docker
        try:
            return fn(*args, **kwargs)
        except docker.errors.APIError as exc:
            status = exc.response.status_code if exc.response is not None else None
            text = exc.explanation or str(exc)
            if isinstance(text, bytes):
                text = text.decode(errors="replace")
            raise EngineRefused(f"{what}: {text}", status, str(text)) from None
        except ValueError as exc:  # JSONDecodeError: it answered, with something else than JSON
            raise EngineMalformed(f"{what}: the engine at {self.docker_host} answered with something "
                                  f"that is not JSON: {_one_line(exc)}") from None
        except Exception as exc:
            raise EngineUnreachable(f"{what}: engine at {self.docker_host} not answering: "
                                    f"{_unreachable_reason(exc)}", sent=not _not_sent(exc)) from None

    def version(self) -> dict:
        return self._call("version", self.api.version)

    def networks(self) -> list[dict]:
        out = []
        listed = self._call("list networks", self.api.networks)
        if not isinstance(listed, list):
            raise EngineMalformed(f"list networks: the engine answered {type(listed).__name__}, not a list")
        for i, n in enumerate(listed):
            if not isinstance(n, dict) or not isinstance(n.get("Id"), str) or not n["Id"]:
                raise EngineMalformed(f"list networks: entry {i} has no network id")
            try:
                out.append(self._call(f"inspect {_safe(str(n.get('Name')))}", self.api.inspect_network, n["Id"]))
            except EngineRefused as exc:
                if exc.status != 404:  # removed meanwhile: fine
                    raise
        return out

    def create_network(self, body: dict) -> str:
        api = self.api
        url = api._url("/networks/create")
        res = self._call(f"create {body.get('Name')}", lambda: api._result(api._post_json(url, data=body), json=True))
        if not isinstance(res, dict) or not isinstance(res.get("Id"), str) or not res["Id"]:
            raise EngineMalformed(f"create {body.get('Name')}: the engine's answer has no network id")
        return res["Id"]

    def remove_network(self, net_id: str) -> None:
        self._call(f"remove {net_id[:12]}", self.api.remove_network, net_id)

    def disconnect(self, net_id: str, container: str) -> None:
        self._call(f"disconnect {container} from {net_id[:12]}", self.api.disconnect_container_from_network,
                   container, net_id, force=True)

    def close(self) -> None:
        try:
            self.api.close()
        except Exception:
            pass
