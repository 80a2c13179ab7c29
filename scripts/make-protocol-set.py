#!/usr/bin/python3
"""Regenerate fixtures/protocols/: five invented protocols in five layouts
that real Swedish bodies use, each in three forms, with gold structure in
the format of score_structure.py (scripts/eval-protocols.sh scores them).

The layouts differ on purpose from fixtures/layout/ (and from each other), so
that the structure figures say how paragraf does on layouts it was not
written against:
  norrdal_sof      samordningsförbund board: participant table Namn |
                   Organisation | Roll, "Beslut:" lines, numbered decisions,
                   signatures side by side with the role under the name
  vastmark_au      regional working committee: label/value header with
                   Ledamöter | Ersättare side by side, "tjänstgörande ersättare
                   för", "Utses att justera X och Y", "Arbetsutskottets
                   beslut" headings, Protokollsanteckning, sub-item § 15 a
  ekeby_kn_1976    1970s typewritten kulturnämnd: "PROTOKOLL fört vid
                   sammanträde med ... den 3 mars 1976", inline Närvarande,
                   "ordf.", "Till att jämte ordföranden justera ... utsågs",
                   "Nämnden beslöt", "Vid protokollet" / "Justeras"
  larkan_brf       housing association annual meeting: the agenda list
                   first, then the minutes with the same numbers, officers
                   elected in the first items, "Stämman beslutade"
  hamnen_ag        working group notes: "Minnesanteckningar", numbered items
                   "1." without §, inline Närvarande with organisations
  solbacka_sn      social welfare board, municipal template: § in a margin
                   column, Dnr at the right, a ruled date/page box as running
                   header and a ruled signature strip as running footer
  tallmo_kf        municipal council: attendance table with a vote column,
                   reservation, a landscape appendix page (turned 90° in the
                   worn scan)

Forms (deterministic: fixed seeds; Chromium's PDF differs only in dates):
  NAME.pdf         born digital
  NAME_scan.pdf    clean scan: 300 dpi bilevel, no text layer
  NAME_worn.pdf    degraded scan: 200 dpi grey JPEG, noise, blur, skew, one
                   page turned 180°
  NAME.structure.json   the gold: kind, organ, date, people, officers,
                   sections [number, title], sections with decisions
  NAME.gold.txt    the body text in reading order, pages apart by a form
                   feed, without running headers, footers and page numbers
                   (TRANSCRIPTS_ONLY=1 writes only these)

Every person and body is invented. Needs what scripts/setup-fixtures.sh
installs. Run: scripts/make-protocol-set.py [NAME ...] (all when none given)
"""
import html, json, os, random, subprocess, sys, tempfile
from PIL import Image, ImageFilter

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "protocols")

BASE_CSS = """
@page { size: A4; margin: 0 }
* { box-sizing: border-box }
body { margin: 0; font-size: 11.5pt; line-height: 1.35 }
.page { width: 210mm; height: 297mm; padding: 16mm 22mm 14mm 25mm; position: relative;
        page-break-after: always; overflow: hidden }
p { margin: 0 0 2.5mm 0 }
h1 { font-size: 16pt; margin: 0 0 2mm 0 }
h2 { font-size: 12pt; margin: 6mm 0 2mm 0 }
table.ruled { border-collapse: collapse; margin: 3mm 0 5mm 0; font-size: 10.5pt }
table.ruled td { border: 0.8pt solid #000; padding: 1.4mm 3mm; text-align: left; vertical-align: top }
.lv { display: grid; grid-template-columns: 40mm 1fr; column-gap: 6mm; row-gap: 3mm; margin: 5mm 0 }
.lv .l { font-weight: bold }
.cols { display: grid; column-gap: 14mm; margin: 2mm 0 3mm 0 }
.sign { display: grid; grid-template-columns: 70mm 70mm; column-gap: 15mm; row-gap: 14mm; margin-top: 14mm }
ol, ul { margin: 0 0 3mm 0 }
.hdr { display: flex; justify-content: space-between; font-size: 9.5pt; border-bottom: 0.8pt solid #000;
       padding-bottom: 1.5mm; margin-bottom: 8mm }
@page land { size: A4 landscape }
.page.land { page: land; width: 297mm; height: 210mm }
.ftr { position: absolute; left: 25mm; right: 22mm; bottom: 10mm; font-size: 8.5pt; text-align: center }
"""

STYLES = {
    "sans": "body { font-family: 'Liberation Sans', sans-serif }",
    "serif": "body { font-family: 'Liberation Serif', serif }",
    "typewriter": "body { font-family: 'Liberation Mono', monospace; font-size: 11pt; line-height: 1.5 }"
                  " h1, h2 { font-size: 11pt } .page { padding: 22mm 24mm 16mm 30mm }",
}


