"""axe-core, the standard accessibility checker (npm package, pinned in site/package.json), run
in a Playwright page: used on the course website (test_site.py) and in JupyterLab (test_a11y.py).

The script is injected from site/node_modules, so checking a page sends no request anywhere.
Serious and critical violations fail the tests; every violation goes into a report in
test-artifacts/a11y/.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "site" / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = ROOT / "test-artifacts" / "a11y"
FAILING_IMPACTS = ("serious", "critical")

_RUN = """
async (selectors) => {
  const context = selectors ? {include: selectors.map(s => [s])} : document;
  const results = await axe.run(context, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}
"""


def run_axe(page, selectors: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page, or within the elements the CSS `selectors` pick."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(_RUN, selectors)


def failing(violations: list[dict], known: dict[str, str] | None = None) -> list[str]:
    """One line per serious or critical violation, with the elements it was found on.

    `known` maps a rule to a text in the element's selector for upstream problems that the
    course cannot fix where it is checked (each is named in the report, not failed).
    """
    known = known or {}
    lines = []
    for v in violations:
        nodes = [node["target"] for node in v["nodes"]
                 if not (v["id"] in known and known[v["id"]] in node["target"])]
        if v["impact"] in FAILING_IMPACTS and nodes:
            lines.append(f"{v['impact']} {v['id']} ({v['help']}) on " + "; ".join(nodes[:5]))
    return lines


def write_report(name: str, results: dict[str, list[dict]]) -> Path:
    """Every violation found, page by page, as JSON and as a short Markdown summary."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    path = REPORTS / f"{name}.json"
    path.write_text(json.dumps(results, indent=1), encoding="utf-8")
    lines = [f"# axe-core report: {name}", ""]
    for page, violations in results.items():
        lines.append(f"## {page}: {len(violations)} kinds of violation")
        lines += [f"- {v['impact']}: {v['id']} ({len(v['nodes'])} elements): {v['help']}"
                  for v in violations]
        lines.append("")
    (REPORTS / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")
    return path
