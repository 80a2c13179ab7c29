#!/usr/bin/env python3
"""Regenerate the layout fixtures in fixtures/layout/: an invented municipal
protocol laid out like the real templates, in three forms, plus its
transcription without page furniture.

The protocol is written as HTML + CSS (one A4 <div> per page, so every page
has its own running header "VÄSTBY KOMMUN / SAMMANTRÄDESPROTOKOLL /
Sammanträdesdatum / Sida N (4)" and footer "Justerandes sign |
Utdragsbestyrkande"), printed with headless Chromium and rasterised with
pdftoppm. Page 1 has the label/value table (a wrapped label "Justeringens
plats och tid") and the ruled ANSLAG/BEVIS box; § markers carry the Dnr at
the right margin; page 2 has a ruled vote table; page 3 a two-column member
list. Every person and body is invented.

Outputs (deterministic: fixed seeds; Chromium's PDF differs only in dates):
  vastby_ks.pdf         born digital (Chromium's text layer)
  vastby_ks_scan.pdf    clean scan: 300 dpi bilevel page images, no text
  vastby_ks_worn.pdf    degraded scan: 200 dpi gray JPEG, grey paper, noise,
                        blur, skew; page 2 turned 90°, page 3 180°, page 4 270°
  vastby_ks.gold.txt    the body text in reading order, pages separated by
                        a form feed, without running headers, footers and
                        page numbers

Needs: chromium, poppler-utils, img2pdf, python3-pil, fonts-liberation
(scripts/setup-fixtures.sh installs them). Run: python3 scripts/make-layout-fixtures.py
"""
import html, io, os, random, subprocess, sys, tempfile
from PIL import Image, ImageFilter

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "layout")
PAGES = 4
DATE = "2024-03-12"

CSS = """
@page { size: A4; margin: 0 }
* { box-sizing: border-box }
body { margin: 0; font-family: 'Liberation Serif', serif; font-size: 11.5pt; line-height: 1.35 }
.page { width: 210mm; height: 297mm; padding: 14mm 22mm 12mm 25mm; position: relative;
        page-break-after: always; overflow: hidden }
.hdr { display: flex; justify-content: space-between; border-bottom: 1.2pt solid #000;
       padding-bottom: 2mm; margin-bottom: 9mm; font-family: 'Liberation Sans', sans-serif; font-size: 10pt }
.hdr b { font-size: 12pt }
.ftr { position: absolute; left: 25mm; right: 22mm; bottom: 12mm; border-top: 0.8pt solid #000;
       padding-top: 1.5mm; font-family: 'Liberation Sans', sans-serif; font-size: 8.5pt;
       display: flex; justify-content: space-between }
.ftr span { width: 45% }
h1 { font-family: 'Liberation Sans', sans-serif; font-size: 15pt; margin: 0 0 1mm 0 }
h2 { font-family: 'Liberation Sans', sans-serif; font-size: 12pt; margin: 7mm 0 2mm 0;
     display: flex; justify-content: space-between }
h2 .dnr { font-weight: normal; font-size: 10pt }
p { margin: 0 0 2.5mm 0 }
.lv { display: grid; grid-template-columns: 42mm 1fr; column-gap: 8mm; row-gap: 3.5mm; margin: 6mm 0 }
.lv .l { font-family: 'Liberation Sans', sans-serif; font-weight: bold; font-size: 10.5pt }
table.ruled { border-collapse: collapse; margin: 4mm 0 5mm 0; font-size: 10.5pt }
table.ruled td, table.ruled th { border: 1pt solid #000; padding: 1.6mm 3mm; text-align: left; vertical-align: top }
.two { display: grid; grid-template-columns: 62mm 62mm; column-gap: 20mm; margin: 3mm 0 4mm 0 }
.two div { margin-bottom: 1mm }
.sign { display: grid; grid-template-columns: 70mm 70mm; column-gap: 15mm; row-gap: 12mm; margin-top: 12mm }
"""


def esc(s):
    return html.escape(s, quote=False)