def esc(s):
    return html.escape(s, quote=False)


class Doc:
    """The pages of one protocol as HTML, and its gold structure."""

    def __init__(self, style, header=None, footer=None):
        self.style, self.header, self.footer = style, header, footer
        self.pages, self.body = [], []
        # indices of pages printed in landscape
        self.landscape = set()
        self.sections, self.with_decisions = [], []
        # the transcription: body text in reading order, no page furniture
        self.lines, self.transcript = [], []

    def p(self, text, cls=None):
        c = f' class="{cls}"' if cls else ""
        self.body.append(f"<p{c}>{esc(text)}</p>")
        self.lines.append(text)

    def h1(self, text):
        self.body.append(f"<h1>{esc(text)}</h1>")
        self.lines.append(text)

    def h2(self, text):
        self.body.append(f"<h2>{esc(text)}</h2>")
        self.lines.append(text)

    def section(self, number, title, decided, heading=None):
        """A numbered item: its heading as printed, and the gold entry."""
        self.sections.append([number, title])
        if decided:
            self.with_decisions.append(number)
        self.h2(heading if heading is not None else f"§ {number} {title}")

    def items(self, entries, start):
        """Items numbered "N." from `start`: (title, paragraphs, decided)."""
        for n, (title, text, decided) in enumerate(entries, start=start):
            self.section(str(n), title, decided, heading=f"{n}. {title}")
            for t in text:
                self.p(t)

    def label_values(self, rows):
        cells = "".join(
            f'<div class="l">{esc(label)}</div><div>{"<br>".join(esc(v) for v in values)}</div>'
            for label, values in rows)
        self.body.append(f'<div class="lv">{cells}</div>')
        for label, values in rows:
            self.lines.append(f"{label} {values[0]}")
            self.lines.extend(values[1:])

    def label_columns(self, label, columns):
        """A label, then its value as columns side by side."""
        col = lambda xs: "<div>" + "<br>".join(esc(x) for x in xs) + "</div>"
        inner = f'<div class="cols" style="grid-template-columns: repeat({len(columns)}, 1fr)">' \
                + "".join(col(c) for c in columns) + "</div>"
        self.body.append(f'<div class="lv"><div class="l">{esc(label)}</div><div>{inner}</div></div>')
        # one column after the other
        self.lines.append(f"{label} {columns[0][0]}")
        self.lines.extend(columns[0][1:])
        for c in columns[1:]:
            self.lines.extend(c)

    def ruled(self, rows, widths):
        trs = "".join(
            "<tr>" + "".join(f'<td style="width:{w}mm">{esc(c)}</td>' for c, w in zip(r, widths)) + "</tr>"
            for r in rows)
        self.body.append(f'<table class="ruled">{trs}</table>')
        self.lines.extend(" ".join(r) for r in rows)

    def numbered(self, items, start=1):
        lis = "".join(f"<li>{esc(x)}</li>" for x in items)
        self.body.append(f'<ol start="{start}">{lis}</ol>')
        self.lines.extend(f"{n}. {x}" for n, x in enumerate(items, start=start))

    def signatures(self, cells):
        """Signature cells side by side, two per row; each cell's lines."""
        inner = "".join("<div>" + "<br>".join(esc(x) if x else "&nbsp;" for x in c) + "</div>" for c in cells)
        self.body.append(f'<div class="sign">{inner}</div>')
        # row by row, each line across the row's cells
        for i in range(0, len(cells), 2):
            row = cells[i:i + 2]
            for k in range(max(len(c) for c in row)):
                line = " ".join(c[k] for c in row if k < len(c) and c[k])
                if line:
                    self.lines.append(line)

    def end_page(self):
        n = len(self.pages) + 1
        hdr = self.header(n) if self.header else ""
        ftr = self.footer(n) if self.footer else ""
        cls = "page land" if len(self.pages) in self.landscape else "page"
        self.pages.append(f'<div class="{cls}">{hdr}{"".join(self.body)}{ftr}</div>')
        self.transcript.append("\n".join(self.lines) + "\n")
        self.body, self.lines = [], []

    def html(self):
        css = BASE_CSS + STYLES[self.style]
        return f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><style>{css}</style></head>' \
               f'<body>{"".join(self.pages)}</body></html>'

    def gold(self, kind, organ, date, people, chair, secretary, adjusters):
        return {"kind": kind, "organ": organ, "date": date, "people": people, "chair": chair,
                "secretary": secretary, "adjusters": adjusters, "sections": self.sections,
                "with_decisions": self.with_decisions,
                "notes": "invented protocol, scripts/make-protocol-set.py"}


