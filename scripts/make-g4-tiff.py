#!/usr/bin/env python3
"""Write a deterministic multi-page bilevel TIFF, CCITT Group 4 (T.6)
compressed, the way archive scanners store long scans. Pure Python (no
PIL, no libtiff): the G4 coding is done here.

  python3 scripts/make-g4-tiff.py OUT.tif [--pages 5000] [--width 2480]
      [--height 3508] [--dpi 300] [--content blank|ruled]

blank: white A4 pages at 300 dpi (624 bytes a page with its directory:
       5,000 pages are 3.1 MB). The issue's "TIFF of blank G4 pages"; cheap to OCR, so
       a 5,000-page run measures the ingest and the per-page bookkeeping.
ruled: a frame and ruled lines, different on every page (exercises every
       coding mode). Checked against poppler's decoder: `img2pdf` the TIFF
       (it passes G4 through) and `pdfimages` gives back every pixel.

Used for BENCHMARKS.md's peak memory of a 5,000-page TIFF.
"""
import argparse, struct

# Run-length codes of ITU-T T.4 (terminating 0-63, make-up 64-2560), as
# bit strings; the make-up codes from 1792 up are shared by both colours.
BLACK = {
    0: "0000110111", 1: "010", 2: "11", 3: "10", 4: "011", 5: "0011", 6: "0010", 7:
    "00011", 8: "000101", 9: "000100", 10: "0000100", 11: "0000101", 12: "0000111", 13:
    "00000100", 14: "00000111", 15: "000011000", 16: "0000010111", 17: "0000011000", 18:
    "0000001000", 19: "00001100111", 20: "00001101000", 21: "00001101100", 22:
    "00000110111", 23: "00000101000", 24: "00000010111", 25: "00000011000", 26:
    "000011001010", 27: "000011001011", 28: "000011001100", 29: "000011001101", 30:
    "000001101000", 31: "000001101001", 32: "000001101010", 33: "000001101011", 34:
    "000011010010", 35: "000011010011", 36: "000011010100", 37: "000011010101", 38:
    "000011010110", 39: "000011010111", 40: "000001101100", 41: "000001101101", 42:
    "000011011010", 43: "000011011011", 44: "000001010100", 45: "000001010101", 46:
    "000001010110", 47: "000001010111", 48: "000001100100", 49: "000001100101", 50:
    "000001010010", 51: "000001010011", 52: "000000100100", 53: "000000110111", 54:
    "000000111000", 55: "000000100111", 56: "000000101000", 57: "000001011000", 58:
    "000001011001", 59: "000000101011", 60: "000000101100", 61: "000001011010", 62:
    "000001100110", 63: "000001100111", 64: "0000001111", 128: "000011001000", 192:
    "000011001001", 256: "000001011011", 320: "000000110011", 384: "000000110100", 448:
    "000000110101", 512: "0000001101100", 576: "0000001101101", 640: "0000001001010",
    704: "0000001001011", 768: "0000001001100", 832: "0000001001101", 896:
    "0000001110010", 960: "0000001110011", 1024: "0000001110100", 1088: "0000001110101",
    1152: "0000001110110", 1216: "0000001110111", 1280: "0000001010010", 1344:
    "0000001010011", 1408: "0000001010100", 1472: "0000001010101", 1536:
    "0000001011010", 1600: "0000001011011", 1664: "0000001100100", 1728:
    "0000001100101", 1792: "00000001000", 1856: "00000001100", 1920: "00000001101",
    1984: "000000010010", 2048: "000000010011", 2112: "000000010100", 2176:
    "000000010101", 2240: "000000010110", 2304: "000000010111", 2368: "000000011100",
    2432: "000000011101", 2496: "000000011110", 2560: "000000011111",
}
WHITE = {
    0: "00110101", 1: "000111", 2: "0111", 3: "1000", 4: "1011", 5: "1100", 6: "1110",
    7: "1111", 8: "10011", 9: "10100", 10: "00111", 11: "01000", 12: "001000", 13:
    "000011", 14: "110100", 15: "110101", 16: "101010", 17: "101011", 18: "0100111", 19:
    "0001100", 20: "0001000", 21: "0010111", 22: "0000011", 23: "0000100", 24:
    "0101000", 25: "0101011", 26: "0010011", 27: "0100100", 28: "0011000", 29:
    "00000010", 30: "00000011", 31: "00011010", 32: "00011011", 33: "00010010", 34:
    "00010011", 35: "00010100", 36: "00010101", 37: "00010110", 38: "00010111", 39:
    "00101000", 40: "00101001", 41: "00101010", 42: "00101011", 43: "00101100", 44:
    "00101101", 45: "00000100", 46: "00000101", 47: "00001010", 48: "00001011", 49:
    "01010010", 50: "01010011", 51: "01010100", 52: "01010101", 53: "00100100", 54:
    "00100101", 55: "01011000", 56: "01011001", 57: "01011010", 58: "01011011", 59:
    "01001010", 60: "01001011", 61: "00110010", 62: "00110011", 63: "00110100", 64:
    "11011", 128: "10010", 192: "010111", 256: "0110111", 320: "00110110", 384:
    "00110111", 448: "01100100", 512: "01100101", 576: "01101000", 640: "01100111", 704:
    "011001100", 768: "011001101", 832: "011010010", 896: "011010011", 960: "011010100",
    1024: "011010101", 1088: "011010110", 1152: "011010111", 1216: "011011000", 1280:
    "011011001", 1344: "011011010", 1408: "011011011", 1472: "010011000", 1536:
    "010011001", 1600: "010011010", 1664: "011000", 1728: "010011011", 1792:
    "00000001000", 1856: "00000001100", 1920: "00000001101", 1984: "000000010010", 2048:
    "000000010011", 2112: "000000010100", 2176: "000000010101", 2240: "000000010110",
    2304: "000000010111", 2368: "000000011100", 2432: "000000011101", 2496:
    "000000011110", 2560: "000000011111",
}

