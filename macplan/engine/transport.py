"""The seam between macplan and a Docker engine: `Transport` (what macplan asks of an engine)
and `DockerTransport` (the docker SDK's low-level client, raw `POST /networks/create`), the
way httpx puts I/O behind a transport. Errors are one line (`macplan.errors.EngineError`)."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Protocol

from macplan.errors import EngineError, EngineMalformed, EngineRefused, EngineUnreachable

DEFAULT_HOST = "unix:///var/run/docker.sock"


@dataclass(frozen=True)
class Endpoint:
    """Where the engine is, found the way the ``docker`` command finds it (``resolve_endpoint``).

    ``tls`` is None for plain connections, else (ca, cert, key) file paths (each may be None) and
    ``verify`` says whether the server's certificate is checked against ``ca``."""

    host: str
    source: str                       # what chose it: "--docker-host", "DOCKER_HOST", "context NAME", "default"
    tls: Optional[tuple[Optional[str], Optional[str], Optional[str]]] = None
    verify: bool = False


def _config_dir(env: Mapping[str, str]) -> Path:
    if env.get("DOCKER_CONFIG"):
        return Path(env["DOCKER_CONFIG"])
    return Path(env.get("HOME") or os.path.expanduser("~")) / ".docker"


def _existing(path: Path) -> Optional[str]:
    return str(path) if path.is_file() else None


def _env_tls(env: Mapping[str, str], config: Path) -> tuple[Optional[tuple[Optional[str], Optional[str], Optional[str]]], bool]:
    """TLS as ``docker -H`` / DOCKER_HOST use it: DOCKER_TLS_VERIFY (any non-empty value) checks
    the server against DOCKER_CERT_PATH/ca.pem; DOCKER_CERT_PATH alone gives client certificates."""
    verify = bool(env.get("DOCKER_TLS_VERIFY"))
    if not verify and not env.get("DOCKER_CERT_PATH"):
        return None, False
    certs = Path(env.get("DOCKER_CERT_PATH") or config)
    return (_existing(certs / "ca.pem"), _existing(certs / "cert.pem"), _existing(certs / "key.pem")), verify


def _context(name: str, config: Path) -> Endpoint:
    """A docker context's endpoint: meta/<sha256(name)>/meta.json, TLS files under tls/<same>/docker/."""
    import hashlib  # here: it loads OpenSSL, and a `macplan check` asking default_engine seldom has a context
    digest = hashlib.sha256(name.encode()).hexdigest()
    meta = config / "contexts" / "meta" / digest / "meta.json"
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        docker = data["Endpoints"]["docker"]
        host = docker["Host"]
    except FileNotFoundError:
        raise EngineError(f"docker context {name!r} not found (no {meta})") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EngineError(f"docker context {name!r}: cannot read {meta}: {_one_line(exc)}") from None
    if not isinstance(host, str) or not host:
        raise EngineError(f"docker context {name!r} has no docker endpoint host ({meta})")
    tls_dir = config / "contexts" / "tls" / digest / "docker"
    files = (_existing(tls_dir / "ca.pem"), _existing(tls_dir / "cert.pem"), _existing(tls_dir / "key.pem"))
    tls = files if any(files) else None
    return Endpoint(host, f"context {name}", tls, bool(tls) and not docker.get("SkipTLSVerify", False))


def resolve_endpoint(docker_host: Optional[str] = None, context: Optional[str] = None,
                     env: Optional[Mapping[str, str]] = None) -> Endpoint:
    """The engine the ``docker`` command would talk to, in its order: ``-H``/``--docker-host``,
    then ``--context``, then DOCKER_HOST, then DOCKER_CONTEXT, then ``currentContext`` in
    ``$DOCKER_CONFIG/config.json`` (default ``~/.docker``), then the local socket.  TLS for a
    host (not a context) comes from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH; a context carries
    its own.  Context "default" means DOCKER_HOST or the local socket, as in docker."""
    env = os.environ if env is None else env
    config = _config_dir(env)
    if docker_host:
        tls, verify = _env_tls(env, config)
        return Endpoint(docker_host, "--docker-host", tls, verify)
    name = context
    if not name and env.get("DOCKER_HOST"):
        tls, verify = _env_tls(env, config)
        return Endpoint(env["DOCKER_HOST"], "DOCKER_HOST", tls, verify)
    if not name:
        name = env.get("DOCKER_CONTEXT") or None
    if not name:
        try:
            name = json.loads((config / "config.json").read_text(encoding="utf-8")).get("currentContext") or None
        except FileNotFoundError:
            name = None
        except (OSError, ValueError, AttributeError) as exc:
            raise EngineError(f"cannot read {config / 'config.json'}: {_one_line(exc)}") from None
    if name and name != "default":
        return _context(name, config)
    tls, verify = _env_tls(env, config)
    return Endpoint(env.get("DOCKER_HOST") or DEFAULT_HOST, "default", tls, verify)