def norrdal_sof():
    """Samordningsförbund board, born-digital template with a participant table."""
    date = "2023-11-08"
    d = Doc("sans",
            header=lambda n: f'<div class="hdr"><div><b>Samordningsförbundet Norrdal</b></div>'
                             f'<div>PROTOKOLL</div><div>{date}</div><div>{n} (2)</div></div>',
            footer=lambda n: '<div class="ftr">Ordförandes sign ____ Justerares sign ____</div>')
    d.h1("Styrelsemöte")
    d.p(f"Datum: {date}, kl. 09.00–11.30")
    d.p("Plats: Förbundets kansli, Storgatan 4, Norrdal")
    d.p("Närvarande")
    d.ruled([
        ("Namn", "Organisation", "Roll"),
        ("Kerstin Valdemarsson", "Norrdals kommun", "Ordförande"),
        ("Anders Pålsson", "Region Västmark", "Vice ordförande"),
        ("Birgitta Öhman", "Försäkringskassan", "Ledamot"),
        ("Tomas Rydell", "Arbetsförmedlingen", "Ledamot"),
        ("Lina Sjöholm", "Samordningsförbundet", "Förbundschef"),
        ("Oskar Hedlund", "Samordningsförbundet", "Sekreterare"),
    ], [55, 55, 40])
    d.p("Frånvarande: Mats Grönvall, Hällby kommun")
    d.section("41", "Mötets öppnande", False)
    d.p("Ordföranden hälsade välkommen och förklarade mötet öppnat.")
    d.section("42", "Val av justerare", True)
    d.p("Beslut: Styrelsen utser Birgitta Öhman att jämte ordföranden justera dagens protokoll.")
    d.section("43", "Godkännande av dagordning", True)
    d.p("Beslut: Dagordningen godkänns med tillägg av en informationspunkt under övriga frågor.")
    d.section("44", "Verksamhetsplan och budget 2024", True)
    d.p("Förbundschefen presenterade förslaget till verksamhetsplan och budget för 2024. Budgeten omfattar")
    d.p("6,4 miljoner kronor, varav 1,2 miljoner kronor avser insatser för unga utanför arbetsmarknaden.")
    d.p("Styrelsen beslutar")
    d.numbered(["att fastställa verksamhetsplan och budget för 2024,",
                "att uppdra åt förbundschefen att redovisa insatsernas resultat i juni 2024."])
    d.end_page()
    d.section("45", "Ekonomisk rapport per september", True)
    d.p("Ekonomin följer budget. Förbrukningen uppgår till 71 procent efter nio månader.")
    d.p("Beslut: Rapporten läggs till handlingarna.")
    d.section("46", "Information från parterna", False)
    d.p("Parterna informerade om läget i respektive organisation. Arbetsförmedlingen berättade om")
    d.p("den nya organisationen för rustande insatser.")
    d.section("47", "Mötets avslutande", False)
    d.p("Ordföranden tackade för ett gott möte och förklarade mötet avslutat.")
    d.signatures([
        ["", "Kerstin Valdemarsson", "Ordförande"],
        ["", "Birgitta Öhman", "Justerare"],
        ["", "Oskar Hedlund", "Sekreterare"],
    ])
    d.end_page()
    people = ["Kerstin Valdemarsson", "Anders Pålsson", "Birgitta Öhman", "Tomas Rydell",
              "Lina Sjöholm", "Oskar Hedlund"]
    return d, d.gold("protokoll", "Samordningsförbundet Norrdal, styrelsen", date, people,
                     "Kerstin Valdemarsson", "Oskar Hedlund", ["Birgitta Öhman"])