MODES = {
    "P": "0001", "H": "001", 0: "1",
    1: "011", 2: "000011", 3: "0000011",
    -1: "010", -2: "000010", -3: "0000010",
}
EOL = "000000000001"


class Bits:
    def __init__(self):
        self.parts = []

    def put(self, s):
        self.parts.append(s)

    def run(self, length, black):
        table = BLACK if black else WHITE
        while length >= 2560:
            self.put(table[2560])
            length -= 2560
        if length >= 64:
            self.put(table[length // 64 * 64])
        self.put(table[length % 64])

    def bytes(self):
        s = "".join(self.parts)
        s += "0" * (-len(s) % 8)
        return int(s, 2).to_bytes(len(s) // 8, "big") if s else b""


def changes(runs):
    """Changing elements of a row given as sorted black runs [(start, end))."""
    out = []
    for a, b in runs:
        out += [a, b]
    return out


def encode(rows, width):
    """T.6 coding of rows (each a list of black runs); the first reference
    line is all white."""
    bits = Bits()
    ref = []
    for runs in rows:
        cur = changes(runs)
        a0, colour = -1, 0  # 0 white, 1 black
        while True:
            a1 = next((c for c in cur if c > a0), width)
            # b1: first change on the reference line right of a0 to the
            # colour opposite a0's (even indices turn black, odd white).
            i = next((i for i, c in enumerate(ref) if c > a0 and i % 2 == colour), len(ref))
            b1 = ref[i] if i < len(ref) else width
            b2 = ref[i + 1] if i + 1 < len(ref) else width
            if b2 < a1:
                bits.put(MODES["P"])
                a0 = b2
            elif abs(a1 - b1) <= 3:
                bits.put(MODES[a1 - b1])
                a0, colour = a1, colour ^ 1
            else:
                a2 = next((c for c in cur if c > a1), width)
                bits.put(MODES["H"])
                bits.run(a1 - max(a0, 0), colour == 1)
                bits.run(a2 - a1, colour == 0)
                a0 = a2
            if a0 >= width:
                break
        ref = cur
    bits.put(EOL + EOL)
    return bits.bytes()


def page_rows(n, width, height, content):
    if content == "blank":
        return [[] for _ in range(height)]
    rows = []
    m = width // 12
    for y in range(height):
        if y < m or y >= height - m:
            rows.append([])
        elif y < m + 8 or y >= height - m - 8:
            rows.append([(m, width - m)])
        elif (y - m) % (60 + n % 7) < 4:
            # A ruled line, its length varying by page and line.
            end = width - m - 8 - ((y * 37 + n * 101) % (width // 3))
            rows.append([(m, m + 8), (m + 40, end), (width - m - 8, width - m)])
        else:
            rows.append([(m, m + 8), (width - m - 8, width - m)])
    return rows


def ifd(entries, next_offset):
    entries = sorted(entries)
    out = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        out += struct.pack("<HHI", tag, typ, count) + value.ljust(4, b"\0")
    return out + struct.pack("<I", next_offset)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--width", type=int, default=2480)
    ap.add_argument("--height", type=int, default=3508)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--content", choices=["blank", "ruled"], default="blank")
    a = ap.parse_args()
    SHORT, LONG, RATIONAL = 3, 4, 5
    with open(a.out, "wb") as f:
        f.write(b"II*\0" + struct.pack("<I", 8))
        blank = None
        for n in range(a.pages):
            if a.content == "blank":
                blank = blank or encode(page_rows(n, a.width, a.height, "blank"), a.width)
                data = blank
            else:
                data = encode(page_rows(n, a.width, a.height, a.content), a.width)
            here = f.tell()
            # Layout per page: IFD, resolution rationals, then the strip.
            count = 14
            ifd_len = 2 + 12 * count + 4
            res_at = here + ifd_len
            strip_at = res_at + 8
            nxt = strip_at + len(data)
            nxt += nxt % 2
            h = lambda v: struct.pack("<H", v)
            l = lambda v: struct.pack("<I", v)
            entries = [
                (254, LONG, 1, l(2)),  # NewSubfileType: a page of many
                (256, LONG, 1, l(a.width)),
                (257, LONG, 1, l(a.height)),
                (258, SHORT, 1, h(1)),  # 1 bit
                (259, SHORT, 1, h(4)),  # CCITT Group 4
                (262, SHORT, 1, h(0)),  # WhiteIsZero
                (273, LONG, 1, l(strip_at)),
                (277, SHORT, 1, h(1)),
                (278, LONG, 1, l(a.height)),
                (279, LONG, 1, l(len(data))),
                (282, RATIONAL, 1, l(res_at)),
                (283, RATIONAL, 1, l(res_at)),
                (296, SHORT, 1, h(2)),  # inches
                (297, SHORT, 2, h(n) + h(a.pages)),
            ]
            assert len(entries) == count
            last = n == a.pages - 1
            f.write(ifd(entries, 0 if last else nxt))
            f.write(struct.pack("<II", a.dpi, 1))
            f.write(data)
            if f.tell() % 2:
                f.write(b"\0")


if __name__ == "__main__":
    main()
