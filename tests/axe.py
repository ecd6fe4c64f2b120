"""axe-core's accessibility check, run inside a Playwright page: `axe_violations(page) -> list`.

axe-core comes from npm (package.json; `make node_modules` installs it into node_modules/), and
is injected from that file: nothing is fetched at run time. A missing file fails the test
loudly rather than passing a page that was never checked.
"""

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, *, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")):
    """The violations axe-core finds on the page as it is now, each as axe's dict
    (id, impact, help, nodes…). `tags` picks the rule sets, WCAG 2.1 AA and best practice."""
    if not AXE.exists():
        raise RuntimeError(f"axe-core is missing at {AXE}: run `make node_modules` (npm install)")
    # Evaluated through the DevTools protocol, not added as a <script>: a page's strict
    # Content-Security-Policy (no inline scripts) would block the tag, not this.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations",
        list(tags),
    )


def describe(violations):
    """One line per violation and element, for a readable assertion message."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {node['target']}"
        for v in violations
        for node in v["nodes"]
    )