def vastmark_au():
    """Regional working committee: label/value header, members side by side."""
    date = "2024-02-06"
    d = Doc("serif",
            header=lambda n: f'<div class="hdr"><div><b>REGION VÄSTMARK</b><br>Protokoll</div>'
                             f'<div>Regionstyrelsens arbetsutskott<br>Sammanträdesdatum {date}</div>'
                             f'<div>Sida {n} av 3</div></div>',
            footer=lambda n: '<div class="ftr">Justerandes signatur ______ ______ Utdragsbestyrkande</div>')
    d.label_values([
        ("Plats och tid", ["Regionens hus, sal Ljusnan, tisdagen den 6 februari 2024 kl. 10.00–12.15"]),
    ])
    d.label_columns("Beslutande", [
        ["Ledamöter", "Gunilla Forsman (S), ordförande", "Henrik Åkesson (M), 1:e vice ordförande",
         "Sofia Lindkvist (C)"],
        ["Tjänstgörande ersättare", "Per Holm (M) tjänstgörande ersättare för Lisa Berg (M)",
         "Amir Haddad (S), tjänstgörande för Eva Strömgren (S)"],
    ])
    d.label_values([
        ("Övriga närvarande", ["Jonas Wiberg, regiondirektör", "Malin Ekdahl, nämndsekreterare"]),
        ("Utses att justera", ["Henrik Åkesson (M) och Sofia Lindkvist (C)"]),
        ("Justeringens plats och tid", ["Regionens hus 2024-02-09"]),
        ("Paragrafer", ["§§ 12–17"]),
    ])
    d.signatures([
        ["Sekreterare", "", "Malin Ekdahl"],
        ["Ordförande", "", "Gunilla Forsman"],
        ["Justerande", "", "Henrik Åkesson"],
        ["Justerande", "", "Sofia Lindkvist"],
    ])
    d.end_page()
    d.section("12", "Fastställande av dagordning", True)
    d.p("Arbetsutskottets beslut")
    d.p("Dagordningen fastställs.")
    d.section("13", "Regionens delårsrapport", True)
    d.p("Ärendebeskrivning")
    d.p("Regiondirektören redogör för delårsrapporten. Prognosen visar ett underskott om 42 miljoner kronor.")
    d.p("Arbetsutskottets beslut")
    d.numbered(["Arbetsutskottet föreslår regionstyrelsen att godkänna delårsrapporten.",
                "Regiondirektören får i uppdrag att ta fram en åtgärdsplan till nästa sammanträde."])
    d.p("Protokollsanteckning")
    d.p("Sofia Lindkvist (C) lämnar en protokollsanteckning om vårdplatserna.")
    d.section("14", "Yttrande över remiss om kollektivtrafikplan", True)
    d.p("Regionen har fått en remiss från trafikmyndigheten. Förvaltningen har tagit fram ett yttrande.")
    d.p("Förslag till beslut")
    d.p("Arbetsutskottet beslutar att avge yttrande enligt förvaltningens förslag.")
    d.p("Arbetsutskottets beslut")
    d.p("Arbetsutskottet beslutar att avge yttrande enligt förvaltningens förslag.")
    d.p("Beslutet skickas till")
    d.p("Trafikmyndigheten")
    d.end_page()
    d.section("15", "Ansökningar om verksamhetsbidrag", False)
    d.p("Två ansökningar har kommit in och redovisas under a och b.")
    d.section("15 a", "Föreningen Ljusnans vänner", True, heading="§ 15 a Föreningen Ljusnans vänner")
    d.p("Arbetsutskottets beslut")
    d.p("Föreningen beviljas 40 000 kronor i verksamhetsbidrag för 2024.")
    d.section("15 b", "Västmarks folkdansgille", True, heading="§ 15 b Västmarks folkdansgille")
    d.p("Arbetsutskottets beslut")
    d.p("Ansökan avslås.")
    d.section("16", "Informationsärenden", False)
    d.p("Regiondirektören informerar om arbetet med den nya regionplanen.")
    d.section("17", "Anmälan av delegationsbeslut", True)
    d.p("Arbetsutskottets beslut")
    d.p("Anmälan av delegationsbeslut läggs till handlingarna.")
    d.end_page()
    people = ["Gunilla Forsman", "Henrik Åkesson", "Sofia Lindkvist", "Per Holm", "Amir Haddad",
              "Jonas Wiberg", "Malin Ekdahl"]
    return d, d.gold("protokoll", "Regionstyrelsens arbetsutskott", date, people,
                     "Gunilla Forsman", "Malin Ekdahl", ["Henrik Åkesson", "Sofia Lindkvist"])


