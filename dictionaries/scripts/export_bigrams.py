#!/usr/bin/env python3
"""Export word-pair counts from UD Talbanken (CC-BY-SA-4.0) for the repair
stage's context model: lines "w1 w2<TAB>count" (pairs seen at least twice; <s> and </s> mark
sentence start and end) and
"w<TAB>count" (unigrams seen at least twice), lowercase, letters only.

Sentences on the synthetic held-out pages (synth_ocr.py: 28 sentences a page,
page index % 5 == 0) are left out so the held-out evaluation stays unseen.
usage: export_bigrams.py TALBANKEN_DIR OUT.tsv
"""
import collections, glob, os, sys, unicodedata

src, out = sys.argv[1], sys.argv[2]
PER_PAGE = 28
uni, bi = collections.Counter(), collections.Counter()
si = 0
for path in sorted(glob.glob(os.path.join(src, "*.conllu"))):
    toks = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# text = "):
            held = (si // PER_PAGE) % 5 == 0
            si += 1
            toks = []
        elif not line:
            if not held:
                words = [unicodedata.normalize("NFC", t.lower()) if t.isalpha() else None for t in toks]
                # sentence boundaries: <s> before the first word, </s> after the last
                while toks and not toks[-1].isalpha() and toks[-1] in ".!?":
                    toks, words = toks[:-1], words[:-1]
                words = ["<s>"] + words + ["</s>"]
                uni["<s>"] += 1
                uni["</s>"] += 1
                for w in words[1:-1]:
                    if w:
                        uni[w] += 1
                for a, b in zip(words, words[1:]):
                    if a and b:
                        bi[(a, b)] += 1
            toks = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" not in cols[0] and "." not in cols[0]:
                toks.append(cols[1])
with open(out, "w", encoding="utf-8") as f:
    for w, c in sorted(uni.items()):
        if c >= 2:
            f.write(f"{w}\t{c}\n")
    for (a, b), c in sorted(bi.items()):
        if c >= 2:
            f.write(f"{a} {b}\t{c}\n")
