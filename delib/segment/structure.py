"""Build the structure tree of a convention from its headings.

A cascade: headings are found first (headings.py); here they are given a kind
and a parent, and the traps of real conventions are avoided:
- a table of contents repeats every title: headings inside it are skipped;
- a bilan of an earlier agreement has axes of its own: nothing under a bilan
  part becomes an axis or an action;
- a report that summarises the convention lists the same axes in other words:
  when the axis numbering starts again, the run that carries actions wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from delib.model import Document, Segment
from delib.segment.headings import Heading, find_headings, toc_spans

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
# Lettered headings are axes only where axes are expected: in a part about axes, or at the
# top level of an agreement. Elsewhere (« A. Budget principal » in minutes) they are sections.
AXES_PART = re.compile(r"\baxes?\b|orientations|priorit", re.I)
AGREEMENT_HEAD = re.compile(r"\b(convention|protocole|accord|contrat|charte|pacte)\b", re.I)
# « A. Les axes stratégiques du PEDT »: a heading that announces the axes holds them; the
# numbered headings under it (« 1. La promotion de la santé ») are the axes.
AXES_CONTAINER = re.compile(r"\b(?:les|nos|des|\d+|trois|quatre|cinq|six)\s+(?:grands?\s+)?(?:axes|orientations|priorit[ée]s"
                            r"|enjeux|piliers)\b", re.I)
# Titles of a convention's own machinery (« Titre II – Gouvernance », « Volet 3 : Suivi et
# évaluation »): a part of the document, not an axis, whatever word numbers it.
NOT_AN_AXIS = re.compile(r"^(?:la\s+|le\s+|les\s+)?(?:gouvernance|pilotage|suivi|[ée]valuation|dispositions|objet\b"
                         r"|dur[ée]e|engagements?\s+des\s+parties|modalit[ée]s|signatures?|bilan|sommaire|pr[ée]ambule"
                         r"|annexes?)", re.I)
PART_KINDS = [
    ("bilan", re.compile(r"\bbilan\b", re.I)),
    ("pilotage", re.compile(r"pilotage|gouvernance|suivi", re.I)),
    ("duree", re.compile(r"\bdur[ée]e\b", re.I)),
    ("preambule", re.compile(r"pr[ée]ambule", re.I)),
    ("annexe", re.compile(r"\bannexe", re.I)),
]


def ordinal(number: str | None) -> float:
    """Sortable value of a printed number: 'B' -> 2, 'iv' -> 4, '7.1' -> 7.1."""
    if not number:
        return 0
    n = number.strip().lower()
    if n in ROMAN:
        return ROMAN[n]
    if re.fullmatch(r"[a-h]", n):
        return ord(n) - ord("a") + 1
    if m := re.fullmatch(r"([a-h])\.(\d{1,2})", n):  # « B.2 »: second action of axis B
        return ord(m[1]) - ord("a") + 1 + int(m[2]) / 100
    if n.count(".") > 1:  # « 1.2.3 »
        n = ".".join(n.split(".")[:2])
    try:
        return float(n)
    except ValueError:
        return 0


@dataclass
class Node:
    kind: str
    heading: Heading
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)
    end: int = 0


@dataclass
class AxisRun:
    """Axes numbered in one sequence (1, 2, 3…); a restart at 1 opens a new run."""

    axes: list[Node] = field(default_factory=list)

    @property
    def n_actions(self) -> int:
        return sum(1 for a in self.axes for c in a.children if c.kind == "action")


def _part_kind(title: str) -> str:
    for kind, pattern in PART_KINDS:
        if pattern.search(title):
            return kind
    return "section"


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset <= b for a, b in spans)


class StructureBuilder:
    """Walks the headings in order and keeps the current part, axis and action."""

    def __init__(self, text: str):
        self.text = text
        self.agreement = bool(AGREEMENT_HEAD.search(text[:2000]))
        self.nodes: list[Node] = []
        self.part: Node | None = None
        self.axis: Node | None = None
        self.action: Node | None = None
        self.runs: list[AxisRun] = []
        self.container: Node | None = None  # a heading that announces the axes under it

    def add(self, h: Heading) -> None:
        handler = getattr(self, "_on_" + h.scheme.split(":")[0])
        handler(h)

    def _close_container(self) -> None:
        if self.container is not None:
            self.container = None
            self.axis = self.action = None

    def _new(self, kind: str, h: Heading, parent: Node | None) -> Node:
        node = Node(kind, h, parent)
        if parent:
            parent.children.append(node)
        self.nodes.append(node)
        return node

    def _on_named(self, h: Heading) -> None:
        self._close_container()
        kind = h.scheme.split(":")[1]
        numbered_part = self.part if self.part is not None and self.part.heading.scheme == "roman" else None
        if numbered_part is not None and kind in ("pilotage", "duree") and self.axis is None:
            self._new(kind, h, numbered_part)  # « Pilotage : » under « III. Pilotage et gestion… »
            return
        self.part = self._new(kind, h, None)
        self.axis = self.action = None

    def _on_roman(self, h: Heading) -> None:
        romans = [n for n in self.nodes if n.heading.scheme == "roman"]
        # « V. Dupont » is not part V when there was no part IV; « I. » starts the parts again
        # (after a table of contents that lost its page numbers)
        if not self._follows(h, romans) and ordinal(h.number) != 1:
            return
        self._close_container()
        self.part = self._new(_part_kind(h.title), h, None)
        self.axis = self.action = None

    def _on_axe(self, h: Heading) -> None:
        if self.part is not None and self.part.kind == "bilan":
            return  # axes of an earlier agreement
        if h.scheme == "axe" and NOT_AN_AXIS.match(h.title):
            self.part = self._new(_part_kind(h.title), h, None)
            self.axis = self.action = self.container = None
            return
        if self.axis is not None and self._restates_axis(h):
            return  # a fiche reminding its axis (« Axe stratégique : 1 – … »), or a running header
        if h.scheme == "letter" and self.container is not None:
            self._close_container()  # « B. La mise en œuvre » after the axes of « A. Les axes… »
        if h.scheme == "letter" and AXES_CONTAINER.search(h.title) and self._axes_expected():
            self.container = self._new("section", h, self.part)
            self.axis = self.action = None
            return
        parent = self.part if self.part is not None and self.part.kind == "section" else None
        if parent is None:
            self.part = None
        previous = self.runs[-1].axes[-1] if self.runs and self.runs[-1].axes else None
        restart = previous is None or ordinal(h.number) <= ordinal(previous.heading.number)
        if h.number is None and previous is not None and previous.heading.number is None:
            restart = False  # unnumbered axes (« Orientation stratégique : … ») make one run
        if h.scheme == "letter":
            if not (ordinal(h.number) == 1 if restart else self._follows(h, [previous])):
                return  # « D. Martin » or a stray letter is not an axis
            if not self._axes_expected():
                self._new("section", h, self.part)
                self.axis = self.action = None
                return
        if restart:
            self.runs.append(AxisRun())
        self.axis = self._new("axe", h, parent)
        self.runs[-1].axes.append(self.axis)
        self.action = None

    _on_letter = _on_axe

    def _restates_axis(self, h: Heading) -> bool:
        same_title = h.title.casefold() == self.axis.heading.title.casefold()
        same_number = h.number is not None and h.number == self.axis.heading.number and h.scheme == "axe"
        return same_title or same_number

    def _on_digit(self, h: Heading) -> None:
        if self.container is not None and (self.axis is None or self.axis.parent is self.container):
            if self.axis is None and ordinal(h.number) != 1 or self.axis is not None and not self._follows(h, [self.axis]):
                return
            self.axis = self._new("axe", h, self.container)
            if not self.runs or self.axis.heading.number == "1":
                self.runs.append(AxisRun())
            self.runs[-1].axes.append(self.axis)
            self.action = None
            return
        self._on_action(h)

    def _on_action(self, h: Heading) -> None:
        if self.axis is None and h.scheme == "digit":
            return  # a numbered list outside any axis is not an action
        if self.part is not None and self.part.kind in ("bilan", "pilotage", "duree", "annexe", "glossaire"):
            if self.axis is None or self.axis.heading.start < self.part.heading.start:
                return
        if "." in (h.number or "") and self.action is not None:
            major = h.number.split(".")[0]
            parent_action = self.action if self.action.kind == "action" else self.action.parent
            if parent_action is not None and parent_action.heading.number == major:
                self.action = parent_action
                self._new("sub_action", h, parent_action)
                return
        if h.scheme == "digit" and not self._next_in_sequence(h):
            return
        self.action = self._new("action", h, self.axis)

    def _on_sub(self, h: Heading) -> None:
        """« Opération 2 : … » belongs to the action it follows (a sub-action's action)."""
        action = self.action.parent if self.action is not None and self.action.kind == "sub_action" else self.action
        if action is not None:
            self.action = self._new("sub_action", h, action)

    def _on_roman_low(self, h: Heading) -> None:
        if self.action is not None and self.action.kind == "action":
            self._new("sub_action", h, self.action)

    _on_letter_low = _on_roman_low

    def _axes_expected(self) -> bool:
        if self.part is not None:
            return self.part.kind == "section" and bool(AXES_PART.search(self.part.heading.title))
        return self.agreement

    @staticmethod
    def _follows(h: Heading, before: list[Node]) -> bool:
        """The heading's number starts a sequence (1, A, I) or continues the last one."""
        n = ordinal(h.number)
        return n == (ordinal(before[-1].heading.number) + 1 if before else 1)

    def _next_in_sequence(self, h: Heading) -> bool:
        """A digit heading counts as an action only if it continues its axis's numbering."""
        siblings = [c for c in self.axis.children if c.kind == "action"]
        expected = ordinal(siblings[-1].heading.number) + 1 if siblings else None
        return expected is None and ordinal(h.number) <= 2 or ordinal(h.number) == expected


def _drop_losing_runs(builder: StructureBuilder) -> None:
    """The same list of axes said twice (a report's summary, then the convention's own
    headings): keep the run that carries actions, or the later one; the other becomes
    plain sections. Runs with other numbers are other structures and all stay."""
    runs = builder.runs
    for i, run in enumerate(runs):
        numbers = [a.heading.number for a in run.axes]
        for other in runs[i + 1:]:
            others = [a.heading.number for a in other.axes]
            # a summary may list only the first axes (its other lines lost as a table of contents)
            shorter, longer = sorted((numbers, others), key=len)
            if longer[:len(shorter)] != shorter or not _same_titles(run, other):
                continue
            loser = run if other.n_actions >= run.n_actions else other
            for axis in loser.axes:
                axis.kind = "section"
                for child in axis.children:
                    child.kind = "section"


def _same_titles(run: AxisRun, other: AxisRun) -> bool:
    """Two runs say the same axes when their titles mostly match (a recueil holds the
    axes of several plans, each numbered 1, 2, 3)."""
    ratios = [SequenceMatcher(None, a.heading.title.casefold(), b.heading.title.casefold()).ratio()
              for a, b in zip(run.axes, other.axes)]
    return sum(ratios) / len(ratios) >= 0.6 if ratios else True


def _depth(node: Node) -> int:
    depth = 0
    while node.parent is not None:
        node, depth = node.parent, depth + 1
    return depth


def _set_ends(nodes: list[Node], text_end: int) -> None:
    """A node ends where the next node at its depth or above starts: an axis ends its
    action, a top-level axis ends the préambule before it."""
    depths = [_depth(n) for n in nodes]
    for i, node in enumerate(nodes):
        node.end = next((later.heading.start for later, d in zip(nodes[i + 1:], depths[i + 1:])
                         if d <= depths[i]), text_end)


def build_structure(doc: Document, id_prefix: str) -> list[Segment]:
    """Segments of a convention-like document: parts, axes, actions, sub-actions."""
    text = doc.text
    tocs = toc_spans(text)
    builder = StructureBuilder(text)
    segments: list[Segment] = []
    for start, end in tocs:
        segments.append(_segment(doc, id_prefix, "sommaire", start, end, None, "Sommaire", end))
    for h in find_headings(text):
        if _inside(tocs, h.start):
            continue
        if h.scheme == "named:sommaire" and tocs:
            continue
        builder.add(h)
    _drop_losing_runs(builder)
    _set_ends(builder.nodes, len(text))
    ids: dict[int, str] = {}
    for node in builder.nodes:
        seg = _segment(doc, id_prefix, node.kind, node.heading.start, node.end, node.heading.number,
                       node.heading.title, node.heading.end)
        seg.label = node.heading.label
        ids[id(node)] = seg.segment_id
        if node.parent is not None:
            seg.parent_id = ids.get(id(node.parent))
        segments.append(seg)
    segments.sort(key=lambda s: (s.char_start, -s.char_end))
    return segments


def _segment(doc: Document, prefix: str, kind: str, start: int, end: int, number: str | None,
             title: str | None, heading_end: int) -> Segment:
    return Segment(
        segment_id=f"{prefix}-{kind}-{start}",
        kind=kind,
        char_start=start,
        char_end=end,
        number=number,
        title=title,
        page_start=doc.page_at(start),
        page_end=doc.page_at(max(start, end - 1)),
        heading_end=heading_end,
    )