def ekeby_kn_1976():
    """A typewritten kulturnämnd protocol of the 1970s: no tables, no labels."""
    d = Doc("typewriter",
            header=lambda n: "" if n == 1 else f'<p style="text-align:center">- {n} -</p>')
    d.p("EKEBY KOMMUN")
    d.p("Kulturnämnden")
    d.p("PROTOKOLL fört vid sammanträde med kulturnämnden i Ekeby kommun den 3 mars 1976 "
        "kl. 19.00 i kommunalhuset.")
    d.p("Närvarande: ledamöterna Gunnar Ahlgren, ordf., Ingrid Sjöberg, Bertil Franzén, "
        "Elsa Lindgren och Sven-Erik Holmqvist; ersättaren Maj Westerlund; "
        "kultursekreteraren Rolf Dahlin.")
    d.section("14", "Justering", True, heading="§ 14.")
    d.p("Justering.")
    d.p("Till att jämte ordföranden justera dagens protokoll utsågs Ingrid Sjöberg.")
    d.section("15", "Bidrag till studieförbunden", True, heading="§ 15.")
    d.p("Bidrag till studieförbunden.")
    d.p("Enligt inkomna ansökningar har studieförbunden under år 1975 anordnat 412 studiecirklar.")
    d.p("Nämnden beslöt att fördela 38 500 kronor enligt bilaga till detta protokoll.")
    d.section("16", "Biblioteksfilialen i Norrby", True, heading="§ 16.")
    d.p("Biblioteksfilialen i Norrby.")
    d.p("Kultursekreteraren redogjorde för besöksstatistiken under hösten 1975. Efter diskussion")
    d.p("beslöts att filialens öppettider skall utökas med en kväll i veckan från den 1 april 1976.")
    d.end_page()
    d.section("17", "Skrivelse från hembygdsföreningen", True, heading="§ 17.")
    d.p("Skrivelse från hembygdsföreningen.")
    d.p("Föredrogs skrivelse från Ekeby hembygdsförening angående hembygdsgårdens tak.")
    d.p("Skrivelsen lades till handlingarna.")
    d.section("18", "Meddelanden", False, heading="§ 18.")
    d.p("Meddelanden.")
    d.p("Ordföranden meddelade att länsmuseets vandringsutställning kommer till Ekeby i maj.")
    d.p("Vid protokollet:")
    d.p("Rolf Dahlin")
    d.p("Justeras:")
    d.p("Gunnar Ahlgren                  Ingrid Sjöberg")
    d.end_page()
    people = ["Gunnar Ahlgren", "Ingrid Sjöberg", "Bertil Franzén", "Elsa Lindgren",
              "Sven-Erik Holmqvist", "Maj Westerlund", "Rolf Dahlin"]
    return d, d.gold("protokoll", "Kulturnämnden i Ekeby kommun", "1976-03-03", people,
                     "Gunnar Ahlgren", "Rolf Dahlin", ["Ingrid Sjöberg"])


def larkan_brf():
    """A housing association's annual meeting: agenda first, then the minutes."""
    d = Doc("serif")
    d.h1("Protokoll")
    d.p("fört vid ordinarie föreningsstämma i Bostadsrättsföreningen Lärkan i Sjövik, "
        "torsdagen den 12 maj 2022 kl. 18.30 i föreningens samlingslokal.")
    d.p("Dagordning")
    agenda = ["Stämmans öppnande", "Val av ordförande för stämman",
              "Anmälan av stämmoordförandens val av protokollförare",
              "Val av två justerare tillika rösträknare", "Fråga om stämman blivit stadgeenligt utlyst",
              "Fastställande av röstlängd", "Föredragning av årsredovisningen",
              "Beslut om fastställande av resultat- och balansräkning",
              "Beslut om ansvarsfrihet för styrelsens ledamöter", "Val av styrelseledamöter",
              "Stämmans avslutande"]
    d.numbered(agenda)
    d.items([
        (agenda[0], ["Styrelsens ordförande Ulla Brandt hälsade de närvarande välkomna och förklarade "
                     "stämman öppnad."], False),
        (agenda[1], ["Till ordförande för stämman valdes Ulla Brandt."], True),
        (agenda[2], ["Ordföranden anmälde att hon utsett Fredrik Lundell att föra protokollet."], False),
        (agenda[3], ["Till justerare tillika rösträknare valdes Hassan Karimi och Agneta Wall."], True),
        (agenda[4], ["Stämman ansåg sig stadgeenligt utlyst."], True),
        (agenda[5], ["Röstlängden upprättades och fastställdes till 23 röstberättigade medlemmar."], True),
        (agenda[6], ["Ordföranden föredrog årsredovisningen för verksamhetsåret 2021."], False),
    ], 1)
    d.end_page()
    d.items([
        (agenda[7], ["Stämman beslutade att fastställa resultat- och balansräkningen."], True),
        (agenda[8], ["Stämman beviljade styrelsens ledamöter ansvarsfrihet för verksamhetsåret 2021."], True),
        (agenda[9], ["Till ordinarie ledamöter för två år omvaldes Ulla Brandt och Kjell Östlund."], True),
        (agenda[10], ["Ordföranden tackade de närvarande och förklarade stämman avslutad."], False),
    ], 8)
    d.signatures([
        ["Ulla Brandt", "Ordförande"],
        ["Fredrik Lundell", "Protokollförare"],
        ["Hassan Karimi", "Justerare"],
        ["Agneta Wall", "Justerare"],
    ])
    d.end_page()
    people = ["Ulla Brandt", "Fredrik Lundell", "Hassan Karimi", "Agneta Wall"]
    return d, d.gold("protokoll", "Bostadsrättsföreningen Lärkan, föreningsstämma", "2022-05-12",
                     people, "Ulla Brandt", "Fredrik Lundell", ["Hassan Karimi", "Agneta Wall"])


