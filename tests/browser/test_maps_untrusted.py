"""The address maps' hover text in a notebook that is only opened, never run nor trusted.

JupyterLab sanitizes the HTML of an untrusted notebook: inline <svg> goes, and a <map> loses
its name and id (so an image map no longer works); viz.py lays <span title> boxes over the
image instead, which pass. The test opens notebook 02 as stored, finds a cell of the map, and asks the browser what
is under the mouse there (a native tooltip is not painted in a headless screenshot, so the test
writes the title it found on the page before taking the picture).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_map_hover_text_without_trust(jupyterlab_url, page, artifacts):
    from playwright.sync_api import expect

    page.goto(f"{jupyterlab_url}/lab/tree/notebooks/02-bridge-mode.ipynb?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook")
    expect(page.locator(".jp-OutputArea-output .macplan-map").first).to_be_visible()
    trusted = page.evaluate("() => { const cells = window.jupyterapp.shell.currentWidget.content.model.cells;"
                            " const out = []; for (let i = 0; i < cells.length; i++) {"
                            " const c = cells.get(i); if (c.type === 'code') out.push(c.trusted); } return out; }")
    assert trusted and not any(trusted)
    figure = page.locator(".jp-OutputArea-output .macplan-map").first
    expect(figure).to_be_visible()
    figure.scroll_into_view_if_needed()
    box = figure.bounding_box()
    cell = figure.locator("span[title]").nth(2)
    tip = cell.get_attribute("title")
    cbox = cell.bounding_box()
    assert 15 <= cbox["width"] <= 17 and 15 <= cbox["height"] <= 17, "the sanitizer dropped the boxes' style"
    px, py = cbox["x"] + cbox["width"] / 2, cbox["y"] + cbox["height"] / 2
    page.mouse.move(px, py)
    under = page.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y);"
                          " return [e.tagName, e.getAttribute('title')]; }", [px, py])
    assert under == ["SPAN", tip] and tip.startswith("172.16.86.2 ")
    page.evaluate("""([x, y, t]) => { const d = document.createElement('div'); d.textContent = t;
        d.style.cssText = `position:fixed;left:${x + 12}px;top:${y + 14}px;background:#ffffe1;`
          + 'border:1px solid #777;font:12px sans-serif;padding:2px 5px;z-index:99999';
        document.body.appendChild(d); }""", [px, py, "title under the mouse: " + tip])
    page.screenshot(path=str(artifacts / "map-hover-untrusted.png"),
                    clip={"x": max(box["x"] - 20, 0), "y": max(box["y"] - 20, 0), "width": 700, "height": 420})


def test_planner_notebook_not_run_says_how_to_get_the_planner(jupyterlab_url, page, artifacts):
    from playwright.sync_api import expect

    page.goto(f"{jupyterlab_url}/lab/tree/notebooks/10-planner.ipynb?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(panel.locator(".jp-RenderedMarkdown").filter(has_text="No planner above, only a line of text?")
           ).to_be_visible()
    expect(panel.locator(".jp-RenderedMarkdown").filter(has_text="It opens on the plan given to")).to_be_visible()
    expect(panel.get_by_text("nbval")).to_have_count(0)
    expect(panel.get_by_text("widget-001")).to_have_count(0)
    page.screenshot(path=str(artifacts / "planner-notebook-not-run.png"))
