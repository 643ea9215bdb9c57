"""The interactive planner: an ipywidgets app for JupyterLab and Voila.

    from macplan.notebook.planner import Planner
    Planner.open("../examples/seed.sh", interfaces=["eth0"], engine="20.10")

Open a plan (a YAML file, pasted commands or YAML, or an empty plan), pick a network, edit its
driver, mode, parent and VLAN, subnets, gateways, ip-ranges, aux-addresses and expected
containers, and see at once what Docker would say (errors first, in Docker's words), the
address map and capacity, the MAC addresses per VLAN and port against their limits, and the
commands. Save the plan as YAML, export the commands, or apply it to a Docker engine (the
sandbox lab or a ``DOCKER_HOST``) after confirming the diff.

Design:

* The widget is a thin controller over the core. Every edit builds a new immutable ``Network``
  and re-checks only the networks it can interact with (:class:`Checked`), so a 1000-network
  plan answers within tens of milliseconds; anything it cannot localise falls back to a full
  ``macplan.check``. A test compares the two on every example plan.
* After an edit only what changed goes to the browser: a trait set to its own value sends
  nothing, the selected network's panel is three parts (capacity, address maps, command) and
  the maps are drawn again only when what they show changed; a big plan's list, charts and
  commands show a window (the filter, the rows that matter, the lines around the selection).
  Undo keeps one report (the newest step's); a big plan, once checked in full, is frozen out of
  the cyclic garbage collector's full passes (`_settle_heap`). ``bench/widget.py`` has the figures.
* A value that does not parse (``10.0.0.0/33``, ``abc`` containers) shows an inline error next
  to its field and leaves the plan as it was; nothing a user types raises into the notebook.
* The state is deterministic (no random ids, no timestamps), and the planner's ``text/plain``
  is a one-line summary, so a notebook that displays it is stable under nbval: nbval skips the
  widget view (its model id is random) and compares the summary.

``macplan app [PLAN]`` (macplan/notebook/app.py) serves ``notebooks/10-planner.ipynb`` with Voila on
127.0.0.1, behind a random token, with the planner's files confined to one directory (``--root``).
"""
from __future__ import annotations

import html
import os
import re
import shlex
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Optional

import ipywidgets as W

import macplan
from macplan import emit, viz
from macplan.checked import Checked
from macplan.errors import FieldError, OutsideRoot, PlanError
from macplan.model import INTERFACE_KINDS, IPVLAN_MODES, LAN_DRIVERS, MACVLAN_MODES, Host, Network, Plan
from macplan.notebook.app import _app_root
from macplan.notebook.fields import (
    _aux_text,
    _free_parent,
    _free_subnet,
    _host_with,
    _interfaces_text,
    _items,
    _join,
    _split_parent,
    _with_mode,
    _with_parent,
    parse_aux,
    parse_containers,
    parse_dhcp,
    parse_gateways,
    parse_interfaces,
    parse_ip_ranges,
    parse_name,
    parse_parent,
    parse_subnets,
    parse_vlan,
    parse_vlan_limits,
)
from macplan.profile import Profile
from macplan.quoting import visible

__all__ = ["Planner"]



def default_engine() -> str:
    """The engine a plan is checked against when neither the plan nor the user names one: the
    rule the CLI uses too (the engine of DOCKER_HOST or the docker context when one answers,
    else macplan.profile.DEFAULT_ENGINE)."""
    from macplan.engine.transport import default_engine as asked
    return asked()


_MAX_ROWS = 200         # rows of the network list shown at once; the filter finds the rest


_MAX_UNDO = 100


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


_MAX_FINDINGS = 60      # findings shown at once; the rest are counted


_MAX_BARS = 24          # chart rows shown at once for big plans


_MAX_MAPS = 4           # address maps per network


_MAX_COMMAND_LINES = 200    # lines of the Commands tab shown at once on a big plan; Export writes all


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


_CSS = """<style>
.macplan-planner .macplan-err {color:#b00020;font-size:12px;line-height:1.3;}
.macplan-planner .macplan-finding {margin:3px 0;padding:3px 8px;font-size:12.5px;line-height:1.35;}
.macplan-planner .macplan-error {background:#fbe3d6;border-left:4px solid #d55e00;}
.macplan-planner .macplan-warning {background:#fdf3d0;border-left:4px solid #e69f00;}
.macplan-planner .macplan-info {background:#e3f1fa;border-left:4px solid #56b4e9;}
.macplan-planner .macplan-docker {font-family:DejaVu Sans Mono,monospace;font-size:11.5px;}
.macplan-planner pre {font-size:12px;margin:2px 0;white-space:pre-wrap;word-break:break-all;}
.macplan-planner table.macplan-cap {border-collapse:collapse;font-size:12px;}
.macplan-planner table.macplan-cap td, .macplan-planner table.macplan-cap th
  {border-bottom:1px solid #ddd;padding:2px 8px;text-align:left;}
/* notebook 10's prose about driving a planner from cells: JupyterLab only, not on the page
   `macplan app` serves (Voila's page is the one whose <body> is a jp-Notebook) */
body.jp-Notebook .macplan-lab-only {display:none;}
</style>"""


class _Parts(W.VBox):
    """A panel made of HTML parts, each sent to the browser only when it changes. ``value`` is
    what the panel shows, its visible parts joined, as one ``W.HTML`` would hold it: what tests
    and notebooks read."""

    def __init__(self, count: int, **kwargs):
        self.parts = [W.HTML() for _ in range(count)]
        super().__init__(self.parts, **kwargs)

    @property
    def value(self) -> str:
        return "".join(p.value for p in self.parts if p.layout.display != "none")

    def show(self, *values: Optional[str]) -> None:
        """Each part's HTML; an empty one is hidden, and None hides a part but keeps what it
        holds (an address map hidden while its network is refused comes back unsent)."""
        for part, value in zip(self.parts, values):
            if value is not None:
                part.value = value          # a trait set to its own value sends nothing
            part.layout.display = "" if value else "none"


_FIELDS = (
    # key, label, placeholder
    ("name", "name", ""),
    ("host", "host", ""),
    ("driver", "driver", ""),
    ("mode", "mode", ""),
    ("parent", "parent", "eth0 (empty: no parent)"),
    ("vlan", "VLAN", "50 (empty: untagged)"),
    ("subnets", "subnets", "192.168.50.0/24, 2001:db8::/64"),
    ("gateways", "gateways", "192.168.50.1"),
    ("ip_ranges", "ip-ranges", "192.168.50.128/25"),
    ("aux", "aux-addresses", "my-router=192.168.50.2"),
    ("containers", "containers", "expected, e.g. 40"),
    ("ipv6", "IPv6", ""),
)


_TEXT_PARSERS: dict[str, Callable[[str], object]] = {
    "name": parse_name, "parent": parse_parent, "vlan": parse_vlan, "subnets": parse_subnets,
    "gateways": parse_gateways, "ip_ranges": parse_ip_ranges, "aux": parse_aux,
    "containers": parse_containers,
}


def _default_engine_factory(docker_host: Optional[str], progress: Callable[[str], None]):
    from macplan.engine.client import Engine

    return Engine(docker_host, progress=progress)


def _lab_docker_host() -> str:
    from macplan.lab import Lab

    lab = Lab(verbose=False)
    if not lab.running():
        raise RuntimeError(f"the sandbox lab {lab.name} is not running; start it with `sudo macplan lab up`")
    return lab.docker_host


