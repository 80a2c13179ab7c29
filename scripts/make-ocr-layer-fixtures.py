#!/usr/bin/env python3
"""Make scans with an old OCR program's invisible text layer, from the layout
fixtures (scripts/make-layout-fixtures.py), in fixtures/layout/:

  vastby_ks_ocrlayer_good.pdf      the true text: a layer to use as it is
  vastby_ks_ocrlayer_doubtful.pdf  the text with OCR-like confusions in two
                                   words in five: doubtful (known-word
                                   share between 0.5 and 0.85)
  vastby_ks_ocrlayer_garbage.pdf   confusions in nearly every word: a layer
                                   to reject (known-word share below 0.5)

Each page is the clean scan's 300-dpi bilevel image (vastby_ks_scan.pdf)
drawn full page, with the born-digital PDF's words (vastby_ks.pdf, read with
`pdftotext -bbox-layout`) over it in Helvetica, text render mode 3
(invisible), each word at its place and stretched (Tz) to its width, as
scanner OCR layers are written. Confusions (ä→a, rn→m, l→1, e→c, h→b,
dropped letters, ...) come from a seeded random.Random: the output is the
same on every run.

Needs python3 and poppler-utils (pdfimages, pdftotext). Run:
  python3 scripts/make-ocr-layer-fixtures.py
"""
import html
import os
import random
import re
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, "..", "fixtures", "layout")
BORN = os.path.join(DIR, "vastby_ks.pdf")
SCAN = os.path.join(DIR, "vastby_ks_scan.pdf")

# (output, share of words corrupted, seed)
VARIANTS = [
    ("vastby_ks_ocrlayer_good.pdf", 0.0, 1),
    ("vastby_ks_ocrlayer_doubtful.pdf", 0.4, 2),
    ("vastby_ks_ocrlayer_garbage.pdf", 0.9, 3),
]

# What old OCR programs read instead: (printed, read).
CONFUSIONS = [
    ("ä", "a"), ("ö", "o"), ("å", "a"), ("Ä", "A"), ("Ö", "O"), ("Å", "A"),
    ("rn", "m"), ("m", "rn"), ("l", "1"), ("l", "I"), ("i", "l"), ("e", "c"),
    ("c", "e"), ("h", "b"), ("n", "u"), ("u", "n"), ("o", "0"), ("S", "5"),
    ("t", "f"), ("a", "e"), ("g", "q"), ("d", "cl"), ("ni", "m"),
]

# Helvetica advance widths (1/1000 em) of the characters the protocol uses;
# accented letters are as wide as their base letter.
WIDTHS = dict(zip(" !\"#$%&'()*+,-./0123456789:;<=>?@", [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015]))
WIDTHS.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667,
    778, 722, 667, 611, 722, 667, 944, 667, 667, 611]))
WIDTHS.update(zip("abcdefghijklmnopqrstuvwxyz", [
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
    556, 333, 500, 278, 556, 500, 722, 500, 500, 500]))
WIDTHS.update({"[": 278, "]": 278, "_": 556, "§": 556, "–": 556, "—": 1000})
for plain, accented in [("a", "åäàá"), ("o", "öó"), ("e", "éèë"), ("u", "ü"),
                        ("A", "ÅÄ"), ("O", "Ö"), ("E", "É")]:
    for c in accented:
        WIDTHS[c] = WIDTHS[plain]

WORD = re.compile(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)</word>')


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True).stdout