def hamnen_ag():
    """Notes of a working group: numbered items without §, inline attendance."""
    d = Doc("sans")
    d.h1("Minnesanteckningar")
    d.p("Arbetsgruppen för Hamnområdet, möte 2025-01-21")
    d.p("Närvarande: Eva Lundmark (Stadsbyggnadskontoret), Omar Saleh (Hamnbolaget), "
        "Karin Thorsell (Miljöförvaltningen); Nils Engdahl, sekreterare")
    d.p("Ordförande: Eva Lundmark")
    d.items([
        ("Föregående anteckningar", ["Anteckningarna från mötet i december godkändes."], True),
        ("Detaljplan för kajen", ["Samrådet pågår till den 15 februari. Inga synpunkter från gruppen."], False),
        ("Miljöprovtagning", ["Provtagningen av sedimenten är klar. Resultaten redovisas på nästa möte.",
                              "Gruppen beslutade att bjuda in länsstyrelsen till mötet i mars."], True),
        ("Nästa möte", ["Nästa möte hålls den 18 mars 2025 kl. 13.00."], False),
    ], 1)
    d.p("Vid anteckningarna: Nils Engdahl")
    d.end_page()
    people = ["Eva Lundmark", "Omar Saleh", "Karin Thorsell", "Nils Engdahl"]
    return d, d.gold("minnesanteckningar", "Arbetsgruppen för Hamnområdet", "2025-01-21", people,
                     "Eva Lundmark", "Nils Engdahl", [])


def solbacka_sn():
    """Social welfare board, municipal template: the § in a margin column with
    the Dnr at the right, a ruled date/page box as the running header, a
    ruled signature strip as the running footer, "Beslutsunderlag" lists,
    "Expedieras till", a participant table Ledamot | Parti | Tjänstgör."""
    date = "2024-09-17"
    box = lambda n: (
        '<table class="ruled" style="position:absolute; right:22mm; top:10mm; margin:0; font-size:8.5pt">'
        f'<tr><td>SAMMANTRÄDESPROTOKOLL</td><td>Sida</td></tr><tr><td>Sammanträdesdatum {date}</td>'
        f'<td>{n} (3)</td></tr></table><div style="font-size:13pt; font-weight:bold; margin:2mm 0 14mm 0">'
        'SOLBACKA KOMMUN</div>')
    d = Doc("sans", header=box,
            footer=lambda n: '<table class="ruled" style="position:absolute; left:25mm; bottom:8mm; '
                             'margin:0; font-size:8pt"><tr><td style="width:60mm">Justerandes sign</td>'
                             '<td style="width:60mm">Utdragsbestyrkande</td></tr></table>')
    d.h1("Socialnämnden")
    d.p(f"Plats och tid: Kommunhuset, sammanträdesrum Björken, {date} kl. 13.30–16.05")
    d.p("Beslutande")
    d.ruled([
        ("Ledamot", "Parti", "Tjänstgör"),
        ("Margareta Lund, ordförande", "KD", "Ja"),
        ("Tobias Engström, vice ordförande", "S", "Ja"),
        ("Yasmin Karlsson", "M", "Ja"),
        ("Roger Bäck", "SD", "Nej"),
        ("Helena Strand, ersättare", "SD", "Ja, för Roger Bäck"),
    ], [70, 25, 50])
    d.p("Övriga närvarande: Anneli Grahn, socialchef; Johan Mäki, nämndsekreterare")
    d.p("Justerare: Tobias Engström")
    d.p("Justeringens plats och tid: Kommunhuset 2024-09-20")
    d.p("Paragrafer: §§ 88–92")
    d.end_page()

    def margin(number, title, dnr, decided):
        d.sections.append([number, title])
        if decided:
            d.with_decisions.append(number)
        d.body.append(
            '<div style="display:grid; grid-template-columns: 18mm 1fr 40mm; margin: 6mm 0 2mm 0; '
            f'font-weight:bold"><div>§ {number}</div><div>{esc(title)}</div>'
            f'<div style="text-align:right; font-weight:normal">Dnr {esc(dnr)}</div></div>')
        d.lines.append(f"§ {number} {title} Dnr {dnr}")

    def bullets(items):
        d.body.append("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>")
        d.lines.extend(items)

    margin("88", "Val av justerare", "SN 2024/101", True)
    d.p("Beslut")
    d.p("Socialnämnden utser Tobias Engström att justera protokollet.")
    margin("89", "Månadsrapport augusti 2024", "SN 2024/045", True)
    d.p("Sammanfattning")
    d.p("Socialförvaltningen redovisar utfallet till och med augusti. Försörjningsstödet ligger "
        "fyra procent över budget.")
    d.p("Beslutsunderlag")
    bullets(["Tjänsteskrivelse 2024-09-02", "Månadsrapport augusti 2024"])
    d.p("Beslut")
    d.p("Socialnämnden godkänner månadsrapporten.")
    d.end_page()
    margin("90", "Riktlinjer för ekonomiskt bistånd", "SN 2024/067", True)
    d.p("Ärendet")
    d.p("Riktlinjerna har setts över efter nya föreskrifter. Ändringarna gäller främst "
        "bedömningen av boendekostnader.")
    d.p("Förslag till beslut")
    d.p("Socialnämnden antar reviderade riktlinjer för ekonomiskt bistånd.")
    d.p("Beslut")
    d.p("Socialnämnden antar reviderade riktlinjer för ekonomiskt bistånd att gälla från "
        "den 1 november 2024.")
    d.p("Expedieras till")
    d.p("Enhetschef försörjningsstöd")
    margin("91", "Delegationsbeslut", "SN 2024/003", True)
    d.p("Beslut")
    d.p("Redovisningen av delegationsbeslut läggs till handlingarna.")
    margin("92", "Information", "SN 2024/004", False)
    d.p("Socialchefen informerar om rekryteringen av socialsekreterare.")
    d.signatures([
        ["Sekreterare", "", "Johan Mäki"],
        ["Ordförande", "", "Margareta Lund"],
        ["Justerare", "", "Tobias Engström"],
    ])
    d.end_page()
    people = ["Margareta Lund", "Tobias Engström", "Yasmin Karlsson", "Helena Strand",
              "Anneli Grahn", "Johan Mäki"]
    return d, d.gold("protokoll", "Socialnämnden", date, people, "Margareta Lund", "Johan Mäki",
                     ["Tobias Engström"])