class Planner:
    """The planner widget. Display it (last expression of a cell) to use it.

    Everything a user can do has a method or a widget attribute, so tests and notebooks can
    drive it without a browser: ``fields[key]`` (the form), ``errors[key]`` (inline errors),
    ``networks`` (the list), ``select()``, ``add_network()``, ``remove_network()``, ``add_host()``,
    ``remove_host()``, ``save_yaml()``, ``export_commands()``, ``show_diff()``, ``confirm_apply()``.
    """

    def __init__(self, plan: Optional[Plan] = None, *, engine: Optional[str] = None, source: str = "",
                 engine_factory: Optional[Callable] = None, lab_docker_host: Optional[Callable[[], str]] = None,
                 root: Optional[str] = None):
        plan = plan if plan is not None else Plan(name="new-plan")
        self.source = source
        # Under `macplan app` the kernel runs as whoever started it (often root) for whoever holds
        # the token: the Open box and the save buttons then reach only files under `root`.
        root = root if root is not None else _app_root()
        self.file_root: Optional[Path] = Path(root).resolve() if root else None
        self._engine_factory = engine_factory or _default_engine_factory
        self._lab_docker_host = lab_docker_host or _lab_docker_host
        self._syncing = False
        self._cmd_cache: dict[int, tuple] = {}
        self._finding_cache: dict = {}
        self._maps_last: Optional[tuple] = None       # (created, dhcp, what the maps show, their HTML)
        self._macs_last: Optional[tuple] = None       # (what the charts show, their HTML)
        self._commands_last: Optional[tuple] = None   # (plan, report, commands text, refused)
        self._hay: dict[int, tuple[Network, str]] = {}  # a network's text the filter searches
        self._pending = None          # (docker_host, host, plan) the diff on screen was made for
        self.selected: Optional[int] = None
        self.timings: dict[str, float] = {}
        self.checked = Checked(plan, engine or plan.engine or default_engine())
        self._undo: list[list] = []
        self._saved_plan: Plan = plan
        self._want_host: Optional[str] = None
        self._build()
        self._after_load()

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, source: Optional[str] = None, *, interfaces=None, engine: Optional[str] = None, **kw) -> "Planner":
        """A planner on a plan file (YAML or a script of commands), or an empty plan for None."""
        if not source:
            return cls(None, engine=engine, **kw)
        plan = _load_path(source, interfaces)
        return cls(plan, engine=engine, source=str(source), **kw)

    def load_path(self, path: str) -> bool:
        """Open a plan file in this planner; a problem shows in the open panel."""
        try:
            target = self._confined(path.strip()) if self.file_root else path.strip()
            if self.file_root:
                _plain_file(target)
            plan = _load_path(str(target), self._interfaces())
        except (PlanError, OSError, ValueError) as exc:
            self._load_status(f"cannot open {path}: {self._open_error(exc)}", error=True)
            return False
        self.source = path.strip()
        self._set_plan(plan)
        self._load_status(f"opened {path}: {len(plan.networks)} networks")
        return True

    def load_text(self, text: str) -> bool:
        """Read pasted ``docker network create`` commands or a YAML plan."""
        try:
            if re.search(r"\bdocker\s+network\s+create\b", text):
                plan = macplan.parse_script(text, source="pasted", interfaces=self._interfaces())
            else:
                plan = macplan.load_yaml_text(text, source="pasted")
        except (PlanError, ValueError) as exc:
            self._load_status(str(exc), error=True)
            return False
        self.source = "<pasted>"
        self._set_plan(plan)
        self._load_status(f"read {len(plan.networks)} networks from the pasted text")
        return True

    def new_plan(self) -> None:
        self.source = ""
        self._set_plan(Plan(name="new-plan"))
        self._load_status("started an empty plan; add a network")

    def _confined(self, path: str) -> Path:
        """`path` (relative to the root) resolved, symlinks included; refused when it leaves the root."""
        if not path:
            raise OutsideRoot("name a file")
        target = (self.file_root / path).resolve()
        if target != self.file_root and self.file_root not in target.parents:
            raise OutsideRoot(f"only files under {self.file_root} can be opened or saved here")
        return target

    def _open_error(self, exc: BaseException) -> str:
        """Outside the app: the reader's own words. Inside it, where the kernel may be root and
        the browser anyone with the token: where the problem is, never what the file says
        (a parse error quotes the text, which would leak the first line of any file)."""
        if not self.file_root or isinstance(exc, OutsideRoot):
            return str(exc)
        if isinstance(exc, PlanError):
            return f"not a plan macplan can read (line {exc.line})" if exc.line else "not a plan macplan can read"
        if isinstance(exc, OSError):
            return exc.strerror or type(exc).__name__
        return "not a plan macplan can read"

    def _write(self, path: str, text: str) -> str:
        """Write `text` to `path` (confined to the root in the app); the path actually written."""
        if not self.file_root:
            Path(path).write_text(text, encoding="utf-8")
            return path
        target = self._confined(path)
        # O_NOFOLLOW: a symlink planted after the check is refused, not followed out of the root
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return str(target)

    def _interfaces(self):
        text = self.open_interfaces.value.strip()
        return _items(text) if text else None

    def _set_plan(self, plan: Plan) -> None:
        self.checked = Checked(plan, self.engine_choice.value or plan.engine or default_engine())
        self._undo.clear()
        self._saved_plan = plan
        if plan.engine and plan.engine in self.engine_choice.options:
            self._syncing = True
            try:
                self.engine_choice.value = plan.engine
            finally:
                self._syncing = False
            self.checked.set_engine(plan.engine)
        self._cmd_cache.clear()
        self._hay.clear()
        self._after_load()

    # ------------------------------------------------------------------ properties
    @property
    def plan(self) -> Plan:
        return self.checked.plan

    @property
    def report(self):
        return self.checked.report

    @property
    def capacity(self):
        return self.checked.capacity

    @property
    def network(self) -> Optional[Network]:
        return None if self.selected is None else self.plan.networks[self.selected]

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        full = W.Layout(width="100%")
        self.title = W.HTML()
        self.title.add_class("macplan-summary")
        self.engine_choice = W.Dropdown(options=list(macplan.LINES), value=self.checked.engine
                                        if self.checked.engine in macplan.LINES else default_engine(),
                                        description="engine", layout=W.Layout(width="160px"))
        self.engine_choice.observe(self._on_engine, names="value")

        # open panel
        self.open_path = W.Text(placeholder="a YAML plan or a .sh script, like plans/site.yaml",
                                layout=W.Layout(width="340px"))
        self.open_path.add_class("macplan-open-path")
        self.open_button = W.Button(description="Open file", icon="folder-open")
        self.open_interfaces = W.Text(placeholder="eth0, eth1 (for scripts)", description="interfaces",
                                      layout=W.Layout(width="300px"))
        self.open_text = W.Textarea(placeholder="paste `docker network create ...` commands or a YAML plan",
                                    layout=W.Layout(width="100%", height="120px"))
        self.open_text_button = W.Button(description="Read pasted text")
        self.open_empty = W.Button(description="Start empty")
        self.open_status = W.HTML()
        self.open_button.on_click(lambda _: self._guard(self.load_path, self.open_path.value))
        self.open_text_button.on_click(lambda _: self._guard(self.load_text, self.open_text.value))
        self.open_empty.on_click(lambda _: self._guard(self.new_plan))
        open_box = W.VBox([
            W.HBox([self.open_path, self.open_button, self.open_interfaces]),
            self.open_text,
            W.HBox([self.open_text_button, self.open_empty]),
            self.open_status,
        ])
        self.open_panel = W.Accordion(children=[open_box], titles=("Open a plan: file, pasted commands or YAML, or empty",),
                                      selected_index=None, layout=full)

        # hosts and networks
        self.hosts_html = W.HTML()
        self.hosts_html.add_class("macplan-hosts")
        self.filter = W.Text(placeholder="filter: name, host, parent or subnet", continuous_update=True,
                             layout=W.Layout(width="98%"))
        self.filter.add_class("macplan-filter")
        self.filter.observe(lambda change: self._guard(self._sync_list), names="value")
        self.list_note = W.HTML()
        self.list_note.add_class("macplan-list-note")
        self.networks = W.Select(options=[], rows=10, layout=W.Layout(width="98%"))
        self.networks.add_class("macplan-networks")
        self.networks.observe(self._on_select, names="value")
        self.add_button = W.Button(description="Add network", icon="plus", layout=W.Layout(width="auto"))
        self.remove_button = W.Button(description="Remove", icon="trash", layout=W.Layout(width="auto"))
        self.undo_button = W.Button(description="Undo", icon="undo", disabled=True, layout=W.Layout(width="auto"))
        self.undo_button.add_class("macplan-undo")
        self.add_button.add_class("macplan-add")
        self.remove_button.add_class("macplan-remove")
        self.add_button.on_click(lambda _: self._guard(self.add_network))
        self.remove_button.on_click(lambda _: self._guard(self.ask_remove))
        self.undo_button.on_click(lambda _: self._guard(self.undo))
        self.remove_question = W.HTML()
        self.remove_yes = W.Button(description="Remove it", button_style="danger", layout=W.Layout(width="auto"))
        self.remove_no = W.Button(description="Keep it", layout=W.Layout(width="auto"))
        self.remove_yes.add_class("macplan-remove-yes")
        self.remove_yes.on_click(lambda _: self._guard(self.remove_network))
        self.remove_no.on_click(lambda _: self._guard(self.cancel_remove))
        self.remove_confirm = W.HBox([self.remove_question, self.remove_yes, self.remove_no],
                                     layout=W.Layout(display="none", align_items="center"))
        self.remove_confirm.add_class("macplan-remove-confirm")

        # the form
        self.fields: dict[str, W.Widget] = {}
        self.errors: dict[str, W.HTML] = {}
        rows = []
        label_w = W.Layout(width="96px", min_width="96px", flex="0 0 auto")
        for key, label, placeholder in _FIELDS:
            if key in ("host", "driver", "mode"):
                w = W.Dropdown(options=[""], layout=W.Layout(width="200px"))
            elif key == "ipv6":
                w = W.Checkbox(value=False, indent=False, description="enable IPv6 (--ipv6)")
            else:
                # wide enough for three subnets (two IPv4, one IPv6) without scrolling
                w = W.Text(placeholder=placeholder, continuous_update=False, layout=W.Layout(width="440px"))
            w.add_class(f"macplan-field-{key.replace('_', '-')}")
            err = W.HTML()
            err.add_class("macplan-err")
            err.add_class(f"macplan-err-{key.replace('_', '-')}")
            w.observe(lambda change, key=key: self._on_field(key, change), names="value")
            self.fields[key], self.errors[key] = w, err
            rows.append(W.VBox([W.HBox([W.Label(label, layout=label_w), w]), err],
                               layout=W.Layout(margin="0 0 1px 0")))
        self.form = W.VBox(rows)
        self.form.add_class("macplan-form")
        self.status = W.HTML()
        self.status.add_class("macplan-status")

        left = W.VBox([self.hosts_html, W.HTML("<b>Networks</b>"), self.filter, self.networks, self.list_note,
                       W.HBox([self.add_button, self.remove_button, self.undo_button]), self.remove_confirm,
                       W.HTML("<b>Selected network</b>"), self.form, self.status],
                      layout=W.Layout(width="560px", min_width="548px", margin="0 16px 0 0"))

        self.findings_html = W.HTML()
        self.findings_html.add_class("macplan-findings")
        # three parts (capacity, address maps, command), each sent only when it changes: the
        # maps are most of the panel (82 KB on a /24) and most edits leave them as they were
        self.network_html = _Parts(3)
        self.network_html.add_class("macplan-network")
        right = W.VBox([self.findings_html, W.HTML("<b>Selected network: capacity and address map</b>"),
                        self.network_html],
                       layout=W.Layout(flex="1 1 auto", overflow="auto"))

        # details
        self.macs_html = W.HTML()
        self.macs_html.add_class("macplan-macs")
        self.commands_html = W.HTML()
        self.commands_html.add_class("macplan-commands")

        self._build_hosts()

        self.yaml_path = W.Text(description="YAML file", layout=W.Layout(width="380px"))
        self.yaml_path.add_class("macplan-yaml-path")
        self.save_button = W.Button(description="Save plan", icon="save")
        self.commands_path = W.Text(description="script", layout=W.Layout(width="380px"))
        self.export_button = W.Button(description="Export commands", icon="download")
        self.save_status = W.HTML()
        self.save_status.add_class("macplan-save-status")
        base = self.file_root or Path.cwd()
        self.save_where = W.HTML(f"<b>Save</b> (a path relative to <code>{_esc(base)}</code>)")
        self.save_button.on_click(lambda _: self._guard(self.save_yaml))
        self.export_button.on_click(lambda _: self._guard(self.export_commands))

        self.apply_target = W.ToggleButtons(options=[("sandbox lab", "lab"), ("DOCKER_HOST", "docker_host")],
                                            value="lab")
        self.apply_docker_host = W.Text(value=os.environ.get("DOCKER_HOST", ""),
                                        placeholder="unix:///var/run/docker.sock or tcp://host:2376",
                                        description="DOCKER_HOST", layout=W.Layout(width="420px"))
        self.apply_host = W.Dropdown(options=[""], description="plan host", layout=W.Layout(width="260px"))
        self.diff_button = W.Button(description="Show diff", icon="search")
        self.confirm_button = W.Button(description="Apply these changes", button_style="danger", icon="check",
                                       layout=W.Layout(display="none"))
        self.cancel_button = W.Button(description="Cancel", layout=W.Layout(display="none"))
        self.diff_html = W.HTML()
        self.diff_html.add_class("macplan-diff")
        self.progress = W.IntProgress(value=0, min=0, max=1, description="", layout=W.Layout(width="420px",
                                                                                                 display="none"))
        self.apply_result = W.HTML()
        self.apply_result.add_class("macplan-apply-result")
        self.diff_button.on_click(lambda _: self._guard(self.show_diff))
        self.confirm_button.on_click(lambda _: self._guard(self.confirm_apply))
        self.cancel_button.on_click(lambda _: self._guard(self.cancel_apply))

        save_box = W.VBox([
            self.save_where,
            W.HBox([self.yaml_path, self.save_button]),
            W.HBox([self.commands_path, self.export_button]),
            self.save_status,
            W.HTML("<b>Apply to a Docker engine</b>: first the diff, then your confirmation"),
            W.HBox([self.apply_target, self.apply_host]),
            self.apply_docker_host,
            W.HBox([self.diff_button, self.confirm_button, self.cancel_button]),
            self.diff_html, self.progress, self.apply_result,
        ])
        self.tabs = W.Tab(children=[self.macs_html, self.commands_html, self.hosts_box, save_box],
                          titles=("Capacity & MACs", "Commands", "Hosts & limits", "Save & apply"))
        self.tabs.selected_index = 0
        self._stale: set = {0, 1, 2}
        self.tabs.observe(lambda change: self._guard(self._render_tab), names="selected_index")

        self.root = W.VBox([
            W.HTML(_CSS),
            W.HBox([self.title, self.engine_choice], layout=W.Layout(justify_content="space-between",
                                                                      align_items="center")),
            self.open_panel,
            W.HBox([left, right], layout=W.Layout(width="100%")),
            self.tabs,
        ], layout=W.Layout(width="100%"))
        self.root.add_class("macplan-planner")

    def _build_hosts(self) -> None:
        """The Hosts & limits tab: a host's name and interfaces (kind, switch-port MAC limit), the
        VLANs' MAC limits and the LAN's DHCP scopes: what a YAML plan's hosts:, vlans: and dhcp: say."""
        self.host_choice = W.Dropdown(options=[], description="host", layout=W.Layout(width="260px"))
        self.host_choice.observe(lambda change: None if self._syncing else self._guard(self._fill_hosts),
                                 names="value")
        self.add_host_button = W.Button(description="Add host", icon="plus", layout=W.Layout(width="auto"))
        self.add_host_button.on_click(lambda _: self._guard(self.add_host))
        self.remove_host_button = W.Button(description="Remove host", icon="trash", layout=W.Layout(width="auto"))
        self.remove_host_button.add_class("macplan-remove-host")
        self.remove_host_button.on_click(lambda _: self._guard(self.remove_host))
        self.host_status = W.HTML()
        self.host_status.add_class("macplan-host-status")
        self.host_fields: dict[str, W.Widget] = {
            "name": W.Text(continuous_update=False, layout=W.Layout(width="260px")),
            "interfaces": W.Textarea(continuous_update=False, layout=W.Layout(width="420px", height="90px"),
                                     placeholder="one per line: name [kind] [MAC limit], like\neth0 ethernet 32\n"
                                                 "wlan0 wifi\n(empty: interfaces not declared, any parent goes)"),
            "vlan_limits": W.Text(continuous_update=False, layout=W.Layout(width="420px"),
                                  placeholder="VLAN=limit, like 10=64, 20=128"),
            "dhcp": W.Textarea(continuous_update=False, layout=W.Layout(width="420px", height="70px"),
                               placeholder="one per line: [name] first-last, like\noffice 192.168.1.100-192.168.1.199"),
        }
        self.host_errors = {k: W.HTML() for k in self.host_fields}
        labels = {"name": "host name", "interfaces": "interfaces", "vlan_limits": "VLAN MAC limits",
                  "dhcp": "DHCP scopes"}
        rows = [W.HBox([self.host_choice, self.add_host_button, self.remove_host_button]), self.host_status]
        for key, w in self.host_fields.items():
            w.add_class(f"macplan-host-{key.replace('_', '-')}")
            self.host_errors[key].add_class("macplan-err")
            self.host_errors[key].add_class(f"macplan-err-host-{key.replace('_', '-')}")
            w.observe(lambda change, key=key: None if self._syncing else self._guard(self._host_field, key,
                                                                                      change["new"]), names="value")
            rows.append(W.VBox([W.HBox([W.Label(labels[key], layout=W.Layout(width="130px")), w]),
                                self.host_errors[key]]))
            if key == "interfaces":
                rows.append(W.HTML("<b>The whole plan</b>"))
        kinds = ", ".join(INTERFACE_KINDS)
        rows.append(W.HTML(f"<span style='color:#555'>Kinds: {kinds}. A MAC limit is the switch port's "
                           "port-security limit; a VLAN's limit counts every host's MACs on it.</span>"))
        self.hosts_box = W.VBox(rows)
        self.hosts_box.add_class("macplan-hosts-tab")

    def _fill_hosts(self, *_) -> None:
        plan = self.plan
        names = [h.name for h in plan.hosts]
        self._syncing = True
        try:
            want, self._want_host = self._want_host, None
            if want in names or list(self.host_choice.options) != names:
                keep = want or self.host_choice.value
                self.host_choice.options = names
                self.host_choice.value = keep if keep in names else (names[0] if names else None)
            host = plan.host(self.host_choice.value) if self.host_choice.value else None
            self.host_fields["name"].value = host.name if host else ""
            self.host_fields["interfaces"].value = _interfaces_text(host) if host else ""
            self.host_fields["vlan_limits"].value = ", ".join(f"{v}={n}" for v, n in plan.vlan_limits)
            self.host_fields["dhcp"].value = "\n".join(f"{d.name} {d.first}-{d.last}" for d in plan.dhcp)
            for e in self.host_errors.values():
                e.value = ""
            self.host_status.value = ""
        finally:
            self._syncing = False

    def _host_field(self, key: str, value: str) -> None:
        plan = self.plan
        try:
            if key == "vlan_limits":
                new = plan.with_(vlan_limits=parse_vlan_limits(value))
            elif key == "dhcp":
                new = plan.with_(dhcp=parse_dhcp(value))
            else:
                name = self.host_choice.value
                host = plan.host(name)
                if key == "name":
                    new_name = parse_name(value)
                    if new_name != name and new_name in {h.name for h in plan.hosts}:
                        raise FieldError(f"there is already a host {new_name}")
                    new = plan.with_(hosts=tuple(_host_with(h, name=new_name) if h.name == name else h
                                                 for h in plan.hosts),
                                     networks=tuple(n.with_(host=new_name) if n.host == name else n
                                                    for n in plan.networks))
                else:
                    ifaces = parse_interfaces(value, host)
                    new = plan.with_(hosts=tuple(_host_with(h, interfaces=ifaces, interfaces_known=bool(ifaces))
                                                 if h.name == name else h for h in plan.hosts))
        except FieldError as exc:
            self.host_errors[key].value = f"⚠ {_esc(exc)}"
            return
        self.host_errors[key].value = ""
        if new == plan:
            return
        if key == "name":
            self._want_host = new_name
        self._edit_plan(new)
        self._fill_hosts()

    def add_host(self) -> None:
        """A new host (its interfaces not declared yet), selected in the Hosts & limits tab."""
        names = {h.name for h in self.plan.hosts}
        k = len(names) + 1
        while f"host{k}" in names:
            k += 1
        self._want_host = f"host{k}"
        self._edit_plan(self.plan.with_(hosts=self.plan.hosts + (Host(name=f"host{k}", interfaces_known=False),)))
        self._fill_hosts()

    def remove_host(self) -> None:
        """Remove the host selected in the Hosts & limits tab (one edit: Undo brings it back) and
        select its neighbour.

        A host that networks of the plan still use is not removed: the tab says how many, and the
        plan and the undo history stay as they were. Taking the networks with it would delete
        what the user planned without showing it (a host row is a small thing to click; its
        networks are the plan), and leaving them behind on a host the plan no longer declares
        would silently turn a checked host into one whose interfaces are unknown. Moving or
        removing them first is one form edit each and says what happens. A script's other
        commands (``docker network rm``, ``docker run --network``, ``docker stop``) on the host
        keep it the same way.

        The last host goes like any other when nothing uses it, but a plan always has a host:
        ``Plan.hosts`` may be empty, yet a YAML plan cannot say so (``hosts: {}`` reads back as
        the implicit host ``host`` with undeclared interfaces, so `dump_yaml` refuses to write
        it). The last host is replaced by that implicit host, what a plan without ``hosts:``
        means; when it already is that host there is nothing to remove, and the tab says so."""
        if 2 in self._stale:        # the tab not opened since the plan changed: its choice is old
            self._stale.discard(2)
            self._fill_hosts()
        plan = self.plan
        name = self.host_choice.value
        names = [h.name for h in plan.hosts]
        if not name or name not in names:
            return
        used = sum(1 for n in plan.networks if n.host == name)
        if used:
            self.host_status.value = (f'<span class="macplan-err">⚠ {_esc(name)} still has {used} '
                                      f'network{"s" if used != 1 else ""}: move or remove them first</span>')
            return
        other = sum(1 for x in (*plan.removals, *plan.endpoints, *plan.detaches) if x.host == name)
        if other:
            self.host_status.value = (f'<span class="macplan-err">⚠ {_esc(name)} still has {other} other '
                                      f'command{"s" if other != 1 else ""} of the script (docker network rm, '
                                      f'docker run, docker stop...): remove them from the script first</span>')
            return
        i = names.index(name)
        hosts = plan.hosts[:i] + plan.hosts[i + 1:]
        note = ""
        if not hosts:
            hosts = Plan().hosts
            if hosts == plan.hosts:
                self.host_status.value = (f"<code>{_esc(name)}</code> is the plan's implicit host (no hosts "
                                          f"declared): there is nothing to remove")
                return
            note = (f"; a plan always has a host, so it has the implicit <code>{_esc(hosts[0].name)}</code> "
                    f"now (interfaces not declared)")
        self._want_host = hosts[min(i, len(hosts) - 1)].name
        self._edit_plan(plan.with_(hosts=hosts))
        self._fill_hosts()
        self.host_status.value = f"removed <code>{_esc(name)}</code>{note} (Undo brings it back)"

    # ------------------------------------------------------------------ undo
    def _remember(self, index: Optional[int] = None) -> None:
        """Push an undo step: the plan, the selection, and for a form edit the network it replaces
        (``index``). Only the newest step keeps its report (one Undo is instant); older ones are
        re-checked when undone (incrementally for a form edit, as fast as the edit was). A
        report per step would keep a hundred reports alive: on a 4,094-network plan each one
        adds ~8,000 objects the cyclic GC walks, and its full passes grew past 300 ms."""
        if self._undo:
            self._undo[-1][1] = None
        old = None if index is None else (index, self.checked.plan.networks[index])
        self._undo.append([self.checked.plan, self.checked.report, self.selected, old])
        del self._undo[:-_MAX_UNDO]

    def _edit_plan(self, plan: Plan, selected: object = "keep") -> None:
        """Any change other than a network's form field: the whole plan re-checked, undoable."""
        self._remember()
        self.checked.full(plan)
        if selected != "keep":
            self.selected = selected if isinstance(selected, int) else None
        elif self.selected is not None and self.selected >= len(plan.networks):
            self.selected = len(plan.networks) - 1 if plan.networks else None
        self._refresh(list_changed=True, refill=True)
        _settle_heap(len(plan.networks))

    def undo(self) -> bool:
        """Go back one edit (up to the last 100); False when there is nothing to undo."""
        if not self._undo:
            return False
        plan, report, selected, old = self._undo.pop()
        now = self.checked.plan
        if report is not None:
            self.checked.plan, self.checked.report = plan, report
        elif (old is not None and len(now.networks) == len(plan.networks)
              and all(a is b for k, (a, b) in enumerate(zip(now.networks, plan.networks)) if k != old[0])):
            self.checked.replace(*old)          # the form edit undone: as fast as the edit
            self.checked.plan = plan
        else:
            self.checked.full(plan)
            _settle_heap(len(plan.networks))
        self.checked.last = "undo"
        have = {h.name for h in now.hosts}
        back = [h.name for h in plan.hosts if h.name not in have]
        if back:        # a host removed or renamed comes back selected in the Hosts & limits tab
            self._want_host = back[0]
        self.selected = selected if selected is None or selected < len(plan.networks) else None
        self.cancel_remove()
        self._refresh(list_changed=True, refill=True)
        return True

    @property
    def unsaved(self) -> bool:
        """Whether the plan differs from the one opened or last saved."""
        return self.plan is not self._saved_plan and self.plan != self._saved_plan

    # ------------------------------------------------------------------ display
    def _repr_mimebundle_(self, **kwargs):
        bundle = self.root._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        bundle = dict(bundle or {})
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        return f"<macplan Planner: {self.summary()}>"

    def _counts(self) -> tuple[int, int, int]:
        """(errors, warnings, refused networks) of the report, in one pass."""
        rep = self.report
        errors = warnings = refused = 0
        for r in rep.networks:
            refused += not r.accepted
            for f in r.findings:
                errors += f.severity == "error"
                warnings += f.severity == "warning"
        for f in [f for r in rep.removals for f in r.findings] + [f for e in rep.endpoints for f in e.findings] \
                + rep.plan_findings:
            errors += f.severity == "error"
            warnings += f.severity == "warning"
        return errors, warnings, refused

    def summary(self) -> str:
        rep = self.report
        hosts = sorted({n.host for n in self.plan.networks})
        errors, warnings, refused = self._counts()
        sel = f"; selected {self.network.name}" if self.network is not None else ""
        return (f"plan {self.plan.name}, engine {rep.engine}: {len(self.plan.networks)} networks on "
                f"{len(hosts)} host{'s' if len(hosts) != 1 else ''}, {refused} refused, "
                f"{errors} errors, {warnings} warnings{sel}")

    def field_errors(self) -> dict[str, str]:
        """The inline errors on screen, as plain text, by field."""
        return {k: html.unescape(e.value).lstrip("⚠ ") for k, e in self.errors.items() if e.value}

    def findings_text(self, network: Optional[str] = None) -> str:
        """The findings as text, errors first (for notebooks and tests)."""
        lines = []
        for sev, name, f in self._sorted_findings():
            if network is None or name == network:
                lines.append(f"{sev:7} {name}: [{f.rule}] {f.message}"
                             + (f"\n        docker: {f.docker_error}" if f.docker_error else ""))
        return "\n".join(lines) or "no findings"

    # ------------------------------------------------------------------ guards
    def _guard(self, fn, *args):
        """Run a callback; whatever goes wrong is shown in the status line, never raised."""
        try:
            return fn(*args)
        except Exception as exc:  # noqa: BLE001 - the notebook must never see a traceback
            self.status.value = (f'<span class="macplan-err">Something went wrong: '
                                 f'{_esc(type(exc).__name__)}: {_esc(exc)}</span>')
            return None

    def _load_status(self, text: str, error: bool = False) -> None:
        cls = "macplan-err" if error else ""
        self.open_status.value = f'<span class="{cls}">{_esc(text)}</span>'
        if error:
            self.open_panel.selected_index = 0

    # ------------------------------------------------------------------ events
    def _on_engine(self, change) -> None:
        if self._syncing:
            return
        self._guard(self._set_engine, change["new"])

    def _set_engine(self, engine: str) -> None:
        self.checked.set_engine(engine)
        for step in self._undo:     # reports of another engine: undo re-checks instead
            step[1] = None
        self._refresh()
        _settle_heap(len(self.plan.networks))

    def _on_select(self, change) -> None:
        if self._syncing:
            return
        self._guard(self.select, change["new"])

    def select(self, which) -> None:
        """Show network ``which`` (its index or name) in the form."""
        if which is None or not self.plan.networks:
            self.selected = None
        elif isinstance(which, int):
            self.selected = which
        else:
            self.selected = next(i for i, n in enumerate(self.plan.networks) if n.name == which)
        self._fill_form()
        self._sync_list()
        self._render_network()
        self._stale |= {0, 1}        # the charts and the commands around the selected network
        self._render_tab()

    def _on_field(self, key: str, change) -> None:
        if self._syncing:
            return
        self._guard(self._field_changed, key, change["new"])

    def _field_changed(self, key: str, value) -> None:
        net = self.network
        if net is None:
            return
        started = time.perf_counter()
        try:
            new = self._edited(net, key, value)
        except FieldError as exc:
            self.errors[key].value = f"⚠ {_esc(exc)}"
            return
        self.errors[key].value = ""
        if key in ("parent", "vlan"):
            self.errors["parent"].value = self.errors["vlan"].value = ""
        if new == net and new.name == net.name:
            return
        self._replace(new)
        self.timings["edit"] = time.perf_counter() - started

    def _edited(self, net: Network, key: str, value) -> Network:
        if key in _TEXT_PARSERS:
            value = _TEXT_PARSERS[key](value)
        if key == "name":
            return net.with_(name=value)
        if key == "host":
            return net.with_(host=value or net.host)
        if key == "driver":
            return _with_mode(net, value, "")
        if key == "mode":
            return _with_mode(net, net.driver, value)
        if key == "parent":
            base, vid = value, parse_vlan(self.fields["vlan"].value)
            m = re.fullmatch(r"(.+)\.(\d{1,4})", base)
            if m and vid is None:  # "eth0.50" typed whole: split it like the YAML vlan: key
                base, vid = m.group(1), parse_vlan(m.group(2))
            if vid is not None and not base:
                raise FieldError("a VLAN needs a parent interface (the trunk, like eth0)")
            return _with_parent(net, base, vid)
        if key == "vlan":
            base = parse_parent(self.fields["parent"].value)
            if value is not None and not base:
                raise FieldError("a VLAN needs a parent: fill in the parent interface first")
            return _with_parent(net, base, value)
        if key == "subnets":
            return net.with_(subnets=value)
        if key == "gateways":
            return net.with_(gateways=value)
        if key == "ip_ranges":
            return net.with_(ip_ranges=value)
        if key == "aux":
            return net.with_(aux=value)
        if key == "containers":
            return net.with_(containers=value)
        if key == "ipv6":
            return net.with_(ipv6=True if value else None)
        raise KeyError(key)

    def _replace(self, new: Network) -> None:
        index = self.selected
        old = self.plan.networks[index]
        self._remember(index)
        started = time.perf_counter()
        self.checked.replace(index, new)
        self.timings["check"] = time.perf_counter() - started
        if new.driver != old.driver:
            self._fill_form(only=("mode",))
        self._refresh()

    # ------------------------------------------------------------------ add / remove
    def add_network(self) -> None:
        """Append a macvlan network Docker accepts as it stands, and select it: on the selected
        network's host, on a VLAN sub-interface of its trunk that no network uses, with a /24
        that overlaps no subnet of the plan."""
        names = {n.name for n in self.plan.networks}
        k = len(self.plan.networks) + 1
        while f"net{k}" in names:
            k += 1
        host = self.network.host if self.network is not None else (self.plan.hosts[0].name if self.plan.hosts else "host")
        base = self.network.base_interface if self.network is not None and self.network.parent else None
        if not base:
            h = self.plan.host(host) if host in {x.name for x in self.plan.hosts} else None
            base = h.interfaces[0].name if h is not None and h.interfaces else "eth0"
        subnet = _free_subnet(self.plan)
        gateway = subnet.rsplit(".", 1)[0] + ".1"      # said, not left to Docker (a warning otherwise)
        new = Network(name=f"net{k}", host=host, options=(("parent", _free_parent(self.plan, base)),),
                      subnets=(subnet,), gateways=(gateway,))
        self.filter.value = ""
        self._edit_plan(self.plan.with_(networks=self.plan.networks + (new,)), selected=len(self.plan.networks))

    def ask_remove(self) -> None:
        """The Remove button: ask first (Remove it / Keep it)."""
        if self.network is None:
            return
        self.remove_question.value = f"Remove <code>{_esc(self.network.name)}</code>?"
        self.remove_confirm.layout.display = ""

    def cancel_remove(self) -> None:
        self.remove_confirm.layout.display = "none"

    def remove_network(self) -> None:
        """Remove the selected network (Undo brings it back)."""
        self.cancel_remove()
        if self.selected is None:
            return
        nets = list(self.plan.networks)
        del nets[self.selected]
        selected = min(self.selected, len(nets) - 1) if nets else None
        self._edit_plan(self.plan.with_(networks=tuple(nets)), selected=selected)

    # ------------------------------------------------------------------ save / export
    def save_yaml(self, path: Optional[str] = None) -> Optional[str]:
        path = (path or self.yaml_path.value or f"{_file_stem(self.plan.name)}.yaml").strip()
        try:
            text = emit.dump_yaml(self.plan)
            path = self._write(path, text)
        except (OSError, ValueError) as exc:
            self.save_status.value = f'<span class="macplan-err">could not save {_esc(path)}: {_esc(exc)}</span>'
            return None
        self._saved_plan = self.plan
        self._render_summary()
        self.save_status.value = f"saved the plan ({len(self.plan.networks)} networks) to <code>{_esc(path)}</code>"
        return path

    def export_commands(self, path: Optional[str] = None) -> Optional[str]:
        path = (path or self.commands_path.value or f"{_file_stem(self.plan.name)}.sh").strip()
        try:
            path = self._write(path, self.commands())
        except (OSError, ValueError) as exc:
            self.save_status.value = f'<span class="macplan-err">could not write {_esc(path)}: {_esc(exc)}</span>'
            return None
        refused = self._commands_text()[1]
        marked = f" ({refused} marked as refused by Docker)" if refused else ""
        self.save_status.value = f"wrote the commands{marked} to <code>{_esc(path)}</code>"
        return path

    def commands(self) -> str:
        """The plan's ``docker network create`` commands exactly as ``macplan commands`` prints
        them: each command Docker would refuse has a comment above it saying so."""
        return self._commands_text()[0]

    def _command(self, net: Network) -> str:
        got = self._cmd_cache.get(id(net))
        if got is None or got[0] is not net:
            if len(self._cmd_cache) > 1000:
                self._cmd_cache.clear()
            got = self._cmd_cache[id(net)] = (net, " ".join(shlex.quote(a) for a in emit.create_argv(net)))
        return got[1]

    # ------------------------------------------------------------------ apply
    def _docker_host(self) -> str:
        if self.apply_target.value == "lab":
            return self._lab_docker_host()
        host = self.apply_docker_host.value.strip()
        if not host:
            raise RuntimeError("name the engine: fill in DOCKER_HOST (like unix:///var/run/docker.sock)")
        return host

    def show_diff(self) -> None:
        """Connect to the engine and show what apply would do; the confirm button follows."""
        self.cancel_apply()
        self.apply_result.value = ""
        try:
            docker_host = self._docker_host()
            host = self.apply_host.value or None
            engine = self._engine_factory(docker_host, lambda msg: None)
            try:
                diff = engine.diff(self.plan, host)
            finally:
                engine.close()
        except Exception as exc:  # noqa: BLE001 - unreachable engine, plan refused, lab down...
            self.diff_html.value = f'<div class="macplan-err">{_esc(_one_line(exc))}</div>'
            return
        errors = [f for f in self.report.findings if f.severity == "error"]
        note = ""
        if errors:
            note = (f'<div class="macplan-err">The plan has {len(errors)} error finding(s); apply refuses it '
                    f'until they are fixed.</div>')
        self.diff_html.value = f"<pre>{_esc(diff.render())}</pre>{note}"
        if diff.changes and not errors and not diff.by_kind("conflict"):
            self._pending = (docker_host, diff.host, self.plan)
            self.confirm_button.layout.display = ""
            self.cancel_button.layout.display = ""

    def cancel_apply(self) -> None:
        self._pending = None
        self.confirm_button.layout.display = "none"
        self.cancel_button.layout.display = "none"

    def confirm_apply(self):
        """Apply the plan the diff on screen was made for, with a progress bar."""
        if self._pending is None:
            self.apply_result.value = '<span class="macplan-err">Show the diff first.</span>'
            return None
        docker_host, host, plan = self._pending
        self.cancel_apply()
        bar = self.progress
        bar.value, bar.max, bar.bar_style = 0, 1, ""
        bar.layout.display = ""

        def progress(msg: str) -> None:
            m = re.match(r"\[(\d+)/(\d+)\] \S+ \S+: ok", msg)
            if m:
                bar.max, bar.value = int(m.group(2)), int(m.group(1))
            bar.description = ""
        try:
            engine = self._engine_factory(docker_host, progress)
            try:
                result = engine.apply(plan, host)
            finally:
                engine.close()
        except Exception as exc:  # noqa: BLE001
            bar.bar_style = "danger"
            self.apply_result.value = f'<div class="macplan-err"><b>Not applied:</b> {_esc(_one_line(exc))}</div>'
            return None
        if result.ok:
            bar.value, bar.bar_style = bar.max, "success"
            done = ([f"created {', '.join(result.created)}"] if result.created else []) + \
                   ([f"removed {', '.join(result.removed)}"] if result.removed else [])
            self.apply_result.value = (f'<div style="color:#006b3c"><b>Applied</b> to engine {_esc(result.diff.engine)}: '
                                       f'{_esc("; ".join(done) or "nothing to change")}.</div>')
        else:
            bar.bar_style = "danger"
            back = f" Rolled back: {', '.join(result.rolled_back)}." if result.rolled_back else ""
            self.apply_result.value = (f'<div class="macplan-err"><b>Failed:</b> {_esc(result.error)}.{_esc(back)}'
                                       f'</div>')
        return result

    # ------------------------------------------------------------------ rendering
    def _after_load(self) -> None:
        self.selected = 0 if self.plan.networks else None
        self.yaml_path.value, self.commands_path.value = self._save_paths()
        self._refresh(list_changed=True, refill=True)
        _settle_heap(len(self.plan.networks), opened=True)

    def _refresh(self, list_changed: bool = False, refill: bool = False) -> None:
        t0 = time.perf_counter()
        if self._pending is not None and self._pending[2] is not self.plan:
            self.cancel_apply()
            self.diff_html.value = "<i>The plan changed since this diff; show the diff again.</i>"
        self._render_summary()
        self._sync_list()
        if list_changed or refill:
            self._fill_apply_hosts()
        if refill:
            self._fill_form()
        self._render_findings()
        self._render_network()
        self._stale = {0, 1, 2}
        self._render_tab()
        self.timings["render"] = time.perf_counter() - t0

    def _fill_apply_hosts(self) -> None:
        """The "plan host" choice of Save & apply follows the plan: its networks' hosts (a host
        renamed, added or removed in the Hosts tab, a network moved), keeping the one chosen."""
        hosts = sorted({n.host for n in self.plan.networks}) or [h.name for h in self.plan.hosts]
        if list(self.apply_host.options) != hosts:
            keep = self.apply_host.value
            self.apply_host.options = hosts
            self.apply_host.value = keep if keep in hosts else (hosts[0] if hosts else None)

    def _save_paths(self) -> tuple[str, str]:
        """Where Save and Export write by default: the file that was opened (a script's plan next
        to it as .yaml), relative to the folder paths are read from; a file outside that folder
        by its name, in the folder; a pasted or empty plan by the plan's name."""
        base = self.file_root or Path.cwd().resolve()
        src = Path(self.source) if self.source and not self.source.startswith("<") else None
        if src is not None:
            full = (base / src).resolve()
            try:
                rel = full.relative_to(base)
            except ValueError:      # outside the folder: its name, in the folder
                rel = Path(_file_stem(full.stem) + full.suffix)
            if rel.suffix in (".yaml", ".yml"):
                return str(rel), str(rel.with_suffix(".sh"))
            return str(rel.with_suffix(".yaml")), str(rel.with_suffix(".sh"))
        stem = _file_stem(self.plan.name)
        return f"{stem}.yaml", f"{stem}.sh"

    def _render_tab(self, *_) -> None:
        """Re-render the visible detail tab; the others when they are opened (a big plan's
        commands and charts cost more than the edit itself)."""
        tab = self.tabs.selected_index
        if tab in self._stale:
            self._stale.discard(tab)
            if tab in (0, 1, 2):
                (self._render_macs, self._render_commands, self._fill_hosts)[tab]()

    def _render_summary(self) -> None:
        src = f" <span style='color:#555'>from {_esc(os.path.basename(self.source))}</span>" if self.source else ""
        rep = self.report
        errors, warnings, refused = self._counts()
        color = "#b00020" if errors else ("#8a6d00" if warnings else "#006b3c")
        dirty = (" <span class='macplan-unsaved' style='color:#b00020' title='the plan differs from the file "
                 "opened or last saved'>&#9679; unsaved changes</span>" if self.unsaved else "")
        self.undo_button.disabled = not self._undo
        self.title.value = (f"<div style='font-size:15px'><b>macplan planner</b>: plan <code>{_esc(self.plan.name)}</code>{src}"
                            f" &middot; {len(self.plan.networks)} networks &middot; "
                            f"<span style='color:{color}'>{refused} refused, {errors} errors, {warnings} warnings</span>"
                            f" (engine {_esc(rep.engine)}){dirty}</div>")
        parts = []
        per_host = Counter(n.host for n in self.plan.networks)
        for h in self.plan.hosts:
            ifaces = ", ".join(i.name + (f" ({i.kind})" if i.kind != "ethernet" else "")
                               + (f" max {i.mac_limit} MACs" if i.mac_limit else "") for i in h.interfaces)
            known = ifaces if h.interfaces_known else "interfaces not declared"
            count = per_host[h.name]
            parts.append(f"<code>{_esc(h.name)}</code>: {_esc(known)}; {count} networks")
        self.hosts_html.value = "<b>Hosts</b><br>" + "<br>".join(parts)

    def _list_options(self) -> tuple[list, int]:
        """The rows of the network list that match the filter (at most _MAX_ROWS, the selected
        network always among them), and how many match."""
        opts = []
        nets, results = self.plan.networks, self.report.networks
        many = len({x.host for x in nets}) > 1
        words = self.filter.value.lower().split()
        matched = 0
        if len(self._hay) > 2 * len(nets) + 100:     # networks edited away
            self._hay.clear()
        for i, n in enumerate(nets):
            if words:
                got = self._hay.get(id(n))
                if got is None or got[0] is not n:
                    got = self._hay[id(n)] = (n, " ".join((n.name, n.host, n.parent or "", *n.subnets)).lower())
                hay = got[1]
                if not all(w in hay for w in words):
                    continue
            matched += 1
            if len(opts) >= _MAX_ROWS and i != self.selected:
                continue
            r = results[i]
            sev = min((_SEVERITY_ORDER[f.severity] for f in r.findings), default=3)
            mark = "✖" if not r.accepted or sev == 0 else ("⚠" if sev == 1 else "✓")
            opts.append((f"{mark} {n.name}  @{n.host}" if many else f"{mark} {n.name}", i))
        return opts, matched

    def _sync_list(self, *_) -> None:
        opts, matched = self._list_options()
        self._syncing = True
        try:
            with self.networks.hold_sync():
                if list(self.networks.options) != opts:
                    self.networks.options = opts
                values = {v for _, v in opts}
                self.networks.value = self.selected if self.selected in values else None
        finally:
            self._syncing = False
        total = len(self.plan.networks)
        if matched > len(opts) or (self.filter.value.strip() and matched < total):
            more = f"; showing the first {len(opts)}, type to narrow" if matched > len(opts) else ""
            self.list_note.value = (f"<span style='color:#555'>{matched:,} of {total:,} networks match"
                                    f"{_esc(more)}</span>")
        else:
            self.list_note.value = ""
        self.remove_button.disabled = self.selected is None
        self.form.layout.display = "none" if self.selected is None else ""

    def _fill_form(self, only=None) -> None:
        net = self.network
        self._syncing = True
        try:
            if net is None:
                return
            parent, vid = _split_parent(net)
            modes = list(IPVLAN_MODES if net.driver == "ipvlan" else MACVLAN_MODES)
            mode = net.mode or ""
            if mode and mode not in modes:
                modes.append(mode)
            drivers = list(LAN_DRIVERS) + ([net.driver] if net.driver not in LAN_DRIVERS else [])
            hosts = [h.name for h in self.plan.hosts] + ([net.host] if net.host not in {h.name for h in self.plan.hosts} else [])
            values = {
                "name": net.name, "parent": parent, "vlan": vid, "subnets": _join(net.subnets),
                "gateways": _join(net.gateways), "ip_ranges": _join(net.ip_ranges), "aux": _aux_text(net.aux),
                "containers": "" if net.containers is None else str(net.containers), "ipv6": bool(net.ipv6),
            }
            for key in only or [k for k, _, _ in _FIELDS]:
                w = self.fields[key]
                if key == "mode":
                    w.options = [("default (" + ("l2" if net.driver == "ipvlan" else "bridge") + ")", "")] + \
                                [(m, m) for m in modes]
                    w.value = mode
                elif key == "driver":
                    w.options, w.value = drivers, net.driver
                elif key == "host":
                    w.options, w.value = hosts, net.host
                else:
                    w.value = values[key]
                self.errors[key].value = ""
        finally:
            self._syncing = False

    def _sorted_findings(self):
        items = []
        for r in self.report.networks:
            for f in r.findings:
                items.append((_SEVERITY_ORDER[f.severity], r.index, f.severity, r.name, f))
        for k, f in enumerate(self.report.plan_findings):
            items.append((_SEVERITY_ORDER[f.severity], len(self.report.networks) + k, f.severity, "(plan)", f))
        items.sort(key=lambda x: (x[0], x[1]))
        return [(sev, name, f) for _, _, sev, name, f in items]

    def _finding_html(self, name: str, f) -> str:
        key = (name, f)
        got = self._finding_cache.get(key)
        if got is None:
            label = {"error": "ERROR", "warning": "warning", "info": "info"}.get(f.severity, f.severity)
            docker = (f'<div class="macplan-docker">docker: {_esc(f.docker_error)}</div>' if f.docker_error else "")
            got = (f'<div class="macplan-finding macplan-{_esc(f.severity)}" data-network="{_esc(name)}" '
                   f'data-rule="{_esc(f.rule)}"><b>{label}</b> <code>{_esc(name)}</code> '
                   f'<span style="color:#555">[{_esc(f.rule)}]</span> {_esc(f.message)}{docker}</div>')
            if len(self._finding_cache) > 5000:
                self._finding_cache.clear()
            self._finding_cache[key] = got
        return got

    def _render_findings(self) -> None:
        items = self._sorted_findings()
        shown = items[:_MAX_FINDINGS]
        body = "".join(self._finding_html(name, f) for _, name, f in shown)
        if len(items) > len(shown):
            rest = items[len(shown):]
            counts = {s: sum(1 for x in rest if x[0] == s) for s in ("error", "warning", "info")}
            more = ", ".join(f"{v} {k}s" for k, v in counts.items() if v)
            body += f"<div style='color:#555'>… and {len(rest)} more ({more})</div>"
        if not items:
            body = ("<div class='macplan-finding macplan-info' data-network='' data-rule='none'>"
                    "No findings: Docker creates every network as planned.</div>")
        self.findings_html.value = (f"<b>Findings</b> <span style='color:#555'>(errors first; Docker's own words "
                                    f"after “docker:”)</span>{body}")

    def _render_network(self) -> None:
        net = self.network
        if net is None:
            self.network_html.show("<i>No network selected.</i>", None, None)
            return
        res = self.report.networks[self.selected]
        cmd = f"<pre>{_esc(self._command(net))}</pre>"
        if not res.accepted:
            why = res.findings[0].docker_error or res.findings[0].message if res.findings else ""
            self.network_html.show(f"<div class='macplan-err'><b>Docker refuses {_esc(net.name)}</b>: "
                                   f"{_esc(why)}</div>", None, cmd)
            return
        head = ""
        cap = res.capacity
        if cap is not None:
            rows = []
            for s in cap.subnets:
                d = s.to_dict()
                reserved = ", ".join(f"{k} {v}" for k, v in d.get("reserved", {}).items())
                rows.append(f"<tr><td>{_esc(d['subnet'])}</td><td>{_esc(d['pool'])}</td><td>{d['size']:,}</td>"
                            f"<td>{_esc(reserved)}</td><td>{d['available']:,}</td><td>{_esc(d.get('gateway') or '')}</td></tr>")
            expected = "" if cap.expected is None else f" (expected {cap.expected:,})"
            short = cap.expected is not None and cap.expected > cap.containers
            color = "#b00020" if short else "inherit"
            head = (f"<div><b>{_esc(net.name)}</b> holds <b style='color:{color}'>{cap.containers:,}</b> "
                    f"containers{expected}</div>"
                    "<table class='macplan-cap'><tr><th>subnet</th><th>pool</th><th>size</th><th>reserved</th>"
                    f"<th>available</th><th>gateway</th></tr>{''.join(rows)}</table>")
        self.network_html.show(head, self._maps_html(res), cmd)

    def _maps_html(self, res) -> str:
        """The selected network's address maps. Drawn again only when what they show changed: the
        same result and DHCP scopes are the same maps; a re-simulated network whose spans came out
        the same (a new VLAN or name, say) keeps the picture already drawn."""
        if res.created is None:
            return ""
        dhcp = self.plan.dhcp
        last = self._maps_last
        if last is not None and last[0] is res.created and last[1] == dhcp:
            return last[3]
        maps = []
        for i in range(min(len(res.created.allocations), _MAX_MAPS)):
            try:
                maps.append(viz.address_map(self.plan, res, subnet=i))
            except Exception:  # noqa: BLE001 - a picture that cannot be drawn is left out
                continue
        key = tuple((str(m.subnet), m.title, m.pieces) for m in maps)
        if last is not None and last[2] == key:
            text = last[3]
        else:
            text = viz.side_by_side(*maps)._repr_html_() if maps else ""
        self._maps_last = (res.created, dhcp, key, text)
        return text

    def _render_macs(self) -> None:
        """The Capacity & MACs tab. A big plan shows at most _MAX_BARS rows per chart (those over
        their limit and the selected network's), picked before anything is converted or drawn,
        and the charts are drawn again only when the rows they show changed."""
        rep = self.report
        net = self.network
        vlans = list(rep.vlans)
        ports = list(rep.ports)
        note = ""
        if len(vlans) > _MAX_BARS:
            keep = [v for v in vlans if v.limit is not None and v.macs > v.limit]
            if net is not None and net.vlan is not None:
                keep += [v for v in vlans if v.vlan == net.vlan and v not in keep]
            note += f"VLANs: showing {len(keep[:_MAX_BARS])} of {len(vlans)} (over their limit, and the selected network's). "
            vlans = keep[:_MAX_BARS]
        if len(ports) > _MAX_BARS:
            keep = [p for p in ports if p.get("limit") is not None and p["macs"] > p["limit"]]
            if net is not None:
                keep += [p for p in ports if p["host"] == net.host and p["interface"] == net.base_interface
                         and p not in keep]
            note += f"Ports: showing {len(keep[:_MAX_BARS])} of {len(ports)}."
            ports = keep[:_MAX_BARS]
        caps = [r.capacity for r in rep.networks if r.capacity is not None]
        cap_note = ""
        if len(caps) > _MAX_BARS:
            short = [c for c in caps if c.expected and c.expected > c.containers]
            sel = [c for c in caps if net is not None and c.name == net.name and c.host == net.host]
            pick = (short + [c for c in sel if c not in short])[:_MAX_BARS]
            cap_note = (f"<div style='color:#555'>Capacity: showing {len(pick)} of {len(caps)} networks "
                        f"(short of addresses, and the selected one).</div>")
            caps = pick
        key = (note, [v.to_dict() for v in vlans], ports, cap_note, [c.to_dict() for c in caps])
        if self._macs_last is not None and self._macs_last[0] == key:
            self.macs_html.value = self._macs_last[1]
            return
        note, vlan_rows, ports, cap_note, cap_rows = key
        parts = []
        if note:
            parts.append(f"<div style='color:#555'>{_esc(note)}</div>")
        charts = []
        if vlan_rows:
            charts.append(viz.mac_chart({"vlans": vlan_rows}, by="vlan"))
        if ports:
            charts.append(viz.mac_chart({"ports": ports}, by="port"))
        if charts:
            parts.append(viz.side_by_side(*charts)._repr_html_())
        else:
            parts.append("<i>No MAC addresses on the wire yet (no accepted macvlan/ipvlan network).</i>")
        if cap_note:
            parts.append(cap_note)
        if cap_rows:
            parts.append(viz.capacity_chart({"networks": cap_rows})._repr_html_())
        self.macs_html.value = "".join(parts)
        self._macs_last = (key, self.macs_html.value)

    def _commands_text(self) -> tuple[str, int]:
        """`emit.checked_commands` of the plan on screen, made once per plan and report."""
        last = self._commands_last
        if last is None or last[0] is not self.plan or last[1] is not self.report:
            last = self._commands_last = (self.plan, self.report, *emit.checked_commands(self.plan, self.report))
        return last[2], last[3]

    def _render_commands(self) -> None:
        """The Commands tab: every command, or on a big plan the _MAX_COMMAND_LINES lines around
        the selected network's (a 4,094-network script is 680 KB: too much to send per edit)."""
        text, refused = self._commands_text()
        lines = text.splitlines()
        count = sum(1 for line in lines if line.startswith("docker "))
        line = Profile.of(self.report.engine).line
        if refused:
            head = (f"{count} commands, {refused} refused by Docker {_esc(line)}: each is marked by a comment "
                    f"above it")
        else:
            head = f"{count} commands, in an order Docker accepts"
        window = ""
        total = len(lines)
        if total > _MAX_COMMAND_LINES:
            net = self.network
            at = None
            if net is not None:     # the selected network's command, under its host's heading
                mine = emit.commands(Plan(networks=(net,))).rstrip("\n")
                heading = f"# on host {visible(net.host)}"
                start = next((k for k, x in enumerate(lines) if x == heading), 0)
                at = next((k for k in range(start, len(lines)) if lines[k] == mine), None)
            first = max(0, min((at or 0) - _MAX_COMMAND_LINES // 2, len(lines) - _MAX_COMMAND_LINES))
            lines = lines[first:first + _MAX_COMMAND_LINES]
            around = f", around {_esc(net.name)}" if net is not None and at is not None else ""
            window = (f"<div style='color:#555'>Showing lines {first + 1:,} to {first + len(lines):,} of "
                      f"{total:,}{around}; Export commands writes them all.</div>")
            text = "\n".join(lines) + "\n"
        self.commands_html.value = (f"<div style='color:#555'>{head} (Save &amp; apply exports them as shown)"
                                    f"</div>{window}<pre>{_esc(text)}</pre>")


_FREEZE_AT = 500        # networks from which a checked plan is moved out of the cyclic GC's way
_frozen = False


def _settle_heap(networks: int, opened: bool = False) -> None:
    """After a big plan is checked in full: collect, then freeze what is alive (``gc.freeze``).

    A 4,094-network report is ~100,000 objects the cyclic collector tracks, and it frees none
    of them (a report has no cycles; reference counting frees it). Every edit leaves ~10,000
    new objects, so every 4 or 5 edits Python's full collection walked the whole heap: 100 to
    300 ms added to one edit in five (the p90 of an edit was three times its median). Frozen,
    the report is left out of those passes, which then walk only what the edits made since.

    ``gc.freeze`` is process-wide: cyclic garbage among the frozen objects waits for the next
    plan opened in a planner (which unfreezes, collects, and freezes again). Plans under
    _FREEZE_AT networks are left alone: their collections are short."""
    import gc

    global _frozen
    if opened and _frozen:
        gc.unfreeze()
        _frozen = False
    if networks >= _FREEZE_AT:
        gc.collect()
        gc.freeze()
        _frozen = True


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:500]


def _load_path(path: str, interfaces=None) -> Plan:
    if str(path).endswith((".yaml", ".yml")):
        return macplan.load(path)
    return macplan.load(path, interfaces=interfaces)


_MAX_PLAN_BYTES = 64 << 20


def _file_stem(name: str) -> str:
    """A plan's name as a file name in the save boxes: the name comes from the file opened, and
    `../../etc/cron.d/x` must not become the default place to save."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).lstrip(".") or "plan"


def _plain_file(path: Path) -> None:
    """A regular file of sane size: a FIFO would hang the kernel, /dev/zero or a huge file fill memory."""
    import stat
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise OutsideRoot("not a regular file")
    if st.st_size > _MAX_PLAN_BYTES:
        raise OutsideRoot(f"larger than {_MAX_PLAN_BYTES >> 20} MB: not a plan")