class Doc:
    """HTML pages and the gold transcription, built side by side."""

    def __init__(self):
        self.pages = []
        self.gold = []
        self.body = []
        self.lines = []

    def p(self, text):
        self.body.append(f"<p>{esc(text)}</p>")
        self.lines.append(text)

    def h1(self, text):
        self.body.append(f"<h1>{esc(text)}</h1>")
        self.lines.append(text)

    def section(self, num, title, dnr):
        self.body.append(f'<h2><span>§ {num} {esc(title)}</span><span class="dnr">Dnr {esc(dnr)}</span></h2>')
        self.lines.append(f"§ {num} {title} Dnr {dnr}")

    def label_values(self, rows):
        """Label/value rows: each value a list of lines."""
        cells = []
        for label, values in rows:
            cells.append(f'<div class="l">{esc(label)}</div><div>{"<br>".join(esc(v) for v in values)}</div>')
            self.lines.append(f"{label} {values[0]}")
            self.lines.extend(values[1:])
        self.body.append(f'<div class="lv">{"".join(cells)}</div>')

    def ruled(self, rows, widths):
        out = []
        for r in rows:
            tds = "".join(f'<td style="width:{w}mm">{"<br>".join(esc(x) for x in c.split(chr(10)))}</td>' for c, w in zip(r, widths))
            out.append(f"<tr>{tds}</tr>")
            # a cell's line that starts in lower case continues the line above
            cells = [c.replace("\n", " ") if c.split("\n")[-1][:1].islower() else c for c in r if c.strip()]
            first = [c.split("\n")[0] for c in cells]
            self.lines.append(" ".join(first))
            for c in cells:
                self.lines.extend(c.split("\n")[1:])
        self.body.append(f'<table class="ruled">{"".join(out)}</table>')

    def two_columns(self, left, right):
        col = lambda xs: "<div>" + "".join(f"<div>{esc(x)}</div>" for x in xs) + "</div>"
        self.body.append(f'<div class="two">{col(left)}{col(right)}</div>')
        self.lines.extend(left)
        self.lines.extend(right)

    def signatures(self, pairs):
        cells = "".join(f"<div>{esc(a)}<br><br>{esc(b)}</div>" for a, b in pairs)
        self.body.append(f'<div class="sign">{cells}</div>')
        # read row by row, each cell's lines in turn
        for i in range(0, len(pairs), 2):
            row = pairs[i:i + 2]
            self.lines.append(" ".join(a for a, _ in row))
            self.lines.append(" ".join(b for _, b in row))

    def end_page(self):
        n = len(self.pages) + 1
        hdr = (f'<div class="hdr"><div><b>VÄSTBY KOMMUN</b><br>SAMMANTRÄDESPROTOKOLL</div>'
               f'<div>Sammanträdesdatum<br>{DATE}</div><div>Sida {n} ({PAGES})</div></div>')
        ftr = '<div class="ftr"><span>Justerandes sign</span><span>Utdragsbestyrkande</span></div>'
        self.pages.append(f'<div class="page">{hdr}{"".join(self.body)}{ftr}</div>')
        self.gold.append("\n".join(self.lines) + "\n")
        self.body, self.lines = [], []

    def html(self):
        return f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><style>{CSS}</style></head><body>{"".join(self.pages)}</body></html>'


