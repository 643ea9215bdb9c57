"""The planner in a real browser: JupyterLab runs the notebook, Voila serves it as a page.

In both: pick macvlan50, clear its VLAN (it moves onto eth0, which pub_net already uses on
engine 20.10), see Docker's refusal appear, put VLAN 50 back, see it go; type a bad gateway
and see the inline error. Screenshots go to artifacts/.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

FINDING = '.macplan-finding[data-network="macvlan50"][data-rule="parent-in-use"]'


def _conflict_round_trip(planner, page, artifacts, name: str) -> None:
    from playwright.sync_api import expect

    expect(planner.locator(".macplan-summary")).to_contain_text("1 refused, 1 errors, 2 warnings")
    planner.locator(".macplan-networks select").select_option(label="✓ macvlan50")
    vlan = planner.locator(".macplan-field-vlan input")
    expect(vlan).to_have_value("50")
    expect(planner.locator(FINDING)).to_have_count(0)

    vlan.fill("")
    vlan.press("Enter")
    finding = planner.locator(FINDING)
    expect(finding).to_be_visible()
    expect(finding).to_contain_text("docker: network dm-<id> is already using parent interface eth0")
    expect(planner.locator(".macplan-summary")).to_contain_text("2 refused, 2 errors")
    planner.locator(".macplan-err-gateways").scroll_into_view_if_needed()
    gateway = planner.locator(".macplan-field-gateways input")
    gateway.fill("192.168.50.300")
    gateway.press("Enter")
    expect(planner.locator(".macplan-err-gateways")).to_contain_text("is not an IP address")
    planner.locator(".macplan-summary").scroll_into_view_if_needed()
    planner.screenshot(path=str(artifacts / f"planner-{name}-conflict.png"))

    vlan.fill("50")
    vlan.press("Enter")
    expect(planner.locator(FINDING)).to_have_count(0)
    expect(planner.locator(".macplan-summary")).to_contain_text("1 refused, 1 errors, 2 warnings")
    gateway.fill("192.168.50.1")
    gateway.press("Enter")
    expect(planner.locator(".macplan-err-gateways")).to_have_text("")
    # the address map of the selected network, drawn from the core's SVG
    expect(planner.locator(".macplan-network img").first).to_be_visible()
    page.screenshot(path=str(artifacts / f"planner-{name}.png"), full_page=True)
    planner.get_by_role("tab", name="Capacity & MACs").click()
    expect(planner.locator(".macplan-macs img").first).to_be_visible()
    planner.locator(".macplan-macs").screenshot(path=str(artifacts / f"planner-{name}-macs.png"))


def _editing(planner, page, artifacts, name: str) -> None:
    """The Commands tab marks the refusal; Add network is accepted; Remove asks; Undo; the filter;
    the Hosts & limits tab, Add host and Remove host."""
    from playwright.sync_api import expect

    planner.locator(".macplan-networks select").select_option(label="⚠ macvlan216")
    subnets = planner.locator(".macplan-field-subnets input")
    expect(subnets).to_have_value("192.168.216.0/24, 192.168.218.0/24, 2001:db8:abc8::/64")
    assert subnets.evaluate("e => e.scrollWidth <= e.clientWidth"), "three subnets do not fit their field"
    planner.get_by_role("tab", name="Commands").click()
    commands = planner.locator(".macplan-commands")
    expect(commands).to_contain_text("5 commands, 1 refused by Docker 20.10")
    expect(commands).to_contain_text("# Docker 20.10 refuses this: network dm-<id> is already using parent interface eth0")
    commands.screenshot(path=str(artifacts / f"planner-{name}-commands.png"))
    planner.locator(".macplan-add").click()
    options = planner.locator(".macplan-networks select option")
    expect(options.filter(has_text="net6")).to_have_text("✓ net6")
    expect(planner.locator(".macplan-summary")).to_contain_text("1 refused, 1 errors, 2 warnings")
    expect(planner.locator(".macplan-unsaved")).to_be_visible()
    planner.locator(".macplan-remove").click()
    confirm = planner.locator(".macplan-remove-confirm")
    expect(confirm).to_contain_text("Remove net6?")
    confirm.scroll_into_view_if_needed()
    planner.screenshot(path=str(artifacts / f"planner-{name}-remove.png"))
    planner.locator(".macplan-remove-yes").click()
    expect(options.filter(has_text="net6")).to_have_count(0)
    expect(planner.locator(".macplan-unsaved")).to_have_count(0)
    planner.locator(".macplan-undo").click()
    expect(options.filter(has_text="net6")).to_have_count(1)
    planner.locator(".macplan-filter input").fill("macvlan")
    expect(options.filter(has_text="pub_net")).to_have_count(0)
    expect(options.filter(has_text="macvlan50")).to_have_count(1)
    planner.locator(".macplan-filter input").fill("")
    expect(options).to_have_count(6)
    planner.get_by_role("tab", name="Hosts & limits").click()
    interfaces = planner.locator(".macplan-host-interfaces textarea")
    expect(interfaces).to_have_value("eth0 ethernet")
    interfaces.fill("eth0 ethernet 3")
    planner.locator(".macplan-host-vlan-limits input").click()      # leaving the box applies it
    expect(planner.locator(".macplan-hosts")).to_contain_text("max 3 MACs")
    planner.locator(".macplan-hosts-tab").screenshot(path=str(artifacts / f"planner-{name}-hosts.png"))
    # Add host, then Remove host takes it away; the host with the networks is refused, inline
    planner.get_by_role("button", name="Add host").click()
    expect(planner.locator(".macplan-hosts")).to_contain_text("host2")
    planner.locator(".macplan-remove-host").click()
    expect(planner.locator(".macplan-host-status")).to_contain_text("removed host2")
    expect(planner.locator(".macplan-hosts")).not_to_contain_text("host2")
    planner.locator(".macplan-remove-host").click()
    expect(planner.locator(".macplan-host-status")).to_contain_text("host still has 6 networks: move or remove")
    page.screenshot(path=str(artifacts / f"planner-{name}-editing.png"), full_page=True)


def test_planner_in_jupyterlab(jupyterlab_url, page, artifacts):
    from playwright.sync_api import expect

    page.goto(f"{jupyterlab_url}/lab/tree/notebooks/10-planner.ipynb?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook")
    page.wait_for_function("() => window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel"
                           "?.status === 'idle'", timeout=90_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    planner = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .macplan-planner").first
    expect(planner).to_be_visible(timeout=90_000)
    expect(page.locator(".jp-RenderedMarkdown h2").filter(has_text="The same steps without a browser")).to_be_visible()
    _conflict_round_trip(planner, page, artifacts, "jupyterlab")
    _editing(planner, page, artifacts, "jupyterlab")


def test_planner_as_a_voila_page(voila_url, voila_root, page, artifacts):
    from playwright.sync_api import expect

    page.goto(voila_url)
    planner = page.locator(".macplan-planner").first
    expect(planner).to_be_visible(timeout=90_000)
    expect(page.locator("text=Traceback")).to_have_count(0)
    expect(page.get_by_text("It opens on the plan given to")).to_be_visible()
    expect(page.get_by_text("The same steps without a browser")).to_be_hidden()   # JupyterLab only
    _conflict_round_trip(planner, page, artifacts, "voila")
    _editing(planner, page, artifacts, "voila")
    # files: opened and saved relative to the folder the app was started in, under the file's name
    planner.get_by_text("Open a plan: file, pasted commands or YAML, or empty").click()
    planner.locator(".macplan-open-path input").fill("site.yaml")
    planner.get_by_role("button", name="Open file").click()
    expect(planner.locator(".macplan-summary")).to_contain_text("plan vlan-trunk")
    planner.get_by_role("tab", name="Save & apply").click()
    expect(planner.locator(".macplan-yaml-path input")).to_have_value("site.yaml")
    containers = planner.locator(".macplan-field-containers input")
    containers.fill("7")
    containers.press("Enter")
    expect(planner.locator(".macplan-unsaved")).to_be_visible()
    planner.get_by_role("button", name="Save plan").click()
    expect(planner.locator(".macplan-save-status")).to_contain_text(str(voila_root / "site.yaml"))
    expect(planner.locator(".macplan-unsaved")).to_have_count(0)
    assert "containers: 7" in (voila_root / "site.yaml").read_text()
    assert not (voila_root / "vlan-trunk.yaml").exists()
    planner.locator(".macplan-save-status").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "planner-voila-saved.png"), full_page=True)
