#!/usr/bin/env python3
"""What the layout stage found, per document, from paragraf's JSON output.

Usage: scripts/layout-report.py OUT_DIR [--pages]

For each `*.json` document in OUT_DIR (as written by `paragraf run` or
`paragraf extract`): pages and their source, pages turned (and by how
much), the largest deskew, running header / footer / page-number lines left
out of the text, ruled tables (rows x columns), non-text regions, and rows
where body text stands in two or more columns side by side. With --pages,
one line per page as well, to check against the page images.
"""
import json
import pathlib
import sys


def side_by_side_rows(block_lines):
    """Rows of body lines that overlap vertically but not horizontally."""
    boxes = sorted((l["bbox"] for l in block_lines), key=lambda b: (b[1], b[0]))
    rows = 0
    used = set()
    for i, a in enumerate(boxes):
        if i in used:
            continue
        beside = [
            j
            for j in range(i + 1, len(boxes))
            if j not in used
            and min(a[1] + a[3], boxes[j][1] + boxes[j][3]) - max(a[1], boxes[j][1])
            > 0.5 * min(a[3], boxes[j][3])
            and (boxes[j][0] >= a[0] + a[2] or a[0] >= boxes[j][0] + boxes[j][2])
        ]
        if beside:
            rows += 1
            used.update(beside)
    return rows


def page_summary(p):
    roles = {}
    tables = []
    body_lines = []
    for b in p.get("blocks", []):
        roles[b["role"]] = roles.get(b["role"], 0) + (
            1 if b["role"] in ("table", "non_text") else len(b["lines"])
        )
        if b["role"] == "table":
            rows = b.get("rows", [])
            tables.append(f"{len(rows)}x{max((len(r) for r in rows), default=0)}")
        if b["role"] == "body":
            body_lines.extend(b["lines"])
    return {
        "source": p.get("source"),
        "rotation": p.get("rotation_degrees") or 0,
        "deskew": p.get("deskew_degrees") or 0.0,
        "furniture": roles.get("header", 0) + roles.get("footer", 0) + roles.get("page_number", 0),
        "header": roles.get("header", 0),
        "footer": roles.get("footer", 0),
        "page_number": roles.get("page_number", 0),
        "tables": tables,
        "non_text": roles.get("non_text", 0),
        "columns": side_by_side_rows(body_lines),
    }


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    per_page = "--pages" in sys.argv[2:]
    print("| document | pages | source | turned | max deskew | header/footer/page no. lines | tables | non-text | side-by-side rows |")
    print("|---|---|---|---|---|---|---|---|---|")
    for f in sorted(out.glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if not isinstance(d, dict) or "pages" not in d:
            continue
        pages = [page_summary(p) for p in d["pages"]]
        sources = sorted({p["source"] for p in pages})
        turned = [f"p{i + 1}:{p['rotation']}°" for i, p in enumerate(pages) if p["rotation"]]
        deskew = max((abs(p["deskew"]) for p in pages), default=0.0)
        tables = [f"p{i + 1}:{t}" for i, p in enumerate(pages) for t in p["tables"]]
        name = f.name[: -len(".json")]
        name = name if len(name) <= 44 else "…" + name[-43:]
        print(
            f"| {name} | {len(pages)} | {'+'.join(sources)} | {' '.join(turned) or '-'} | {deskew:.1f}° "
            f"| {sum(p['header'] for p in pages)}/{sum(p['footer'] for p in pages)}/{sum(p['page_number'] for p in pages)} "
            f"| {' '.join(tables) or '-'} | {sum(p['non_text'] for p in pages)} | {sum(p['columns'] for p in pages)} |"
        )
        if per_page:
            for i, p in enumerate(pages):
                print(
                    f"|   page {i + 1} | | {p['source']} | {p['rotation']}° | {p['deskew']:.1f}° "
                    f"| {p['header']}/{p['footer']}/{p['page_number']} | {' '.join(p['tables']) or '-'} "
                    f"| {p['non_text']} | {p['columns']} |"
                )


if __name__ == "__main__":
    main()
