#!/usr/bin/env python3
"""Make the held-out names fixture: meeting protocols with invented people,
rendered as page images and OCR'd with Tesseract *without* Swedish data
(`-l eng`), so the names are mangled the way old archive OCR mangles them.

usage: scripts/make-names-fixture.py [OUT_PREFIX]   (default fixtures/repair/names)
writes OUT_PREFIX.gold.txt, OUT_PREFIX.noisy.txt and OUT_PREFIX.people.txt
(the people's names, one a line, for the test that counts them).
Needs: pillow, fonts-dejavu-core, tesseract-ocr (eng).

The people are drawn at random (fixed seed) from kinds of names, so the
fixture is not made of the names repair was tuned on:
- surnames of Hunspell sv_SE (dictionaries/sv_SE.dic) with å, ä or ö;
- surnames of Hunspell sv_SE without them (these must stay as they are);
- invented surnames of two parts (a first part of a Hunspell name and a
  surname ending) that no list has;
- foreign surnames (written here), which must stay as they are;
- given names of dictionaries/sv_names.tsv.
"""
import os, random, re, subprocess, sys, tempfile, textwrap
from PIL import Image, ImageDraw, ImageFont, ImageFilter

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "fixtures/repair/names")
rng = random.Random(2026)

ENDINGS = ["qvist", "kvist", "ström", "berg", "gren", "lund", "holm", "dahl", "man", "blad", "sten", "fors"]
DIA = set("åäöÅÄÖ")
dic = [l.split("/")[0].strip() for l in open(os.path.join(root, "dictionaries/sv_SE.dic"), encoding="utf-8")]
proper = sorted({w for w in dic if re.fullmatch(r"[A-ZÅÄÖ][a-zåäöé]{3,}", w)})
surnames = [w for w in proper if any(w.lower().endswith(e) for e in ENDINGS)]
with_dia = [w for w in surnames if DIA & set(w)]
without = [w for w in surnames if not DIA & set(w)]
known = set(proper)
names_tsv = [l.rstrip("\n").split("\t") for l in open(os.path.join(root, "dictionaries/sv_names.tsv"), encoding="utf-8")
             if not l.startswith("#")]
given = sorted(n for n, k in names_tsv if k == "given" and re.fullmatch(r"[A-ZÅÄÖ][a-zåäö]+", n))
listed = {n for n, _ in names_tsv}
firsts = sorted({w[: -len(e)] for w in with_dia for e in ENDINGS if w.lower().endswith(e) and DIA & set(w[: -len(e)])})
invented = set()
while len(invented) < 8:
    w = rng.choice(firsts) + rng.choice(ENDINGS)
    if w not in known and w not in listed and len(w) >= 6:
        invented.add(w)
FOREIGN = ["Nowak", "Okonkwo", "Haddad", "Rodrigues", "Kowalczyk", "Nguyen", "Papadopoulos", "Oduya",
           "Sandoval", "Moreau", "Bakker", "Tanaka", "Ortega", "Hamid", "Osman", "Adebayo"]

people = []
pool = (rng.sample(with_dia, 40) + rng.sample(without, 16) + sorted(invented) + FOREIGN)
rng.shuffle(pool)
for s in pool:
    people.append(f"{rng.choice(given)} {s}")

TEMPLATES = [
    "§ {n} Val av justerare\nTill justerare valdes {a} och {b}.",
    "§ {n} Mötets öppnande\nOrdförande {a} förklarade mötet öppnat och hälsade {b} välkommen.",
    "§ {n} Rapporter\n{a} redogjorde för arbetet i gruppen. {b} lämnade en rapport om ekonomin.",
    "§ {n} Skrivelse\nEn skrivelse från {a} har kommit in. Styrelsen uppdrar åt {b} att besvara den.",
    "§ {n} Närvaro\nNärvarande: {a}, {b}, {c} och {d}.",
    "§ {n} Val av sekreterare\nTill sekreterare för mötet valdes {a}. Protokollet justeras av {b}.",
    "§ {n} Bidrag\nStyrelsen beslutade att bevilja {a} ett bidrag. {b} deltog inte i beslutet.",
    "§ {n} Avtackning\nOrdföranden tackade {a} och {b} för deras insatser.",
]
paras, k, n = [], 0, 1
while k < len(people):
    t = rng.choice(TEMPLATES)
    need = t.count("{") - 1
    if k + need > len(people):
        t, need = TEMPLATES[0], 2
        if k + need > len(people):
            break
    fill = dict(zip("abcd", people[k:k + need]))
    paras.append(t.format(n=n, **fill))
    k += need
    n += 1
text = "Protokoll fört vid styrelsens sammanträde\n\n" + "\n\n".join(paras) + "\n\nVid protokollet\n" + people[0] + "\n"

FONTDIR = "/usr/share/fonts/truetype/dejavu/"
FONTS = ["DejaVuSerif.ttf", "DejaVuSans.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerifCondensed.ttf"]
lines = []
for l in text.split("\n"):
    lines.extend(textwrap.wrap(l, 70) or [""])
gold_pages, ocr_pages = [], []
PER = 40
with tempfile.TemporaryDirectory() as tmp:
    for pi in range(0, len(lines), PER):
        page = lines[pi:pi + PER]
        font = ImageFont.truetype(FONTDIR + FONTS[(pi // PER) % len(FONTS)], rng.choice([26, 28, 30]))
        img = Image.new("L", (1900, 60 + 44 * len(page)), 255)
        d = ImageDraw.Draw(img)
        for li, l in enumerate(page):
            d.text((60, 30 + 44 * li), l, font=font, fill=0)
        scale = rng.choice([0.55, 0.6, 0.65])
        img = img.resize((int(img.width * scale), int(img.height * scale)), Image.BILINEAR)
        img = img.filter(ImageFilter.GaussianBlur(rng.choice([0.4, 0.6])))
        img = img.resize((int(img.width / scale), int(img.height / scale)), Image.BILINEAR)
        png = os.path.join(tmp, "p.png")
        img.save(png)
        subprocess.run(["tesseract", png, os.path.join(tmp, "p"), "-l", "eng", "--psm", "6"],
                       check=True, capture_output=True, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
        gold_pages.append("\n".join(page) + "\n")
        ocr_pages.append(open(os.path.join(tmp, "p.txt"), encoding="utf-8").read().rstrip("\n\f") + "\n")
open(out + ".gold.txt", "w", encoding="utf-8").write("\f".join(gold_pages))
open(out + ".noisy.txt", "w", encoding="utf-8").write("\f".join(ocr_pages))
open(out + ".people.txt", "w", encoding="utf-8").write("\n".join(people) + "\n")
print(f"{len(people)} people, {len(lines)} lines, {len(gold_pages)} pages -> {out}.*")