def engine_version(endpoint: Optional[Endpoint] = None, timeout: float = 1.0) -> Optional[str]:
    """The version of the engine at ``endpoint`` (default: ``resolve_endpoint()``), or None when
    none answers within ``timeout`` seconds.  Plain HTTP over the socket: no docker SDK import,
    so a `macplan check` without an engine stays fast."""
    try:
        ep = endpoint or resolve_endpoint()
    except EngineError:
        return None
    host = ep.host
    if host.startswith("unix://") and not os.path.exists(host[len("unix://"):]):
        return None       # the common case without an engine: answered before importing anything
    import http.client
    import socket
    try:
        if host.startswith("unix://"):
            path = host[len("unix://"):]

            class UnixConnection(http.client.HTTPConnection):
                def connect(self) -> None:
                    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    s.settimeout(timeout)
                    s.connect(path)
                    self.sock = s

            conn: http.client.HTTPConnection = UnixConnection("localhost", timeout=timeout)
        elif host.startswith(("tcp://", "http://", "https://")):
            from urllib.parse import urlsplit
            u = urlsplit(host.replace("tcp://", "https://" if ep.tls else "http://", 1))
            if u.scheme == "https" or ep.tls:
                import ssl
                ca, cert, key = ep.tls or (None, None, None)
                ctx = ssl.create_default_context(cafile=ca) if ep.verify else ssl._create_unverified_context()
                if not ep.verify:
                    ctx.check_hostname = False
                if cert and key:
                    ctx.load_cert_chain(cert, key)
                conn = http.client.HTTPSConnection(u.hostname or "localhost", u.port or 2376, timeout=timeout,
                                                   context=ctx)
            else:
                conn = http.client.HTTPConnection(u.hostname or "localhost", u.port or 2375, timeout=timeout)
        else:
            return None   # ssh:// and the like: only the docker SDK speaks them; too slow to ask here
        try:
            conn.request("GET", "/version")
            res = conn.getresponse()
            if res.status != 200:
                return None
            version = json.loads(res.read(65536)).get("Version")
        finally:
            conn.close()
    except (OSError, ValueError, http.client.HTTPException, AttributeError):
        return None       # (ssl.SSLError is an OSError)
    return version if isinstance(version, str) and version else None


def default_engine(timeout: float = 1.0) -> str:
    """The engine line to check against when neither the user nor the plan names one: the
    answering engine's (DOCKER_HOST or the docker context, see ``resolve_endpoint``), else
    ``macplan.profile.DEFAULT_ENGINE``.  The CLI and the planner both ask this."""
    from macplan.profile import default_engine as pure
    return pure(engine_version(timeout=timeout))


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
    """The docker SDK's low-level APIClient on ``docker_host`` (unix, tcp or ssh URL), else on
    the engine ``docker`` itself would use (``resolve_endpoint``: ``context``, DOCKER_HOST,
    DOCKER_CONTEXT, the current context, TLS from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH)."""

    def __init__(self, docker_host: Optional[str] = None, timeout: int = 60, context: Optional[str] = None):
        import docker  # lazy: `macplan check` never pays for it

        self._docker = docker
        self.endpoint = resolve_endpoint(docker_host, context)
        self.docker_host = self.endpoint.host
        try:
            tls = None
            if self.endpoint.tls:
                ca, cert, key = self.endpoint.tls
                tls = docker.tls.TLSConfig(client_cert=(cert, key) if cert and key else None,
                                           ca_cert=ca if self.endpoint.verify else None, verify=self.endpoint.verify)
            self.api = docker.APIClient(base_url=self.docker_host, version="auto", timeout=timeout, tls=tls or False)
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
