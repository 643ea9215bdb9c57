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


def test_planner_in_jupyterlab(jupyterlab_url, page, artifacts):
    from playwright.sync_api import expect

    page.goto(f"{jupyterlab_url}/lab/tree/notebooks/10-planner.ipynb?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook")
    page.wait_for_function("() => window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel"
                           "?.status === 'idle'", timeout=90_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    planner = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .macplan-planner").first
    expect(planner).to_be_visible(timeout=90_000)
    _conflict_round_trip(planner, page, artifacts, "jupyterlab")


def test_planner_as_a_voila_page(voila_url, page, artifacts):
    from playwright.sync_api import expect

    page.goto(voila_url)
    planner = page.locator(".macplan-planner").first
    expect(planner).to_be_visible(timeout=90_000)
    expect(page.locator("text=Traceback")).to_have_count(0)
    _conflict_round_trip(planner, page, artifacts, "voila")
