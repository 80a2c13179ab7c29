#!/usr/bin/env python3
"""Estimate the OCR confusion model from synthetic pairs made by synth_ocr.py.

usage: estimate_confusions.py SYNTH_DIR OUT_confusions.tsv HELDOUT_PREFIX
Uses only pages whose index % 5 != 0; pages with index % 5 == 0 are written
to HELDOUT_PREFIX.{gold,noisy}.txt (pages separated by form feeds) for
evaluation.  Output rows: gold_segment<TAB>ocr_segment<TAB>count<TAB>gold_total,
where count is how often the gold segment was read as the OCR segment and
gold_total how often the gold segment occurs in the aligned gold words.
Needs: pip install rapidfuzz
"""
import collections, glob, os, re, sys, unicodedata
from rapidfuzz.distance import Levenshtein

synth, out, heldout = sys.argv[1], sys.argv[2], sys.argv[3]
pairs = collections.Counter()
aligned_gold_words = []
held_gold, held_noisy = [], []
for gp in sorted(glob.glob(os.path.join(synth, "p*.gold.txt"))):
    idx = int(os.path.basename(gp)[1:4])
    op = gp.replace(".gold.txt", ".ocr.txt")
    gold = unicodedata.normalize("NFC", open(gp, encoding="utf-8").read())
    ocr = unicodedata.normalize("NFC", open(op, encoding="utf-8").read())
    if idx % 5 == 0:
        held_gold.append(gold.strip() + "\n")
        held_noisy.append(re.sub(r"\n\n+", "\n", ocr).strip() + "\n")
        continue
    gw, ow = gold.split(), ocr.split()
    for o in Levenshtein.opcodes(gw, ow):
        if o.tag == "equal":
            aligned_gold_words.extend(gw[o.src_start:o.src_end])
        elif o.tag == "replace" and o.src_end - o.src_start == o.dest_end - o.dest_start:
            for g, n in zip(gw[o.src_start:o.src_end], ow[o.dest_start:o.dest_end]):
                if Levenshtein.distance(g, n) > max(2, len(g) // 2):
                    continue  # not the same word: segmentation trouble
                aligned_gold_words.append(g)
                seg_g, seg_n = "", ""
                for c in Levenshtein.opcodes(g, n):
                    if c.tag == "equal":
                        if seg_g or seg_n:
                            pairs[(seg_g, seg_n)] += 1
                            seg_g, seg_n = "", ""
                    else:
                        seg_g += g[c.src_start:c.src_end]
                        seg_n += n[c.dest_start:c.dest_end]
                if seg_g or seg_n:
                    pairs[(seg_g, seg_n)] += 1
text = "\n".join(aligned_gold_words)
with open(out, "w", encoding="utf-8") as f:
    f.write("# gold\tocr\tcount\tgold_total  (from synth_ocr.py + estimate_confusions.py)\n")
    for (g, n), c in sorted(pairs.items(), key=lambda kv: -kv[1]):
        if c < 2 or len(g) > 3 or len(n) > 3 or not g:
            continue
        total = text.count(g)
        f.write(f"{g}\t{n}\t{c}\t{max(total, c)}\n")
with open(heldout + ".gold.txt", "w", encoding="utf-8") as f:
    f.write("\f".join(held_gold))
with open(heldout + ".noisy.txt", "w", encoding="utf-8") as f:
    f.write("\f".join(held_noisy))
print(len(aligned_gold_words), "aligned words,", sum(pairs.values()), "edits", file=sys.stderr)
