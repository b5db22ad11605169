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
async (selector) => {
  const context = selector ? document.querySelector(selector) : document;
  const results = await axe.run(context, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}
"""


def run_axe(page, selector: str | None = None) -> list[dict]:
    """axe-core's violations on the page (or within the element `selector` picks)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(_RUN, selector)


def failing(violations: list[dict]) -> list[str]:
    """One line per serious or critical violation, with the elements it was found on."""
    return [f"{v['impact']} {v['id']} ({v['help']}) on "
            + "; ".join(node["target"] for node in v["nodes"][:5])
            for v in violations if v["impact"] in FAILING_IMPACTS]


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
