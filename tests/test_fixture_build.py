"""The committed demo fixture is exactly what fixtures/build.py produces from fixtures/sources/."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_committed_fixture_is_what_the_build_script_writes(tmp_path):
    output = tmp_path / "erqi.json"

    subprocess.run(
        [sys.executable, str(ROOT / "fixtures" / "build.py"), "--output", str(output)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )

    committed = (ROOT / "fixtures" / "erqi.json").read_bytes()
    assert output.read_bytes() == committed, "run `make fixture` and commit fixtures/erqi.json"


def test_the_build_writes_one_object_per_line_without_timestamps_of_the_build(tmp_path):
    lines = (ROOT / "fixtures" / "erqi.json").read_text(encoding="utf-8").splitlines()

    assert lines[0] == "[" and lines[-1] == "]"
    assert all(line.startswith('{"model":"services.') for line in lines[1:-1])
    stamps = {line.split('"updated_at":"')[1][:20] for line in lines if '"updated_at":"' in line}
    assert len(stamps) == 1
