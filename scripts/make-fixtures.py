#!/usr/bin/env python3
"""Regenerate the scanned fixtures in fixtures/scans/ from the known texts in
fixtures/scans/src/. Deterministic (fixed random seeds).

Needs: python3-pil (or `pip install pillow`), img2pdf, tesseract-ocr (for the
text-layer PDF) and fonts-dejavu-core. Run: python3 scripts/make-fixtures.py

Outputs (each a few hundred KB at most):
  ks_clean.pdf      2 pages, 300 DPI bilevel page images (Flate, 1 bit)
  bn_skewed.pdf     1 page, 200 DPI gray JPEG, rotated 2.5 degrees
  bn_noisy.pdf      1 page, 200 DPI gray JPEG, grey paper + heavy speckle
  ks_scan.tif       2-page TIFF, 200 DPI bilevel (PackBits)
  bn_page.png       1 page, 200 DPI gray PNG
  ks_textlayer.pdf  1 page image + text layer (Tesseract's PDF renderer)
and bad inputs in fixtures/bad/ (needs qpdf for the encrypted one):
  empty.pdf, corrupt.pdf, encrypted.pdf, png_named.pdf, bomb.png,
  archive.docx, truncated.png
"""
import os, random, struct, subprocess, sys, tempfile, zipfile, zlib
from PIL import Image, ImageDraw, ImageFont, ImageFilter

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "scans")
SRC = os.path.join(ROOT, "src")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


def render(text, dpi, pt=10.5):
    """A4 page(s) of text; lines starting with '§' or all caps are bold."""
    w, h = int(8.27 * dpi), int(11.69 * dpi)
    size = int(pt * dpi / 72)
    font, bold = ImageFont.truetype(FONT, size), ImageFont.truetype(BOLD, size)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    x, y = int(0.9 * dpi), int(0.8 * dpi)
    for line in text.splitlines():
        f = bold if line.startswith("§") or (line.isupper() and line.strip()) else font
        d.text((x, y), line, font=f, fill=0)
        y += int(size * 1.45)
    return img


def bilevel(img):
    return img.point(lambda p: 255 if p > 128 else 0).convert("1")


def img2pdf(images, out, fmt, dpi):
    with tempfile.TemporaryDirectory() as t:
        files = []
        for i, im in enumerate(images):
            p = os.path.join(t, f"p{i}.{fmt}")
            if fmt == "jpg":
                im.save(p, quality=80, dpi=(dpi, dpi))
            else:
                im.save(p, dpi=(dpi, dpi))
            files.append(p)
        subprocess.run(["img2pdf", "--output", out, *files], check=True)


def noisy(img, seed):
    rnd = random.Random(seed)
    img = img.point(lambda p: 215 if p > 128 else 40)  # grey paper, grey ink
    px = img.load()
    w, h = img.size
    for _ in range(int(w * h * 0.06)):  # salt and pepper speckle
        x, y = rnd.randrange(w), rnd.randrange(h)
        px[x, y] = 0 if rnd.random() < 0.6 else 255
    return img.filter(ImageFilter.GaussianBlur(0.4))


def main():
    ks = [open(os.path.join(SRC, f), encoding="utf-8").read()
          for f in ("ks_2021-03-09.txt", "ks_2021-03-09_p2.txt")]
    bn = open(os.path.join(SRC, "bn_1998-10-14.txt"), encoding="utf-8").read()

    pages300 = [bilevel(render(t, 300)) for t in ks]
    img2pdf(pages300, os.path.join(ROOT, "ks_clean.pdf"), "png", 300)

    bn200 = render(bn, 200).crop((0, 0, int(8.27 * 200), int(5.5 * 200)))
    skew = bn200.rotate(2.5, resample=Image.BILINEAR, expand=False, fillcolor=255)
    img2pdf([skew], os.path.join(ROOT, "bn_skewed.pdf"), "jpg", 200)
    img2pdf([noisy(bn200, 7)], os.path.join(ROOT, "bn_noisy.pdf"), "jpg", 200)

    tif = [bilevel(render(t, 200)) for t in ks]
    tif[0].save(os.path.join(ROOT, "ks_scan.tif"), save_all=True, append_images=tif[1:],
                compression="packbits", dpi=(200, 200))
    bn200.save(os.path.join(ROOT, "bn_page.png"), dpi=(200, 200), optimize=True)

    with tempfile.TemporaryDirectory() as t:
        p = os.path.join(t, "page.png")
        pages300[1].save(p, dpi=(300, 300))
        subprocess.run(["tesseract", p, os.path.join(t, "out"), "-l", "swe+eng", "pdf"],
                       check=True, capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        os.replace(os.path.join(t, "out.pdf"), os.path.join(ROOT, "ks_textlayer.pdf"))
    bad_inputs()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bad_inputs():
    bad = os.path.join(ROOT, "..", "bad")
    os.makedirs(bad, exist_ok=True)
    open(os.path.join(bad, "empty.pdf"), "wb").close()
    with open(os.path.join(bad, "corrupt.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a PDF body\n%%EOF\n")
    src = os.path.join(ROOT, "bn_page.png")
    with open(src, "rb") as f, open(os.path.join(bad, "png_named.pdf"), "wb") as g:
        g.write(f.read())
    # A valid PNG header declaring 100000 x 100000 pixels: 10 gigapixels.
    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1000)
    with open(os.path.join(bad, "bomb.png"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b""))
    with open(src, "rb") as f:
        data = f.read()
    with open(os.path.join(bad, "truncated.png"), "wb") as g:
        g.write(data[: len(data) // 3])
    with zipfile.ZipFile(os.path.join(bad, "archive.docx"), "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    subprocess.run(["qpdf", "--encrypt", "secret", "owner-secret", "256", "--",
                    os.path.join(ROOT, "ks_textlayer.pdf"), os.path.join(bad, "encrypted.pdf")], check=True)


if __name__ == "__main__":
    sys.exit(main())