def tallmo_kf():
    """Municipal council: an attendance table with a vote column, a vote by
    roll call, a reservation, and a landscape appendix page (a wide table),
    which the worn scan feeds in turned to portrait."""
    date = "2023-06-12"
    d = Doc("serif",
            header=lambda n: f'<div class="hdr"><div>TALLMO KOMMUN</div><div>Kommunfullmäktige</div>'
                             f'<div>{date}</div></div>',
            footer=lambda n: f'<div class="ftr">Sida {n} av 3</div>')
    d.h1("Protokoll")
    d.p("Kommunfullmäktige sammanträdde i Folkets hus, Tallmo, måndagen den 12 juni 2023 "
        "kl. 18.00–20.40.")
    d.p("Närvarande ledamöter")
    d.ruled([
        ("Ledamot", "Parti", "Votering § 54"),
        ("Britt Sandell, ordförande", "S", "Ja"),
        ("Lars Öberg", "M", "Nej"),
        ("Fatima Rahimi", "S", "Ja"),
        ("Göran Wikström", "C", "Ja"),
        ("Ellen Nordin", "M", "Nej"),
    ], [70, 20, 40])
    d.p("Sekreterare: Kristina Falk, kommunsekreterare")
    d.p("Att jämte ordföranden justera protokollet utsågs Lars Öberg och Fatima Rahimi.")
    d.section("52", "Upprop", False)
    d.p("Upprop förrättades. Fem ledamöter var närvarande.")
    d.section("53", "Årsredovisning 2022", True)
    d.p("Kommunstyrelsen föreslår att fullmäktige godkänner årsredovisningen för 2022.")
    d.p("Kommunfullmäktige beslutar att godkänna årsredovisningen för 2022.")
    d.end_page()
    d.section("54", "Försäljning av fastigheten Tallmo 3:14", True)
    d.p("Kommunstyrelsen föreslår att fastigheten säljs till högstbjudande.")
    d.p("Lars Öberg (M) yrkar avslag på förslaget. Ordföranden ställer proposition på "
        "kommunstyrelsens förslag och avslagsyrkandet och finner att fullmäktige bifaller "
        "kommunstyrelsens förslag. Votering begärs och ska genomföras.")
    d.p("Omröstningsresultat")
    d.p("Med 3 ja-röster mot 2 nej-röster beslutar fullmäktige enligt kommunstyrelsens förslag.")
    d.p("Kommunfullmäktige beslutar att sälja fastigheten Tallmo 3:14 enligt bilaga.")
    d.p("Reservation")
    d.p("Lars Öberg (M) och Ellen Nordin (M) reserverar sig mot beslutet.")
    d.section("55", "Sammanträdets avslutande", False)
    d.p("Ordföranden förklarade sammanträdet avslutat.")
    d.p("Vid protokollet")
    d.p("Kristina Falk")
    d.p("Justeras")
    d.signatures([["Britt Sandell", "ordförande"], ["Lars Öberg"], ["Fatima Rahimi"]])
    d.end_page()
    d.landscape.add(len(d.pages))
    d.p("Bilaga till § 54: anbud på fastigheten Tallmo 3:14")
    d.ruled([
        ("Anbudsgivare", "Anbud, kr", "Tillträde", "Finansiering", "Villkor"),
        ("Tallmo Bygg AB", "2 450 000", "2023-09-01", "Lån beviljat", "Inga"),
        ("Nordgården Fastigheter", "2 310 000", "2023-10-01", "Eget kapital", "Bygglov"),
        ("Privatperson A", "1 980 000", "2023-08-15", "Lånelöfte", "Inga"),
    ], [60, 35, 35, 45, 40])
    d.end_page()
    people = ["Britt Sandell", "Lars Öberg", "Fatima Rahimi", "Göran Wikström", "Ellen Nordin",
              "Kristina Falk"]
    return d, d.gold("protokoll", "Kommunfullmäktige", date, people, "Britt Sandell",
                     "Kristina Falk", ["Lars Öberg", "Fatima Rahimi"])


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def raster(pdf, dpi, tmp, tag):
    run("pdftoppm", "-gray", "-r", str(dpi), pdf, os.path.join(tmp, tag))
    files = sorted(f for f in os.listdir(tmp) if f.startswith(tag + "-"))
    return [Image.open(os.path.join(tmp, f)).convert("L") for f in files]


