"""Write the two sample PDFs of `data/raw/` from the seed texts.

    python scripts/make_sample_pdfs.py

1. `convention_paris_val-de-marne.pdf`: the convention of seed 002 (Markdown),
   laid out as a plain A4 document: title page, sommaire with dot leaders,
   bold headings, justified paragraphs.
2. `convention_paris_seine-saint-denis_fiches.pdf`: the convention part of
   seed 004, where each action ends with its form printed as real conventions
   print it: a two-column table, labels on the left, values on the right.

Both carry a running header and a "Page N sur M" footer on every page, so the
PDF reader has something to strip. The output is deterministic (reportlab's
`invariant` mode), so re-running the script gives the same bytes.

`action_forms()` exposes what the second PDF lays out, so tests can compare it
with what the reader recovers.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from io import BytesIO
from pathlib import Path
from typing import Optional, Union
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Flowable, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
VDM_SEED = RAW / "002_4f65e2fdb1af9030.txt"
SSD_SEED = RAW / "004_9955c5cae59c762c.txt"
VDM_PDF = RAW / "convention_paris_val-de-marne.pdf"
SSD_PDF = RAW / "convention_paris_seine-saint-denis_fiches.pdf"

VDM_HEADER = "Convention de coopération Paris – Val-de-Marne"
SSD_HEADER = "Convention de coopération Paris – Seine-Saint-Denis 2018-2020"

PAGE_W, PAGE_H = A4
MARGIN = 2.2 * cm
LABEL_COL = 5.6 * cm  # width of the label column of the action forms

Target = Union[str, Path, BytesIO]


# --------------------------------------------------------------------------
# Text clean-up shared by both documents
# --------------------------------------------------------------------------

# The standard Helvetica fonts only know WinAnsi (cp1252). The seeds carry a
# few characters outside it: Wingdings bullets from Word (private use area)
# and a stray "Ė" typed for "É".
CHAR_MAP = {"\uf0a7": "•", "\uf095": "•", "\uf0d8": "•", "\u0116": "É", "\u00a0": " "}


# reportlab writes "•" as code 127 of WinAnsi, which text extractors cannot map
# back ("(cid:127)"): lists get an en dash, as many French administrations print them.
LIST_BULLET = "–"


def pdf_safe(text: str) -> str:
    """NFC text that the standard PDF fonts can draw; fails loudly otherwise."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(CHAR_MAP.get(c, c) for c in text)
    text.encode("cp1252")  # raises UnicodeEncodeError on anything the fonts cannot show
    return text


