"""Rebuild `src/annales/data/coding/cameo.tsv` from the CAMEO->PLOVER conversion facts and our Goldstein table.

Usage:
    python tools/coding_build_cameo.py [--check] [--source ../shared/data/plover/CAMEO2PLOVER-2021.txt]

Only facts are taken from the source file (code, PLOVER type, mode, contexts, the code's short
name); the Goldstein weights (Goldstein 1992 as tabulated for CAMEO 3-digit codes) and the rows
for CAMEO 01/02, which the 2021 table leaves out, are written here. `--check` exits 1 when the
shipped table differs from what this script builds (the test suite runs it when ../shared is there).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from annales.codes import PLOVER_MODES

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "src" / "annales" / "data" / "coding" / "cameo.tsv"
SOURCE = REPO.parent / "shared" / "data" / "plover" / "CAMEO2PLOVER-2021.txt"

HEADER = (
    "# CAMEO codes: our table of facts. Columns: code, name, goldstein, quad, plover_type, plover_mode, "
    "contexts (;-separated).\n"
    "# Sources of the facts: CAMEO codebook names and Goldstein weights; CAMEO2PLOVER-2021 type/mode/context; "
    "01/02 rows are our decisions.\n"
    "# Quad is the GDELT class of the CAMEO root (01-05 verbal coop, 06-08 material coop, 09-13 verbal conflict, "
    "14-20 material conflict).\n"
    "# version: annales.coder.plover.v1\n"
    "# Overrides of the 2021 table: 163 (sanctions) -> SANCTION discontinue, as the 2024 manual (3.13) says; "
    "1712 mode destroy.\n"
)

# Goldstein weights of the 3-digit CAMEO codes; 2- and 4-digit codes take their 3-digit (or x0) weight.
GOLDSTEIN = {
    "010": 0.0, "011": -0.1, "012": -0.4, "013": 0.4, "014": 0.0, "015": 0.0, "016": 3.4, "017": 0.0, "018": 3.4,
    "019": 3.4, "020": 3.0, "021": 3.4, "022": 3.2, "023": 3.4, "024": -0.3, "025": -0.3, "026": 4.0, "027": 4.0,
    "028": 4.0, "030": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "034": 7.0, "035": 5.0, "036": 4.0, "037": 5.0,
    "038": 7.0, "039": 5.0, "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0,
    "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6.0, "055": 7.0, "056": 7.0, "057": 8.0, "060": 6.0,
    "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5,
    "075": 7.0, "080": 5.0, "081": 5.0, "082": 5.0, "083": 5.0, "084": 7.0, "085": 7.0, "086": 9.0, "087": 9.0,
    "090": -2.0, "091": -2.0, "092": -2.0, "093": -2.0, "094": -2.0, "100": -5.0, "101": -5.0, "102": -5.0,
    "103": -5.0, "104": -5.0, "105": -5.0, "106": -5.0, "107": -5.0, "108": -5.0, "110": -2.0, "111": -2.0,
    "112": -2.0, "113": -2.0, "114": -2.0, "115": -2.0, "116": -2.0, "120": -4.0, "121": -4.0, "122": -4.0,
    "123": -4.0, "124": -5.0, "125": -5.0, "126": -5.0, "127": -5.0, "128": -5.0, "129": -5.0, "130": -4.4,
    "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8, "135": -5.8, "136": -7.0, "137": -7.0, "138": -7.0,
    "139": -7.0, "140": -6.5, "141": -6.5, "142": -6.5, "143": -6.5, "144": -7.5, "145": -7.5, "150": -7.2,
    "151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2, "160": -4.0, "161": -4.0, "162": -5.6, "163": -8.0,
    "164": -7.0, "165": -7.0, "166": -7.0, "170": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0,
    "175": -9.0, "180": -9.0, "181": -9.0, "182": -9.5, "183": -10.0, "184": -8.0, "185": -8.0, "186": -10.0,
    "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0, "194": -10.0, "195": -10.0, "196": -9.5, "200": -10.0,
    "201": -9.5, "202": -10.0, "203": -10.0, "204": -10.0,
}  # fmt: skip

ROOTS = {
    "01": ("", "Make public statement"), "02": ("REQUEST", "Appeal"), "03": ("AGREE", "Express intent to cooperate"),
    "04": ("CONSULT", "Consult"), "05": ("SUPPORT", "Engage in diplomatic cooperation"),
    "06": ("COOPERATE", "Engage in material cooperation"), "07": ("AID", "Provide aid"), "08": ("CONCEDE", "Yield"),
    "09": ("ACCUSE", "Investigate"), "10": ("REQUEST", "Demand"), "11": ("ACCUSE", "Disapprove"),
    "12": ("REJECT", "Reject"), "13": ("THREATEN", "Threaten"), "14": ("PROTEST", "Protest"),
    "15": ("MOBILIZE", "Exhibit force posture"), "16": ("SANCTION", "Reduce relations"), "17": ("COERCE", "Coerce"),
    "18": ("ASSAULT", "Assault"), "19": ("ASSAULT", "Fight"), "20": ("ASSAULT", "Use unconventional mass violence"),
}  # fmt: skip

# CAMEO 01 statements: PLOVER codes no event for a plain statement. We map only 015 (CONCEDE) and 016 (REJECT),
# which the manual names as candidates, plus 018 sympathy (SUPPORT) and 019 accord (AGREE).
STATEMENTS = {
    "010": ("", "Make statement"), "011": ("", "Decline comment"), "012": ("", "Make pessimistic comment"),
    "013": ("", "Make optimistic comment"), "014": ("", "Consider policy option"),
    "015": ("CONCEDE", "Acknowledge or claim responsibility"), "016": ("REJECT", "Deny responsibility"),
    "017": ("", "Engage in symbolic act"), "018": ("SUPPORT", "Make empathetic comment"),
    "019": ("AGREE", "Express accord"),
}  # fmt: skip

# CAMEO 02 appeals become REQUEST with the mode and context of the matching 10 (demand) codes.
APPEALS = {
    "020": ("", "", "Make an appeal or request"), "021": ("assist", "", "Appeal for material cooperation"),
    "0211": ("assist", "economic", "Appeal for economic cooperation"),
    "0212": ("assist", "military", "Appeal for military cooperation"),
    "0213": ("assist", "legal", "Appeal for judicial cooperation"),
    "0214": ("assist", "intelligence", "Appeal for intelligence"),
    "022": ("assist", "diplomatic", "Appeal for diplomatic cooperation"), "023": ("assist", "", "Appeal for aid"),
    "0231": ("assist", "economic", "Appeal for economic aid"),
    "0232": ("assist", "military", "Appeal for military aid"),
    "0233": ("assist", "humanitarian", "Appeal for humanitarian aid"),
    "0234": ("assist", "peacekeeping", "Appeal for military protection or peacekeeping"),
    "024": ("change", "political_institutions", "Appeal for political reform"),
    "0241": ("change", "executive", "Appeal for change in leadership"),
    "0242": ("change", "executive", "Appeal for policy change"),
    "0243": ("change", "rights_freedoms", "Appeal for rights"),
    "0244": ("change", "political_institutions", "Appeal for change in institutions, regime"),
    "025": ("yield", "", "Appeal to yield"), "0251": ("yield", "", "Appeal for easing of administrative sanctions"),
    "0252": ("yield", "", "Appeal for easing of popular dissent"),
    "0253": ("yield", "", "Appeal for release of persons or property"),
    "0254": ("yield", "economic", "Appeal for easing of economic sanctions"),
    "0255": ("yield", "", "Appeal for target to allow international involvement"),
    "0256": ("yield", "military", "Appeal for de-escalation of military engagement"),
    "026": ("meet", "diplomatic", "Appeal to others to meet or negotiate"),
    "027": ("meet", "diplomatic", "Appeal to others to settle dispute"),
    "028": ("meet", "diplomatic", "Appeal to others to engage in mediation"),
}  # fmt: skip

# PLOVER modes of the manual; a mode word of the 2021 table outside this list is dropped (or renamed below).
MODES = PLOVER_MODES
RENAMED = {
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",
    ("ASSAULT", "cleansing"): "targeted",
    ("RETREAT", "return"): "release",
    ("COERCE", "ban"): "restrict",
    ("THREATEN", "ban"): "restrict",
}
# code -> (type, mode, contexts) overrides of the 2021 table, named in HEADER.
OVERRIDES = {"163": ("SANCTION", "discontinue", "economic")}
MODE_OVERRIDES = {"1712": "destroy"}


def read_conversion(text: str) -> dict[str, tuple[str, str, str, str]]:
    """Code -> (type, mode, contexts, name) from the CAMEO2PLOVER lines `code: TYPE, mode, context # name`."""
    rows: dict[str, tuple[str, str, str, str]] = {}
    for line in text.splitlines():
        match = re.match(r"^(\d{2,4}):\s*([^#]*)#?\s*(.*)$", line.strip())
        if not match:
            continue
        code, body, name = match.groups()
        parts = [part.strip() for part in body.split(",")]
        if len(parts) == 1:
            continue  # a root heading such as "03: AGREE"
        mode = parts[1].replace(" ", "") if len(parts) > 1 else ""
        contexts = ";".join(c.strip().replace("-", "_") for c in (parts[2] if len(parts) > 2 else "").split(";"))
        rows.setdefault(code, (parts[0], mode, contexts.strip(";"), name.strip()))
    return rows


def _goldstein(code: str) -> float:
    return GOLDSTEIN[code + "0"] if len(code) == 2 else GOLDSTEIN[code[:3]]


def _quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def build(conversion: str) -> str:
    """The text of cameo.tsv."""
    rows = read_conversion(conversion)
    for code, (mode, contexts, name) in APPEALS.items():
        rows[code] = ("REQUEST", mode, contexts, name)
    for code, (ptype, name) in STATEMENTS.items():
        rows[code] = (ptype, "", "", name)
    for code, (ptype, name) in ROOTS.items():
        rows[code] = (ptype, "", "", name)
    lines = []
    for code in sorted(rows, key=lambda c: (c[:2], c.ljust(4, "/"))):
        ptype, mode, contexts, name = rows[code]
        mode = RENAMED.get((ptype, mode), mode)
        if ptype and mode and mode not in MODES.get(ptype, set()):
            mode = ""
        if code in OVERRIDES:
            ptype, mode, contexts = OVERRIDES[code]
        mode = MODE_OVERRIDES.get(code, mode)
        lines.append("\t".join([code, name, str(_goldstein(code)), str(_quad(code)), ptype, mode, contexts]))
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=SOURCE, help="CAMEO2PLOVER-2021.txt")
    parser.add_argument("--check", action="store_true", help="compare with the shipped table instead of writing")
    args = parser.parse_args(argv)
    text = build(args.source.read_text(encoding="utf-8"))
    if args.check:
        same = TARGET.read_text(encoding="utf-8") == text
        sys.stdout.write(f"{TARGET}: {'up to date' if same else 'DIFFERS from the builder output'}\n")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