def worn(img, seed, turn):
    """Grey paper, speckle, blur, a slight skew, then a turn."""
    rnd = random.Random(seed)
    img = img.rotate(rnd.choice([-1, 1]) * rnd.uniform(0.5, 1.5), resample=Image.BILINEAR, fillcolor=255)
    img = img.point(lambda p: 60 + p * 0.7)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 1200):
        x, y = rnd.randrange(w), rnd.randrange(h)
        px[x, y] = rnd.choice([40, 90, 250])
    return img.rotate(turn, expand=True) if turn else img


def make(name, doc, gold, tmp):
    with open(os.path.join(OUT, name + ".gold.txt"), "w", encoding="utf-8") as f:
        f.write("\f".join(doc.transcript))
    if os.environ.get("TRANSCRIPTS_ONLY"):
        return
    src = os.path.join(tmp, name + ".html")
    with open(src, "w", encoding="utf-8") as f:
        f.write(doc.html())
    born = os.path.join(OUT, name + ".pdf")
    run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        f"--print-to-pdf={born}", "file://" + src)
    files = []
    for i, im in enumerate(raster(born, 300, tmp, name + "c")):
        p = os.path.join(tmp, f"{name}_clean{i}.png")
        im.point(lambda v: 255 if v > 150 else 0).convert("1").save(p, dpi=(300, 300))
        files.append(p)
    run("img2pdf", "--output", os.path.join(OUT, name + "_scan.pdf"), *files)
    files = []
    for i, im in enumerate(raster(born, 200, tmp, name + "w")):
        p = os.path.join(tmp, f"{name}_worn{i}.jpg")
        # a landscape page is fed in as portrait; else the last page of a
        # several-page protocol was fed in upside down
        if i in doc.landscape:
            turn = 90
        else:
            turn = 180 if i > 0 and i == len(doc.pages) - 1 else 0
        worn(im, sum(map(ord, name)) + i, turn).save(p, quality=50, dpi=(200, 200))
        files.append(p)
    run("img2pdf", "--output", os.path.join(OUT, name + "_worn.pdf"), *files)
    with open(os.path.join(OUT, name + ".structure.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        docs = (norrdal_sof, vastmark_au, ekeby_kn_1976, larkan_brf, hamnen_ag, solbacka_sn, tallmo_kf)
        only = set(sys.argv[1:])
        for make_doc in docs:
            if only and make_doc.__name__ not in only:
                continue
            doc, gold = make_doc()
            make(make_doc.__name__, doc, gold, tmp)
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)))


if __name__ == "__main__":
    sys.exit(main())
