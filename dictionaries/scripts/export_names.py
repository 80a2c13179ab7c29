#!/usr/bin/env python3
"""Export a Swedish person-name lexicon for the header reader.

usage: export_names.py OUT.tsv

Source: the person data of the Python package Faker (MIT licence), locales
sv_SE (given names and surnames) and no_NO, da_DK, fi_FI (given names only:
Nordic first names common in Swedish membership lists). One line per name:
`name<TAB>given|surname`, sorted, deduplicated (a name that is both is listed
once per kind). Install with `pip install faker`; the Faker version used is
written in the header comment.
"""
import importlib, sys

import faker

def names(locale, attr):
    mod = importlib.import_module(f"faker.providers.person.{locale}")
    out = set()
    for a in attr:
        v = getattr(mod.Provider, a, ())
        for n in v:
            n = n.strip()
            # Single words (or hyphenated), letters only: what a list prints.
            if n and all(c.isalpha() or c == "-" for c in n) and n[0].isupper():
                out.add(n)
    return out

given = set()
for loc in ("sv_SE", "no_NO", "da_DK", "fi_FI"):
    given |= names(loc, ("first_names_male", "first_names_female", "first_names"))
surnames = names("sv_SE", ("last_names",))

rows = sorted({(n, "given") for n in given} | {(n, "surname") for n in surnames})
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(f"# Faker {faker.VERSION} (MIT): sv_SE, no_NO, da_DK, fi_FI given names; sv_SE surnames\n")
    for n, k in rows:
        f.write(f"{n}\t{k}\n")
print(f"{len(given)} given names, {len(surnames)} surnames")
