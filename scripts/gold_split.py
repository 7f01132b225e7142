"""Lay out the gold answers as two folders, dev/ and unseen/, for `delib eval`.

    python scripts/gold_split.py OUT_DIR

The gold files are data/gold/*.json and ../shared/corpus2/gold/*.json; the collectivité
of a file is the part of its source file name before the first « _ », and
data/gold/split.txt says which collectivités are dev and which unseen. The folders
hold symbolic links, so the answers stay where they are kept.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIRS = [ROOT / "data" / "gold", ROOT.parent / "shared" / "corpus2" / "gold"]


def main(out: Path) -> None:
    side = {}
    for line in (ROOT / "data" / "gold" / "split.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            part, names = line.split(":", 1)
            side.update({name: part.strip() for name in names.split()})
    for part in ("dev", "unseen"):
        (out / part).mkdir(parents=True, exist_ok=True)
        for old in (out / part).glob("*.json"):
            old.unlink()
    for folder in GOLD_DIRS:
        for gold in sorted(folder.glob("*.json")):
            collectivite = json.loads(gold.read_text(encoding="utf-8"))["source"].split("_")[0]
            if collectivite not in side:
                sys.exit(f"{gold}: collectivité {collectivite!r} is in neither part of split.txt")
            (out / side[collectivite] / gold.name).symlink_to(gold)
    for part in ("dev", "unseen"):
        print(f"{part}: {len(list((out / part).glob('*.json')))} gold files in {out / part}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
