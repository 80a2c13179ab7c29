#!/usr/bin/env python3
"""Write a deterministic large text input for BENCHMARKS.md's peak memory
figures.

  python3 scripts/make-big-text.py protocols OUT.txt [--mb 100]
      The bundled protocol texts (fixtures/text/, fixtures/segment/)
      repeated until OUT.txt holds --mb megabytes (10^6 bytes): one long
      document of real meeting-protocol text, no form feeds (one page).
  python3 scripts/make-big-text.py garbage OUT.txt [--words 1000000]
      --words distinct made-up words of 6-12 lower-case letters (a fixed
      seed), ten to a line: nothing the dictionary knows, nothing repeated,
      the worst case for the repair stage's per-word work.
"""
import argparse, glob, os, random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def protocols(out, mb):
    texts = [open(p, encoding="utf-8").read().rstrip("\n") + "\n\n"
             for p in sorted(glob.glob(os.path.join(ROOT, "text", "*.txt"))
                             + glob.glob(os.path.join(ROOT, "segment", "*.txt")))]
    block = "".join(texts).replace("\f", "\n").encode("utf-8")
    target = mb * 1_000_000
    with open(out, "wb") as f:
        written = 0
        while written + len(block) <= target:
            f.write(block)
            written += len(block)
        f.write(block[: target - written].decode("utf-8", "ignore").encode("utf-8"))


def garbage(out, words):
    rng = random.Random(13)
    seen = set()
    letters = "abcdefghijklmnopqrstuvwxyzåäö"
    with open(out, "w", encoding="utf-8") as f:
        line = []
        while len(seen) < words:
            w = "".join(rng.choice(letters) for _ in range(rng.randint(6, 12)))
            if w in seen:
                continue
            seen.add(w)
            line.append(w)
            if len(line) == 10:
                f.write(" ".join(line) + "\n")
                line = []
        if line:
            f.write(" ".join(line) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=["protocols", "garbage"])
    ap.add_argument("out")
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--words", type=int, default=1_000_000)
    a = ap.parse_args()
    if a.kind == "protocols":
        protocols(a.out, a.mb)
    else:
        garbage(a.out, a.words)


if __name__ == "__main__":
    main()