def protocol():
    d = Doc()
    d.h1("Kommunstyrelsen")
    d.label_values([
        ("Plats och tid", ["Kommunhuset, sammanträdesrum Eken, kl. 13.00–15.40"]),
        ("Beslutande", ["Anna Lindqvist (S), ordförande", "Erik Johansson (M), vice ordförande",
                        "Maria Sandberg (C)", "Johan Ekström (SD)", "Lena Håkansson (V)"]),
        ("Övriga deltagare", ["Karin Holm, kommundirektör", "Peter Nyberg, sekreterare"]),
        ("Utses att justera", ["Erik Johansson"]),
        ("Justeringens plats och tid", ["Kommunhuset 2024-03-19"]),
        ("Paragrafer", ["§§ 23–28"]),
    ])
    d.p("ANSLAG/BEVIS")
    d.p("Protokollet är justerat. Justeringen har tillkännagivits genom anslag.")
    d.ruled([
        ("Organ", "Kommunstyrelsen"),
        ("Sammanträdesdatum", DATE),
        ("Datum då anslaget\nsätts upp", "2024-03-20"),
        ("Datum då anslaget\ntas ned", "2024-04-11"),
        ("Förvaringsplats för\nprotokollet", "Kommunkansliet, Västby"),
    ], [55, 80])
    d.end_page()

    d.section(23, "Årsredovisning 2023", "KS 2024/045")
    d.p("Ekonomikontoret har upprättat årsredovisning för 2023. Resultatet uppgår till 14,2 miljoner kronor,")
    d.p("vilket är 3,1 miljoner kronor bättre än budget. Investeringarna uppgick till 48 miljoner kronor.")
    d.p("Beslut")
    d.p("Kommunstyrelsen beslutar att godkänna årsredovisningen för 2023 och överlämna den till fullmäktige.")
    d.section(24, "Motion om gratis kollektivtrafik för unga", "KS 2023/311")
    d.p("Johan Ekström (SD) har i en motion föreslagit att kollektivtrafiken ska vara gratis för alla under 20 år.")
    d.p("Ordföranden ställer proposition på bifall och avslag och finner att avslag vunnit. Votering begärs.")
    d.p("Omröstning")
    d.ruled([
        ("Ledamot", "Ja", "Nej", "Avstår"),
        ("Anna Lindqvist (S)", "X", "", ""),
        ("Erik Johansson (M)", "X", "", ""),
        ("Maria Sandberg (C)", "", "", "X"),
        ("Johan Ekström (SD)", "", "X", ""),
        ("Lena Håkansson (V)", "X", "", ""),
    ], [60, 18, 18, 20])
    d.p("Med 3 ja-röster mot 1 nej-röst beslutar kommunstyrelsen att avslå motionen.")
    d.end_page()

    d.section(25, "Val av ledamöter till krisledningsnämnden", "KS 2024/012")
    d.p("Valberedningen har lämnat förslag på ledamöter och ersättare för resten av mandatperioden.")
    d.two_columns(
        ["Ledamöter", "Ola Lind (S)", "Sara Berg (M)", "Nils Ahlström (C)", "Greta Falk (SD)"],
        ["Ersättare", "Tove Åberg (V)", "Hugo Strand (S)", "Ebba Norén (M)", "Axel Wiklund (KD)"],
    )
    d.p("Beslut")
    d.p("Kommunstyrelsen väljer ledamöter och ersättare enligt valberedningens förslag.")
    d.section(26, "Redovisning av delegationsbeslut", "KS 2024/003")
    d.p("Förteckning över delegationsbeslut fattade under perioden 1 januari till 29 februari 2024.")
    d.p("Beslut")
    d.p("Redovisningen läggs till handlingarna.")
    d.end_page()

    d.section(27, "Meddelanden", "KS 2024/004")
    d.p("Länsstyrelsens beslut om tillsyn av överförmyndaren anmäls.")
    d.p("Beslut")
    d.p("Meddelandena läggs till handlingarna.")
    d.section(28, "Sammanträdets avslutande", "KS 2024/005")
    d.p("Ordföranden tackar ledamöterna och förklarar sammanträdet avslutat kl. 15.40.")
    d.signatures([("Vid protokollet", "Peter Nyberg"), ("Ordförande", "Anna Lindqvist"),
                  ("Justerande", "Erik Johansson")])
    d.end_page()
    return d


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def chromium_pdf(html_path, pdf_path):
    run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        f"--print-to-pdf={pdf_path}", "file://" + html_path)


def raster(pdf, dpi, tmp):
    run("pdftoppm", "-gray", "-r", str(dpi), pdf, os.path.join(tmp, f"r{dpi}"))
    files = sorted(f for f in os.listdir(tmp) if f.startswith(f"r{dpi}-"))
    return [Image.open(os.path.join(tmp, f)).convert("L") for f in files]


def worn(img, seed, turn):
    """Grey paper, speckle, blur, a slight skew, then a turn."""
    rnd = random.Random(seed)
    img = img.rotate(rnd.choice([-1, 1]) * rnd.uniform(0.8, 1.8), resample=Image.BILINEAR, fillcolor=255)
    img = img.point(lambda p: 70 + p * 0.68)  # grey paper, grey ink
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 900):
        x, y = rnd.randrange(w), rnd.randrange(h)
        px[x, y] = rnd.choice([40, 90, 250])
    return img.rotate(turn, expand=True) if turn else img


def main():
    os.makedirs(OUT, exist_ok=True)
    d = protocol()
    with open(os.path.join(OUT, "vastby_ks.gold.txt"), "w", encoding="utf-8") as f:
        f.write("\f".join(d.gold))
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "p.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(d.html())
        born = os.path.join(OUT, "vastby_ks.pdf")
        chromium_pdf(src, born)
        # clean scan: 300 dpi, bilevel
        files = []
        for i, im in enumerate(raster(born, 300, tmp)):
            p = os.path.join(tmp, f"clean{i}.png")
            im.point(lambda v: 255 if v > 150 else 0).convert("1").save(p, dpi=(300, 300))
            files.append(p)
        run("img2pdf", "--output", os.path.join(OUT, "vastby_ks_scan.pdf"), *files)
        # worn scan: 200 dpi JPEG; PIL turns counter-clockwise
        files = []
        turns = [0, 90, 180, 270]
        for i, im in enumerate(raster(born, 200, tmp)):
            p = os.path.join(tmp, f"worn{i}.jpg")
            worn(im, 100 + i, turns[i % 4]).save(p, quality=45, dpi=(200, 200))
            files.append(p)
        run("img2pdf", "--output", os.path.join(OUT, "vastby_ks_worn.pdf"), *files)
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)))


if __name__ == "__main__":
    sys.exit(main())