def collapse(text: str) -> str:
    """One space between words (the seeds keep the justified spacing of their PDF)."""
    return re.sub(r"\s+", " ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Reflow hard-wrapped lines; a line ending in a word-hyphen joins without space."""
    out = ""
    for line in (l.strip() for l in lines):
        if not line:
            continue
        if not out:
            out = line
        elif re.search(r"\w-$", out):  # "Seine-" + "Saint-Denis"
            out += line
        else:
            out += " " + line
    return collapse(out)


# --------------------------------------------------------------------------
# Page furniture: running header and "Page N sur M" footer
# --------------------------------------------------------------------------

def numbered_canvas(header: str):
    """A canvas class that draws the running header and "Page N sur M" once M is known."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._page_states: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self._draw_furniture(total)
                super().showPage()
            super().save()

        def _draw_furniture(self, total: int) -> None:
            self.saveState()
            self.setFont("Helvetica-Oblique", 8.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(MARGIN, PAGE_H - 1.3 * cm, header)
            self.setLineWidth(0.4)
            self.line(MARGIN, PAGE_H - 1.45 * cm, PAGE_W - MARGIN, PAGE_H - 1.45 * cm)
            self.setFont("Helvetica", 8.5)
            self.drawCentredString(PAGE_W / 2, 1.2 * cm, f"Page {self._pageNumber} sur {total}")
            self.restoreState()

    return NumberedCanvas


class RecordingDoc(SimpleDocTemplate):
    """Remembers on which page each heading was drawn (for the tests' page checks)."""

    def __init__(self, target: Target, title: str):
        super().__init__(
            str(target) if isinstance(target, Path) else target, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=2.2 * cm, bottomMargin=2.0 * cm, title=title,
            author="délib sample generator", creator="délib", subject=title, invariant=1,
        )
        self.heading_pages: dict[str, int] = {}

    def afterFlowable(self, flowable):  # noqa: N802 (reportlab's name)
        heading = getattr(flowable, "heading_text", None)
        if heading:
            self.heading_pages.setdefault(heading, self.page)


# --------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------

def _style(name: str, **kw) -> ParagraphStyle:
    base = dict(fontName="Helvetica", fontSize=10, leading=13.2, alignment=TA_JUSTIFY,
                spaceAfter=6, hyphenationLang="", embeddedHyphenation=0, splitLongWords=0)
    base.update(kw)
    return ParagraphStyle(name, **base)


BODY = _style("body")
BULLET = _style("bullet", leftIndent=16, bulletIndent=4, spaceAfter=3)
TITLE = _style("title", fontName="Helvetica-Bold", fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=10)
H1 = _style("h1", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceBefore=12, spaceAfter=8,
            alignment=0, keepWithNext=1)
H2 = _style("h2", fontName="Helvetica-Bold", fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=6,
            alignment=0, keepWithNext=1)
H3 = _style("h3", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=8, spaceAfter=5,
            alignment=0, keepWithNext=1)
LABEL = _style("label", fontName="Helvetica-Bold", fontSize=9, leading=11.5, alignment=0, spaceAfter=0)
SUBLABEL = _style("sublabel", parent=LABEL, fontName="Helvetica", leftIndent=12)
VALUE = _style("value", fontSize=9, leading=11.5, alignment=0, spaceAfter=0)


def heading(text: str, style: ParagraphStyle) -> Paragraph:
    para = Paragraph(escape(text), style)
    para.heading_text = text
    return para


def markup(text: str) -> str:
    """Markdown emphasis (**bold**, *italic*) and <sup> -> reportlab paragraph markup."""
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text)  # plain "12e": a raised "e" would leave its line
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


# --------------------------------------------------------------------------
# Sommaire line with dot leaders
# --------------------------------------------------------------------------

class DotLeaderLine(Flowable):
    """A table-of-contents entry: title (wrapped), dots, page number flush right."""

    def __init__(self, title: str, page: str, bold: bool, indent: float = 0):
        super().__init__()
        self.title, self.page, self.indent = title, page, indent
        self.font = "Helvetica-Bold" if bold else "Helvetica"
        self.size, self.leading = 9.5, 12.5

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        room = avail_width - self.indent - 40
        self.lines = simpleSplit(self.title, self.font, self.size, room)
        self.height = len(self.lines) * self.leading + 3
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFont(self.font, self.size)
        y = self.height - self.size
        for line in self.lines:
            c.drawString(self.indent, y, line)
            y -= self.leading
        y += self.leading
        end_of_text = self.indent + stringWidth(self.lines[-1], self.font, self.size)
        number_x = self.width - stringWidth(self.page, self.font, self.size)
        dot_w = stringWidth(".", "Helvetica", self.size)
        n_dots = int((number_x - end_of_text - 8) / dot_w)
        if n_dots > 0:
            c.setFont("Helvetica", self.size)
            c.drawString(end_of_text + 4, y, "." * n_dots)
            c.setFont(self.font, self.size)
        c.drawRightString(self.width, y, self.page)


# --------------------------------------------------------------------------
# 1. Convention Paris – Val-de-Marne (seed 002, Markdown)
# --------------------------------------------------------------------------

TOC_LINE = re.compile(r"^(?P<title>.*?)\s*\.{2,}\s*(?P<page>.*)$")


def _vdm_heading_style(text: str) -> ParagraphStyle:
    if re.match(r"^(I|II|III)\)|^(Préambule|SOMMAIRE)$", text):
        return H1
    if re.match(r"^[A-F]\. ", text):
        return H2
    return H3


def vdm_flowables(seed_text: str) -> list[Flowable]:
    """The seed's Markdown as flowables: title page, sommaire, then the body."""
    lines = pdf_safe(seed_text).split("\n")
    story: list[Flowable] = [Spacer(1, 5 * cm)]
    i = 0
    # Title page: the bold lines before the sommaire.
    while not lines[i].startswith("## SOMMAIRE"):
        if lines[i].strip():
            story.append(Paragraph(escape(lines[i].strip().strip("*")), TITLE))
        i += 1
    story.append(PageBreak())
    story.append(heading("SOMMAIRE", H1))
    i += 1
    while not lines[i].startswith("## "):
        m = TOC_LINE.match(lines[i].strip())
        if m:
            bold = "<b>" in m["title"]
            title = re.sub(r"</?b>", "", m["title"]).strip()
            page = re.sub(r"</?b>", "", m["page"]).strip()
            indent = 0 if bold else 14
            story.append(DotLeaderLine(title, page, bold, indent))
        i += 1
    story.append(PageBreak())
    story.extend(_vdm_body(lines[i:]))
    return story


def _vdm_paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs; a paragraph cut by a page break of the source is rejoined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if line.strip():
            current.append(line)
            continue
        if current:
            paragraphs.append("\n".join(current))
            current = []
    merged: list[str] = []
    for para in paragraphs:
        previous = merged[-1] if merged else ""
        # The seed keeps the source's page breaks as blank lines in mid-sentence:
        # "… l'articulation avec" / "le Schéma Directeur …".
        if previous and not previous.startswith(("#", "-")) and re.match(r"^[a-zà-ÿ]", para) \
                and not re.search(r"[.:;!?»)]\s*$", previous):
            merged[-1] = previous + " " + para
        else:
            merged.append(para)
    return merged


def _vdm_body(lines: list[str]) -> list[Flowable]:
    story: list[Flowable] = []
    for para in _vdm_paragraphs(lines):
        if para.strip() == "---":
            continue
        if para.startswith("#"):
            text = para.lstrip("#").strip().replace("**", "").strip()
            style = _vdm_heading_style(text)
            if text.startswith("I) "):
                story.append(PageBreak())
            story.append(heading(text, style))
            continue
        for item in re.split(r"\n(?=- )", para):
            if item.startswith("- "):
                story.append(Paragraph(markup(collapse(item[2:])), BULLET, bulletText=LIST_BULLET))
            else:
                # Two trailing spaces are a Markdown line break (signature blocks).
                parts = [markup(collapse(p)) for p in re.split(r" {2,}\n", item)]
                story.append(Paragraph("<br/>".join(parts), BODY))
    return story


def vdm_headings() -> list[str]:
    """The axis (A.–F.) and action (1., 2., …) headings of seed 002, in order."""
    out = []
    for line in pdf_safe(VDM_SEED.read_text(encoding="utf-8")).split("\n"):
        if line.startswith("#"):
            text = line.lstrip("#").strip().replace("**", "").strip()
            if re.match(r"^([A-F]|\d)\. ", text):
                out.append(text)
    return out


def build_val_de_marne(target: Target = VDM_PDF) -> dict[str, int]:
    """Write the Val-de-Marne PDF; returns the page of each heading."""
    doc = RecordingDoc(target, "Convention de coopération entre la Ville de Paris et le Département du Val-de-Marne")
    story = vdm_flowables(VDM_SEED.read_text(encoding="utf-8"))
    doc.build(story, canvasmaker=numbered_canvas(VDM_HEADER))
    return doc.heading_pages


# --------------------------------------------------------------------------
# 2. Convention Paris – Seine-Saint-Denis with action forms (seed 004)
# --------------------------------------------------------------------------

AXE_RE = re.compile(r"^Axe\s+(\d+)\s*:\s*(.*)$")
ACTION_RE = re.compile(r"^Action\s+(?:n°\s*)?(\d+(?:\.\d+)?)\s*:\s*(.*)$")
PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")
BULLET_RE = re.compile(r"^(?:[•\-–])\s*")
FORM_START_RE = re.compile(r"^Délai de mise en œuvre")

# Labels of an action form as the seed prints them: sometimes without the
# colon, once split over two lines ("Services opérationnels" / "pilotes :"),
# sometimes with the value on the same line.
FORM_LABELS = [
    ("delai", re.compile(r"^Délai de mise en œuvre\s*:?\s*(.*)$")),
    ("services", re.compile(r"^Services opérationnels(?: pilotes)?\s*:?()$")),
    ("services", re.compile(r"^pilotes\s*:()$")),
    ("paris", re.compile(r"^Paris\s*:?()$")),
    ("ssd", re.compile(r"^Seine-Saint-Denis\s*:?()$")),
    ("budget", re.compile(r"^Budget estimé\s*:?\s*(.*)$")),
    ("partenaires", re.compile(r"^Partenaires mobilisés\s*:?\s*(.*)$")),
    ("indicateurs", re.compile(r"^Indicateurs de réalisation\s*:?\s*(.*)$")),
]
FORM_FIELDS = ("delai", "services", "budget", "partenaires", "indicateurs")
COLLECTIVITES = ("Paris", "Seine-Saint-Denis")

# In the seed the labels of a form come as one block and the values as
# another block below, so values are matched to labels by order. Where the
# order does not tell (a value missing, two cells run together, a service
# name wrapped over two lines), the form is written out here, from reading
# the seed. Every entry is checked against the seed's words (`_check_words`):
# a correction can move words between cells, never add or drop one.
# Multi-line cells use "\n" between the lines printed separately.
FORM_CORRECTIONS: dict[str, dict] = {
    # Four value blocks for five rows: no partner is named; "Formations et
    # journées communes" is what will be counted, i.e. the indicator.
    "2": dict(delai="2018",
              services={"Paris": ["MMPCR – DASES - DAJ"], "Seine-Saint-Denis": ["MMPCR – DADJ"]},
              budget="Mobilisation des ressources courantes", partenaires=None,
              indicateurs="Formations et journées communes"),
    # Partner and indicator run together in one block: "IRTS" is the partner.
    "5": dict(delai="2018",
              services={"Paris": ["DASES"], "Seine-Saint-Denis": ["DPAS"]},
              budget="Mobilisation des ressources courantes", partenaires="IRTS",
              indicateurs="Nombre de professionnels touchés par une action commune (1500 comme cible)"),
    # Five blocks for five rows, but the fourth is an indicator, not a partner:
    # the form names no partner and lists two indicators.
    "6": dict(delai="Lancement en 2018",
              services={"Paris": ["DASES"], "Seine-Saint-Denis": ["DEF - ASE"]},
              budget="Mobilisation des ressources courantes", partenaires=None,
              indicateurs="Réalisation d’inspection et de rapports\n"
                          "Bilan et perspectives d’amélioration du service rendu aux mineurs"),
    # Paris has three services (two wrapped over two lines); the Seine-Saint-Denis row is "DVD".
    "7.2": dict(delai="Mise en œuvre dès le démarrage de la convention",
                services={"Paris": ["DEVE – Agence d’Ecologie Urbaine – Division Impacts Santé/Environnement",
                                    "DU – Service de l’Aménagement",
                                    "DVD – Service de l’Aménagement et des Grands Projets"],
                          "Seine-Saint-Denis": ["DVD"]},
                budget="Mobilisation des ressources courantes", partenaires="Plaine Commune, Est Ensemble",
                indicateurs="Réalisation de l’étude – Gains espérés en qualité de l’air"),
    # Same layout as 7.2: three Paris services, then "DVD" for Seine-Saint-Denis.
    "8.1": dict(delai="Lancement en 2017, pour une poursuite de la mise en œuvre en 2018 et réception à "
                      "l'automne 2019.",
                services={"Paris": ["DVD – Section Territoriale de Voirie 10-19-20", "DVD – Agence de la Mobilité",
                                    "DU – Service de l’Aménagement"],
                          "Seine-Saint-Denis": ["DVD"]},
                budget="1 M€", partenaires="Aubervilliers, Pantin, Plaine Commune, Est Ensemble",
                indicateurs="Linéaire de piste cyclable créé, points noirs traités"),
    # One service each, both wrapped over two lines (the parc du Sausset is departmental).
    "9": dict(delai="2018-2019",
              services={"Paris": ["DEVE–Service des Sciences et Techniques du Végétal"],
                        "Seine-Saint-Denis": ["Service des politiques environnementales et de la biodiversité – "
                                              "Service du parc du Sausset"]},
              budget="Accompagnement AMO à définir en fonction du nombre de sites",
              partenaires="Communes de Seine-Saint-Denis, solliciter la MGP",
              indicateurs="Surfaces investies par des porteurs de projet"),
    # The Seine-Saint-Denis service (DNPB) wraps over two lines.
    "10": dict(delai="2018 pour la piste cyclable et 2020 pour le parc de la Bergère",
               services={"Paris": ["DVD"],
                         "Seine-Saint-Denis": ["DNPB – Service des politiques environnementales et de la "
                                               "biodiversité"]},
               budget="1,4M € pour la piste cyclable et 15 M € pour le parc de la Bergère",
               partenaires="EPT, Communes",
               indicateurs="Augmentation du nombre de cyclistes et du nombre de visiteurs"),
    # The blank line of the seed falls inside the partners' cell: "Structures
    # culturelles pour porter les projets" is a partner, the indicator is the
    # last line only.
    "11": dict(delai="2018/2019",
               services={"Paris": ["DASCO- DAC"], "Seine-Saint-Denis": ["DEJ-DCPSL"]},
               budget="30 000 €",
               partenaires="Artistes et compagnies, scientifiques, journalistes\n"
                           "Collèges en charge de l’accueil des résidences d’artistes\n"
                           "Structures culturelles pour porter les projets",
               indicateurs="Modalités de restitution des résidences artistiques"),
    # Four blocks: no partner named.
    "13": dict(delai="Printemps 2018",
               services={"Paris": ["DASCO"], "Seine-Saint-Denis": ["DCPSL"]},
               budget="Mobilisation des ressources courantes", partenaires=None,
               indicateurs="Nombre de jeunes concernés"),
    # Budget, partners and indicator run together in one block.
    "14": dict(delai="Lancé à l'occasion du projet Reconquête Urbaine",
               services={"Paris": ["DASCO - DAC"], "Seine-Saint-Denis": ["DEJ - DCPSL"]},
               budget="25.000 euros en 2017-2018",
               partenaires="Rectorat + trois collèges (deux en Seine-Saint-Denis, un à Paris) + Maison du Geste "
                           "et de l'Image + Compagnie « (S) Vrai »",
               indicateurs="Participation des élèves et de leurs familles, actions de restitution publique"),
    # Four blocks: no partner named.
    "16": dict(delai="Mise en œuvre dès le démarrage de la convention",
               services={"Paris": ["DAC, DAE"], "Seine-Saint-Denis": ["DCPSL, DINSI"]},
               budget="Mobilisation des ressources courantes", partenaires=None,
               indicateurs="Rapprochement des bases de données et mise en place d’outils numériques"),
    # The délai takes two paragraphs; no budget, no partner; the
    # Seine-Saint-Denis service wraps over two lines.
    "17": dict(delai="Pour le Projet image : Fin 2017 : lancement de l’AMO (2ème volet), choix du lieu "
                     "d’implantation. Mise en place du partenariat institutionnel. Ouverture 2020.\n"
                     "Pour l'action de mise en réseau : réunion des acteurs courant 2018.",
               services={"Paris": ["DAC, DAE, DASCO"],
                         "Seine-Saint-Denis": ["DCPSL (pilotage), autres directions (DEJ, DDMH, DEIAT, DADJ)"]},
               budget=None, partenaires=None, indicateurs="Mise en place d’un réseau métropolitain"),
    # Services and budget run together in one block.
    "20": dict(delai="2020",
               services={"Paris": ["DASES - DJS"], "Seine-Saint-Denis": ["DCPSL - DPAPH"]},
               budget="A préciser par l’association de préfiguration",
               partenaires="Membres de l’association de préfiguration du Pôle",
               indicateurs="Livraison du Pôle"),
}


def _convention_lines() -> list[str]:
    """Seed 004 from the convention's préambule to the end of its last action."""
    lines = SSD_SEED.read_text(encoding="utf-8").split("\n")
    start = next(i for i, l in enumerate(lines) if l.strip() == "Préambule")
    end = next(i for i in range(start, len(lines))
               if lines[i].strip().startswith("Suivi, bilan et ajustements"))
    # Drop the source's printed page numbers ("      7"), keep blank lines.
    return [pdf_safe(l) for l in lines[start:end] if not PAGE_NUMBER_RE.match(l) or not l.strip()]


def _match_label(line: str) -> Optional[tuple[str, str]]:
    for field, pattern in FORM_LABELS:
        m = pattern.match(line)
        if m:
            return field, m.group(1).strip()
    return None


def _parse_form(number: str, region: list[str]) -> dict:
    """The values of one action form, from the seed lines between "Délai…" and the next heading."""
    inline: dict[str, list[str]] = {}
    blocks: list[list[str]] = []
    pending: list[str] = []
    inline_field = None
    for raw in region + [""]:
        line = raw.strip()
        label = _match_label(line) if line else None
        if not line or label:
            if pending:
                blocks.append(pending)
                pending = []
            inline_field = None
        if label:
            field, rest = label
            if rest:  # "Indicateurs de réalisation : Centralisation …" goes on below
                inline[field] = [rest]
                inline_field = field
        elif line:
            if inline_field:
                inline[inline_field].append(line)
            else:
                pending.append(line)

    correction = FORM_CORRECTIONS.get(number)
    if correction is not None:
        form = {f: correction[f] for f in FORM_FIELDS}
    else:
        form = _forms_by_order(number, inline, blocks)
    _check_words(number, region, form)
    return form


def _forms_by_order(number: str, inline: dict[str, list[str]], blocks: list[list[str]]) -> dict:
    slots = [f for f in FORM_FIELDS if f not in inline]
    if len(blocks) != len(slots) or len(blocks[slots.index("services")]) != 2:
        raise ValueError(f"action {number}: value blocks do not line up with the labels; "
                         f"add it to FORM_CORRECTIONS after reading the seed")
    form: dict = {f: join_lines(v) for f, v in inline.items()}
    for field, block in zip(slots, blocks):
        if field == "services":
            form["services"] = {"Paris": [collapse(block[0])], "Seine-Saint-Denis": [collapse(block[1])]}
        else:
            form[field] = join_lines(block)
    return {f: form[f] for f in FORM_FIELDS}


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def _check_words(number: str, region: list[str], form: dict) -> None:
    """The form holds exactly the words of the seed's value lines: none lost, none invented."""
    seed_words: Counter = Counter()
    for raw in region:
        line = raw.strip()
        label = _match_label(line)
        seed_words += _words(label[1] if label else line)
    values = [v for f in FORM_FIELDS if f != "services" for v in [form[f]] if v]
    values += [s for coll in COLLECTIVITES for s in form["services"][coll]]
    form_words = _words(" ".join(values))
    if form_words != seed_words:
        raise ValueError(f"action {number}: form words differ from the seed: "
                         f"missing {seed_words - form_words}, extra {form_words - seed_words}")


def _ssd_blocks() -> list[dict]:
    """Seed 004's convention as a list of blocks: heading, paragraph, bullet, form."""
    lines = _convention_lines()
    blocks: list[dict] = []
    i = 0
    current_action = None
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        m_axe, m_action = AXE_RE.match(line), ACTION_RE.match(line)
        if line == "Préambule" or m_axe or m_action:
            heading_lines = [line]
            i += 1
            while i < len(lines) and lines[i].strip():
                heading_lines.append(lines[i])
                i += 1
            if m_axe:
                blocks.append(dict(kind="axe", number=m_axe[1], title=None, lines=heading_lines))
            elif m_action:
                current_action = m_action[1]
                blocks.append(dict(kind="action", number=current_action, title=None, lines=heading_lines))
            else:
                blocks.append(dict(kind="preambule", lines=heading_lines))
            continue
        if FORM_START_RE.match(line):
            region = []
            while i < len(lines) and not _is_heading(lines[i]):
                region.append(lines[i])
                i += 1
            blocks.append(dict(kind="form", number=current_action, region=region))
            continue
        para = []
        while i < len(lines) and lines[i].strip() and not _is_heading(lines[i]) \
                and not FORM_START_RE.match(lines[i].strip()):
            para.append(lines[i])
            i += 1
        _add_paragraph(blocks, para)
    for block in blocks:
        if block["kind"] in ("axe", "action"):
            text = join_lines(block["lines"])
            block["heading"] = text
            block["title"] = collapse(text.split(":", 1)[1])
    return blocks


def _is_heading(line: str) -> bool:
    line = line.strip()
    return bool(AXE_RE.match(line) or ACTION_RE.match(line))


def _add_paragraph(blocks: list[dict], para: list[str]) -> None:
    """Split a blank-line block into bullet items; rejoin text cut by a page break of the source."""
    items: list[list[str]] = []
    for line in para:
        if BULLET_RE.match(line.strip()) or not items:
            items.append([line])
        else:
            items[-1].append(line)
    for n, item in enumerate(items):
        text = join_lines(item)
        bullet = bool(BULLET_RE.match(text))
        if bullet:
            text = BULLET_RE.sub("", text)
        previous = blocks[-1] if blocks else None
        # "… des prestations hors" / "" / "les murs ;": a block starting in lower
        # case continues the one before (a page break of the source).
        if n == 0 and not bullet and previous and re.match(r"^[a-zà-ÿ]", text) \
                and previous["kind"] in ("paragraph", "bullet", "action"):
            if previous["kind"] == "action":
                previous["lines"].append(text)
            else:
                previous["text"] += " " + text
            continue
        blocks.append(dict(kind="bullet" if bullet else "paragraph", text=text))


def action_forms() -> list[dict]:
    """Every action form of the Seine-Saint-Denis PDF, in document order.

    Each dict: number ("1", "7.1"…), title, delai, services {"Paris": [...],
    "Seine-Saint-Denis": [...]} (one entry per printed line), budget,
    partenaires, indicateurs (str, "\\n" between separately printed lines, or
    None when the form leaves the cell blank).
    """
    titles = {}
    forms = []
    for block in _ssd_blocks():
        if block["kind"] == "action":
            titles[block["number"]] = block["title"]
        elif block["kind"] == "form":
            form = _parse_form(block["number"], block["region"])
            forms.append(dict(number=block["number"], title=titles[block["number"]], **form))
    return forms


def ssd_headings() -> list[str]:
    """The axis and action headings of the Seine-Saint-Denis PDF ("Axe 1 : …", "Action n°1 : …")."""
    return [b["heading"] for b in _ssd_blocks() if b["kind"] in ("axe", "action")]


def _cell(text: Optional[str]) -> Paragraph:
    lines = (text or "").split("\n")
    return Paragraph("<br/>".join(escape(l) for l in lines), VALUE)


def form_table(form: dict) -> Table:
    """The action form as a two-column table: labels left, values right."""
    rows = [
        [Paragraph("Délai de mise en œuvre :", LABEL), _cell(form["delai"])],
        [Paragraph("Services opérationnels pilotes :", LABEL), ""],
        [Paragraph("Paris :", SUBLABEL), _cell("\n".join(form["services"]["Paris"]))],
        [Paragraph("Seine-Saint-Denis :", SUBLABEL), _cell("\n".join(form["services"]["Seine-Saint-Denis"]))],
        [Paragraph("Budget estimé :", LABEL), _cell(form["budget"])],
        [Paragraph("Partenaires mobilisés :", LABEL), _cell(form["partenaires"])],
        [Paragraph("Indicateurs de réalisation :", LABEL), _cell(form["indicateurs"])],
    ]
    table = Table(rows, colWidths=[LABEL_COL, PAGE_W - 2 * MARGIN - LABEL_COL])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#E8EEF4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        # "Services opérationnels pilotes" and its two sub-rows read as one group.
        ("LINEBELOW", (0, 1), (-1, 1), 0.25, colors.HexColor("#BBBBBB")),
    ]))
    return table


