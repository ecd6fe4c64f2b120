"""fixtures/build_help.py is deterministic: it writes exactly the committed fixtures/help/erqi.json.

When this fails after a change to the demo catalogue (fixtures/erqi.json), run `make fixture`
(it rebuilds both) and commit the result.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_builder_writes_the_committed_help_demo(tmp_path):
    output = tmp_path / "erqi.json"
    result = subprocess.run(
        [sys.executable, "fixtures/build_help.py", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )

    assert result.returncode == 0, result.stderr
    committed = (ROOT / "fixtures" / "help" / "erqi.json").read_bytes()
    assert output.read_bytes() == committed, "run `make fixture` and commit fixtures/help/erqi.json"
