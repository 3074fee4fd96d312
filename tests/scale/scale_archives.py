"""Archives built from the bundled sample corpus, for the archive-run tests."""

from __future__ import annotations

import json
from pathlib import Path

import skyledger.resources

SAMPLE = Path(skyledger.resources.__file__).parent / "sample"


def write_archive(folder: Path, copies: int = 1, bad: bool = False) -> Path:
    """The sample corpus (``copies`` times, each copy's ids made its own) as one JSONL
    archive; ``bad`` puts a malformed line and a line that is no UTF-8 among them."""
    lines: list[bytes] = []
    for copy in range(copies):
        for name in ("airforce.jsonl", "news.jsonl"):
            for line in (SAMPLE / name).read_text(encoding="utf-8").splitlines():
                obj = json.loads(line)
                if copy:
                    obj["id"] = f"{obj['id']}~{copy}"
                lines.append(json.dumps(obj, ensure_ascii=False).encode())
    if bad:
        lines.insert(3, b'{"id": "broken", "text": ')
        lines.insert(9, b'{"id": "latin1", "text": "caf\xe9"}')
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "archive.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path