def ssd_flowables() -> list[Flowable]:
    story: list[Flowable] = [Spacer(1, 5 * cm)]
    for line in ("Convention de coopération 2018-2020", "entre", "la Ville de Paris", "et",
                 "le Département de la Seine-Saint-Denis"):
        story.append(Paragraph(escape(line), TITLE))
    story.append(PageBreak())
    for block in _ssd_blocks():
        kind = block["kind"]
        if kind == "preambule":
            story.append(heading("Préambule", H1))
        elif kind == "axe":
            story.append(heading(block["heading"], H1))
        elif kind == "action":
            style = H3 if "." in block["number"] else H2
            story.append(heading(block["heading"], style))
        elif kind == "paragraph":
            story.append(Paragraph(escape(block["text"]), BODY))
        elif kind == "bullet":
            story.append(Paragraph(escape(block["text"]), BULLET, bulletText=LIST_BULLET))
        elif kind == "form":
            form = _parse_form(block["number"], block["region"])
            story.append(Spacer(1, 4))
            story.append(KeepTogether([form_table(form)]))
            story.append(Spacer(1, 10))
    return story


def build_seine_saint_denis(target: Target = SSD_PDF) -> dict[str, int]:
    """Write the Seine-Saint-Denis PDF with its action forms; returns the page of each heading."""
    doc = RecordingDoc(target, "Convention de coopération 2018-2020 entre la Ville de Paris et le "
                               "Département de la Seine-Saint-Denis")
    doc.build(ssd_flowables(), canvasmaker=numbered_canvas(SSD_HEADER))
    return doc.heading_pages


def main() -> None:
    for build, path in ((build_val_de_marne, VDM_PDF), (build_seine_saint_denis, SSD_PDF)):
        pages = build(path)
        print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size // 1024} KB, "
              f"{len(pages)} headings)")


if __name__ == "__main__":
    main()
