"""Write a synthetic corpus of N articles for scale benchmarks.

Each article is one of the sources in data/sources with its digits replaced by random digits
(a number keeps its shape: length, separators, a leading non-zero digit stays non-zero), from a
fixed seed, so the same N and seed give the same files. A manifest.toml with each file's
sha256 is written next to them.

    python benchmarks/make_corpus.py 1000 --out build/corpus-1000 --seed 0
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.sources.manifest import read_manifest  # noqa: E402

SOURCES = ROOT / "data" / "sources"
_DIGITS = re.compile(r"\d+")
# Manifest fields copied from the source each article is made from.
COPIED = ("outlet", "attributed_to", "url", "language", "published", "date_precision",
          "date_source", "date_rule", "date_note")


def perturb(text: str, rng: random.Random) -> str:
    """Replace every digit by a random one; a run's first digit stays non-zero if it was."""
    def swap(m: re.Match) -> str:
        run = m.group()
        first = str(rng.randint(1, 9)) if run[0] != "0" else "0"
        return first + "".join(str(rng.randint(0, 9)) for _ in run[1:])
    return _DIGITS.sub(swap, text)


def toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_corpus(n: int, out: Path, seed: int = 0) -> Path:
    """Write n perturbed articles and their manifest into `out` (created); return `out`."""
    rng = random.Random(seed)
    entries = read_manifest(SOURCES)
    texts = {e.id: (SOURCES / e.file).read_bytes().decode("utf-8") for e in entries}
    out.mkdir(parents=True, exist_ok=True)
    manifest = ["# Synthetic corpus: the sources with their digits perturbed (benchmarks/make_corpus.py)."]
    for i in range(n):
        source = entries[i % len(entries)]
        ident = f"a{i:06d}-{source.id}"
        data = perturb(texts[source.id], rng).encode("utf-8")
        (out / f"{ident}.txt").write_bytes(data)
        fields = {"id": ident, "file": f"{ident}.txt", "sha256": hashlib.sha256(data).hexdigest()}
        # A title with digits would no longer match its perturbed first line: let the loader
        # take the first line instead.
        if not _DIGITS.search(source.title):
            fields["title"] = source.title
        fields.update({k: getattr(source, k) for k in COPIED})
        manifest.append("\n[[article]]")
        manifest.extend(f"{k} = {toml_string(v)}" for k, v in fields.items())
    (out / "manifest.toml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--out", type=Path, default=None, help="folder (default build/corpus-N)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    out = make_corpus(args.n, args.out or ROOT / "build" / f"corpus-{args.n}", args.seed)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