def page_words(n):
    """The born-digital PDF's words on page n: (x0, y0, x1, y1, text)."""
    xhtml = run("pdftotext", "-bbox", "-enc", "UTF-8", "-f", str(n), "-l", str(n), BORN, "-").decode()
    return [(float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in WORD.findall(xhtml)]


def page_count(pdf):
    info = run("pdfinfo", pdf).decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_size(pdf, n):
    info = run("pdfinfo", "-f", str(n), "-l", str(n), pdf).decode()
    m = re.search(r"size:\s+([0-9.]+) x ([0-9.]+) pts", info)
    return float(m.group(1)), float(m.group(2))


def scan_images(tmp):
    """The clean scan's page images as (width, height, PDF 1-bit gray rows)."""
    run("pdfimages", SCAN, os.path.join(tmp, "p"))
    out = []
    for f in sorted(f for f in os.listdir(tmp) if f.endswith(".pbm")):
        data = open(os.path.join(tmp, f), "rb").read()
        m = re.match(rb"P4\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s", data)
        w, h = int(m.group(1)), int(m.group(2))
        bits = data[m.end():]
        assert len(bits) == (w + 7) // 8 * h, f
        # PBM: 1 is black; DeviceGray: 0 is black
        out.append((w, h, bits.translate(bytes(255 - i for i in range(256)))))
    return out


def corrupt(word, rnd):
    """The word as an old OCR program might have read it: one or two
    confusions, or a dropped letter where none applies."""
    for _ in range(rnd.choice([1, 1, 2])):
        found = [(p, r) for p, r in CONFUSIONS if p in word]
        if found and rnd.random() < 0.85:
            p, r = rnd.choice(found)
            at = [m.start() for m in re.finditer(re.escape(p), word)]
            i = rnd.choice(at)
            word = word[:i] + r + word[i + len(p):]
        elif len(word) > 3:
            i = rnd.randrange(1, len(word) - 1)
            word = word[:i] + word[i + 1:]
    return word


def pdf_string(s):
    out = []
    for b in s.encode("cp1252", errors="replace"):
        if b in b"()\\":
            out.append("\\" + chr(b))
        elif 32 <= b < 127:
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return "(" + "".join(out) + ")"


def text_layer(words, page_h, share, rnd):
    """Content-stream operators for the invisible words."""
    ops = ["BT", "3 Tr"]
    for x0, y0, x1, y1, t in words:
        if share and sum(c.isalpha() for c in t) >= 2 and rnd.random() < share:
            t = corrupt(t, rnd)
        size = (y1 - y0) / 1.15
        natural = sum(WIDTHS.get(c, 556) for c in t) * size / 1000
        tz = 100 * (x1 - x0) / natural if natural > 0 else 100
        base = page_h - y1 + 0.21 * size
        ops.append(f"/F1 {size:.2f} Tf {tz:.1f} Tz 1 0 0 1 {x0:.2f} {base:.2f} Tm {pdf_string(t)} Tj")
    ops.append("ET")
    return "\n".join(ops)


def write_pdf(path, pages):
    """pages: (width pt, height pt, image (w, h, bits), text operators)."""
    objs = []  # object i + 1

    def add(body):
        objs.append(body)
        return len(objs)

    catalog = add(None)
    tree = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for pw, ph, (w, h, bits), text in pages:
        data = zlib.compress(bits, 9)
        img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                  b"/BitsPerComponent 1 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(data))
                  + data + b"\nendstream")
        content = (f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q\n{text}\n").encode("latin-1")
        cdata = zlib.compress(content, 9)
        cs = add(b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(cdata) + cdata + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] "
                        f"/Resources << /XObject << /Im0 {img} 0 R >> /Font << /F1 {font} 0 R >> >> "
                        f"/Contents {cs} 0 R >>".encode()))
    objs[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    objs[tree - 1] = (f"<< /Type /Pages /Count {len(kids)} /Kids ["
                      + " ".join(f"{k} 0 R" for k in kids) + "] >>").encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)


def main():
    n = page_count(BORN)
    assert n == page_count(SCAN)
    with tempfile.TemporaryDirectory() as tmp:
        images = scan_images(tmp)
    assert len(images) == n
    words = [page_words(i + 1) for i in range(n)]
    sizes = [page_size(SCAN, i + 1) for i in range(n)]
    for name, share, seed in VARIANTS:
        rnd = random.Random(seed)
        pages = [(pw, ph, images[i], text_layer(words[i], ph, share, rnd))
                 for i, (pw, ph) in enumerate(sizes)]
        path = os.path.join(DIR, name)
        write_pdf(path, pages)
        print(name, os.path.getsize(path))


if __name__ == "__main__":
    sys.exit(main())
