#!/usr/bin/env python3
"""Make synthetic OCR pairs: render clean Swedish (UD Talbanken) as page images
and OCR them with Tesseract *without* Swedish data (`-l eng`), the way many
archive scans were made.  Writes, per page, the gold text and the OCR text.

usage: synth_ocr.py TALBANKEN_DIR OUT_DIR
Pages whose index % 5 == 0 are the held-out evaluation set (never used to
estimate confusion weights); the rest are for estimation.
Needs: pillow, fonts-dejavu-core, tesseract-ocr (eng).
"""
import glob, os, random, subprocess, sys, textwrap
from PIL import Image, ImageDraw, ImageFont, ImageFilter

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
sents = []
for path in sorted(glob.glob(os.path.join(src, "*.conllu"))):
    for line in open(path, encoding="utf-8"):
        if line.startswith("# text = "):
            sents.append(line[len("# text = "):].strip())
rng = random.Random(42)
FONTS = ["DejaVuSerif.ttf", "DejaVuSans.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerifCondensed.ttf"]
FONTDIR = "/usr/share/fonts/truetype/dejavu/"
PER_PAGE = 28
pages = [sents[i:i + PER_PAGE] for i in range(0, len(sents), PER_PAGE)]
for pi, page in enumerate(pages):
    gold_path = os.path.join(out, f"p{pi:03d}.gold.txt")
    ocr_path = os.path.join(out, f"p{pi:03d}.ocr.txt")
    if os.path.exists(ocr_path):
        continue
    font = ImageFont.truetype(FONTDIR + FONTS[pi % len(FONTS)], rng.choice([26, 28, 30, 32]))
    lines = []
    for s in page:
        lines.extend(textwrap.wrap(s, 70))
    h = 60 + 44 * len(lines)
    img = Image.new("L", (1900, h), 255)
    d = ImageDraw.Draw(img)
    for li, l in enumerate(lines):
        d.text((60, 30 + 44 * li), l, font=font, fill=0)
    # degrade like a poor scan: downsample, blur, threshold noise
    scale = rng.choice([0.55, 0.6, 0.65, 0.7])
    img = img.resize((int(img.width * scale), int(img.height * scale)), Image.BILINEAR)
    img = img.filter(ImageFilter.GaussianBlur(rng.choice([0.4, 0.6, 0.8])))
    img = img.resize((int(img.width / scale), int(img.height / scale)), Image.BILINEAR)
    png = os.path.join(out, f"p{pi:03d}.png")
    img.save(png)
    subprocess.run(["tesseract", png, ocr_path[:-4], "-l", "eng", "--psm", "6"],
                   check=True, capture_output=True)
    os.remove(png)
    with open(gold_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(pi, len(pages), flush=True)
