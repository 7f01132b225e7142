"""Ingest of text / Markdown / HTML files and the shared text normalisation.

Real documents first: the seeds in data/raw (Markdown-laden .txt files and text
extracted from PDFs by third parties) and the real-world corpus next to the repo.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from delib.ingest import IngestError, ingest
from delib.ingest.normalize import join_hyphenation, normalize_text, normalize_unicode
from delib.ingest.text import is_double_spaced, looks_like_markup

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "data" / "raw"
CORPUS = REPO.parent / "shared" / "corpus"


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def seed_raw(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"real-world corpus not available ({path} is absent)")
    return path


# --- Every seed ingests without markup ---------------------------------------

KEY_PHRASES = {
    "000": ["Préambule : Ivry-Paris", "I. Bilan du protocole signé en 2006", "Ivry-sur-Seine"],
    "001": ["EXTRAIT DU REGISTRE\nDES DELIBERATIONS", "SEANCE DU 27 JUIN 2024", "Présents.....\t32"],
    "002": ["Convention de coopération", "Préambule .....\t3", "Paris 12e, et Charenton-Bercy"],
    "003": ["1er adjoint", "habitant-es / km2", "À découvrir sur ivry94.fr"],
    "004": ["OBJET : CONVENTION GLOBALE PARIS - SEINE-SAINT-DENIS.", "Axe 1 : Renforcer l'action sociale"],
}
MARKUP_LEFTOVERS = ["**", "<b>", "</b>", "<sup>", "\\_", "\\*", "|---", "](http"]


@pytest.mark.parametrize("prefix", sorted(KEY_PHRASES))
def test_seed_ingests_without_markup(prefix):
    doc = ingest(seed(prefix))
    assert doc.encoding == "utf-8"
    for leftover in MARKUP_LEFTOVERS:
        assert leftover not in doc.text, leftover
    assert not re.search(r"(?m)^#", doc.text)
    assert not re.search(r"(?m)^[ \t]*---[ \t]*$", doc.text)
    for phrase in KEY_PHRASES[prefix]:
        assert phrase in doc.text


def test_markdown_heading_keeps_its_text_on_its_own_line():
    assert "# Conseil municipal" in seed_raw("001")
    lines = ingest(seed("001")).text.split("\n")
    assert "Conseil municipal" in lines


def test_markdown_escape_is_undone_in_the_actes_number():
    assert "DEL20240627\\_16A-DE" in seed_raw("001")
    assert "094-219400413-20240627-DEL20240627_16A-DE" in ingest(seed("001")).text


def test_markdown_bullets_are_kept_as_dash_bullets():
    assert "- 12 Co-construire la ville ensemble" in seed_raw("003")
    assert "- 12 Co-construire la ville ensemble" in ingest(seed("003")).text.split("\n")


def test_single_star_italics_are_removed():
    assert "*Bercy-Charenton* à Paris" in seed_raw("002")
    assert "ZAC, Bercy-Charenton à Paris" in ingest(seed("002")).text


def test_plain_text_with_a_literal_star_or_hash_is_left_alone(tmp_path):
    text = (
        "Le budget * voté en séance est annexé.\n"
        "# 12 : numéro de dossier\n"
        "Montant : 3 x 4 = 12 €, article 2_3_4.\n"
    )
    assert not looks_like_markup(text, "txt")
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    assert ingest(path).text == text.strip()


def test_markdown_table_rows_become_tab_separated_cells(tmp_path):
    path = tmp_path / "budget.md"
    path.write_text(
        "## Vote\n\n| Collège | Pour | Contre |\n|---|:---:|---|\n| Élus | 32 | 3 |\n\n**Adopté**\n",
        encoding="utf-8",
    )
    assert ingest(path).text == "Vote\n\nCollège\tPour\tContre\nÉlus\t32\t3\n\nAdopté"


def test_html_tags_breaks_and_entities(tmp_path):
    path = tmp_path / "extrait.html"
    path.write_text(
        "<p>Le 1<sup>er</sup> adjoint<br>Paris&nbsp;&amp; Ivry</p><p><b>Adopté</b> à l'unanimité</p>",
        encoding="utf-8",
    )
    assert ingest(path).text == "Le 1er adjoint\nParis & Ivry\n\nAdopté à l'unanimité"


# --- Double spacing ------------------------------------------------------------


def test_double_spaced_pdf_text_is_collapsed():
    raw = seed_raw("000")
    assert "rétablissement \n\nd’une équité territoriale" in raw
    text = ingest(seed("000")).text
    assert "Préambule : Ivry-Paris, vers la poursuite du rétablissement\nd’une équité territoriale" in text
    # The 3+ empty lines around the page footer stay one paragraph break.
    assert "en rive gauche.\n\nI. Bilan du protocole" in text


def test_markdown_paragraphs_are_not_taken_for_double_spacing():
    for prefix in ("001", "002", "003", "004"):
        assert not is_double_spaced(seed_raw(prefix)), prefix
    assert "ETAT DE PRESENCE POINT 16\n\nNombre de membres" in ingest(seed("001")).text


# --- Hyphenation -----------------------------------------------------------------


def test_place_name_split_over_double_spaced_lines_keeps_its_hyphens():
    raw = seed_raw("000")
    assert "territoire d’Ivry-sur-\n\nSeine." in raw
    assert "Ivry-Port-Nord, Ivry-\n\nConfluences…" in raw
    text = ingest(seed("000")).text
    assert "sur le territoire d’Ivry-sur-Seine." in text
    assert "Ivry-Port-Nord, Ivry-Confluences…" in text
    assert not re.search(r"-\n", text.replace("\n- ", ""))


def test_compounds_split_at_line_end_keep_their_hyphen_in_seed_004():
    raw = seed_raw("004")
    assert "vice-\nversa" in raw and "sous-\néquipement" in raw and "co-\nconstruction" in raw
    text = ingest(seed("004")).text
    assert "des Dionysiens et vice-versa, pour" in text
    assert "licences, sous-équipement ou obsolescence" in text
    assert "dans la concertation et co-construction participative" in text
    assert "dans le nord-est parisien" in text
    assert "au-delà de la convention" in text
    assert "Seine-Saint-Denis" in text and "Seine-Saint- Denis" not in text


@pytest.mark.parametrize(
    "broken, joined",
    [
        ("le dévelop-\npement durable", "le développement durable"),
        ("la commune d'Ivry-\nsur-Seine", "la commune d'Ivry-sur-Seine"),
        ("la commune d'Ivry-sur-\nSeine", "la commune d'Ivry-sur-Seine"),
        ("le Département de la Seine-Saint-\nDenis", "le Département de la Seine-Saint-Denis"),
        ("la ZAC Ivry-\nConfluences", "la ZAC Ivry-Confluences"),
        ("le Val-de-\nMarne", "le Val-de-Marne"),
        ("Fontenay-\nsous-Bois", "Fontenay-sous-Bois"),
        ("la coopéra-\ntion intercommunale", "la coopération intercommunale"),
        ("la délibé-\nration n° 12", "la délibération n° 12"),
        ("protocole Paris-\nIvry signé", "protocole Paris-Ivry signé"),
        ("2018-\n2020", "2018-\n2020"),  # not a word: left alone
    ],
)
def test_join_hyphenation_examples(broken, joined):
    assert join_hyphenation(broken) == joined


def test_hyphenation_follows_the_evidence_of_the_text():
    # "cofinancement" written whole elsewhere: the break only split the word.
    assert join_hyphenation("un co-\nfinancement, soit un cofinancement") == "un cofinancement, soit un cofinancement"
    # "co-construction" written whole elsewhere: the hyphen is part of the word.
    assert join_hyphenation("la co-\nconstruction ; la co-construction") == "la co-construction ; la co-construction"
    # A hyphen-taking prefix before a word the text uses on its own: kept.
    assert join_hyphenation("son co-\nfinancement ; le financement") == "son co-financement ; le financement"
    # Same prefix, but "mité" is no word of the text (the break is no witness of itself).
    assert join_hyphenation("le co-\nmité de pilotage") == "le comité de pilotage"
    # Lowercase fragments, neither form elsewhere: joined.
    assert join_hyphenation("les prési-\ndents") == "les présidents"


# --- Encodings ------------------------------------------------------------------

PARAGRAPH = (
    "Le Conseil municipal, après en avoir délibéré, approuve à l’unanimité la convention "
    "« Cœur de ville » : une aide de 12 500 € est reçue en août par l’œuvre."
)
# latin-1 has no €, œ or ’: the same paragraph written with what it has.
PARAGRAPH_LATIN1 = (
    "Le Conseil municipal, après en avoir délibéré, approuve à l'unanimité la convention "
    "« Coeur de ville » : une aide de 12 500 euros est reçue en août."
)


@pytest.mark.parametrize(
    "codec, expected_encoding",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16-le"),  # Python writes the BOM and little-endian
        ("utf-16-be", "utf-16-be"),  # no BOM: found from the NUL bytes
        ("cp1252", "cp1252"),
    ],
)
def test_french_paragraph_decodes_identically(tmp_path, codec, expected_encoding):
    path = tmp_path / "deliberation.txt"
    path.write_bytes(PARAGRAPH.encode(codec))
    doc = ingest(path)
    assert doc.text == PARAGRAPH
    assert doc.encoding == expected_encoding


def test_latin1_paragraph_decodes_identically(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_bytes(PARAGRAPH_LATIN1.encode("latin-1"))
    doc = ingest(path)
    assert doc.text == PARAGRAPH_LATIN1
    assert doc.encoding == "latin-1"


def test_jpeg_named_txt_is_refused_with_a_readable_message(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.txt"
    Image.new("RGB", (16, 16), "white").save(path, format="JPEG")
    with pytest.raises(IngestError, match=r"binary data, not text \(.*JPEG image\)"):
        ingest(path)


def test_docx_named_txt_is_refused_with_a_readable_message(tmp_path):
    path = tmp_path / "convention.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>Convention</w:document>")
    with pytest.raises(IngestError, match=r"binary data, not text \(.*ZIP archive.*\.docx"):
        ingest(path)


def test_unknown_binary_named_txt_is_refused(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(IngestError, match="binary data, not text"):
        ingest(path)


# --- Pages ----------------------------------------------------------------------


def test_single_page_marker_of_seed_000_is_removed_without_inventing_pages():
    raw = seed_raw("000")
    # The source has one footer, "Page 4 sur 16", between the preamble and
    # "I. Bilan…": it cannot tell on which of pages 5 to 16 the rest lies.
    assert re.search(r"en rive gauche\.\s+Page 4 sur 16\s+I\. Bilan du protocole", raw)
    doc = ingest(seed("000"))
    assert "Page 4 sur 16" not in doc.text
    assert "rive gauche.\n\nI. Bilan du protocole" in doc.text
    assert doc.pages == []
    assert doc.page_at(doc.text.index("I. Bilan du protocole signé en 2006")) is None


def test_footer_markers_end_their_page(tmp_path):
    path = tmp_path / "pv.txt"
    path.write_text(
        "Ouverture de la séance à 18 h.\nPage 1 sur 3\nAppel des membres.\nPage 2 sur 3\n"
        "La séance est levée à 20 h.\nPage 3 sur 3\n",
        encoding="utf-8",
    )
    doc = ingest(path)
    assert "Page" not in doc.text
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.page_at(doc.text.index("Ouverture")) == 1
    assert doc.page_at(doc.text.index("Appel des membres")) == 2
    assert doc.page_at(doc.text.index("La séance est levée")) == 3


def test_header_markers_start_their_page(tmp_path):
    path = tmp_path / "pv.txt"
    path.write_text(
        "Page 1/2\nOuverture de la séance à 18 h.\nAppel des membres.\n"
        "Page 2/2\nLa séance est levée à 20 h.\n",
        encoding="utf-8",
    )
    doc = ingest(path)
    assert "Page" not in doc.text
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.page_at(doc.text.index("Appel des membres")) == 1
    assert doc.page_at(doc.text.index("La séance est levée")) == 2


def test_dash_footers_end_their_page(tmp_path):
    path = tmp_path / "pv.txt"
    path.write_text(
        "Ouverture de la séance.\n\n- 1 -\n\nDélibération n° 2.\n\n- 2 -\n\nClôture de la séance.\n\n- 3 -\n",
        encoding="utf-8",
    )
    doc = ingest(path)
    assert not re.search(r"- \d -", doc.text)
    assert doc.page_at(doc.text.index("Ouverture")) == 1
    assert doc.page_at(doc.text.index("Délibération n° 2")) == 2
    assert doc.page_at(doc.text.index("Clôture")) == 3


def test_form_feeds_are_page_breaks_in_the_avranches_minutes():
    path = corpus_file("avranches_pv_cm_2013-07-01.txt")
    raw_pages = path.read_text(encoding="utf-8").split("\f")
    assert "Arrêt des orientations générales concernant" in raw_pages[0]
    assert "Fixation des objectifs de modération" in raw_pages[1]
    doc = ingest(path)
    assert "\f" not in doc.text
    assert doc.page_at(doc.text.index("VILLE D'AVRANCHES")) == 1
    assert doc.page_at(doc.text.index("Arrêt des orientations générales concernant")) == 1
    assert doc.page_at(doc.text.index("Fixation des objectifs de modération")) == 2
    assert len(doc.pages) == 16  # 17 form-feed chunks, the last one empty


def test_bare_page_numbers_in_sequence_are_page_footers(tmp_path):
    pages = [
        "\n".join(f"Point {page}.{line} : le conseil approuve." for line in range(12))
        for page in (1, 2, 3)
    ]
    path = tmp_path / "pv.txt"
    path.write_text("".join(f"{body}\n\n{number}\n\n" for number, body in enumerate(pages, 1)), encoding="utf-8")
    doc = ingest(path)
    assert not re.search(r"(?m)^\d+$", doc.text)
    assert [doc.page_at(doc.text.index(f"Point {n}.5 ")) for n in (1, 2, 3)] == [1, 2, 3]


def test_scattered_page_numbers_of_seed_004_are_not_trusted():
    # Seed 004 prints only the numbers 7, 14 and 19 alone on their lines:
    # too few to tell where pages 8 to 13 begin.
    assert re.search(r"\n\s+7\n", seed_raw("004"))
    assert ingest(seed("004")).pages == []


def test_text_without_page_markers_has_no_pages():
    assert ingest(seed("002")).pages == []


# --- Corpus Markdown --------------------------------------------------------------


def test_corpus_markdown_ocr_ingests_cleanly():
    path = corpus_file("corte_recueil_delibs_2025-07-01_ocr_by_repo.md")
    assert "\\_" in path.read_text(encoding="utf-8")
    doc = ingest(path)
    assert doc.format == "md" and doc.encoding == "utf-8"
    assert "\\_" not in doc.text and "**" not in doc.text
    assert "DELIBERATION DU CONSEIL MUNICIPAL" in doc.text
    assert "ARTICLE 1. : OBJET DE LA CONVENTION" in doc.text
    assert not re.search(r"[\ue000-\uf8ff]", doc.text)


# --- normalize_unicode / normalize_text --------------------------------------------


def test_normalize_unicode_cleans_typography_but_keeps_quotes_and_tabs():
    text = "la\u00a0Ville\u202f: 12\u2009500\u2007€\r\nl’e\u0301\ufb01ce « ﬂux »\tpage\u00ad\u200b\r\n"
    assert normalize_unicode(text) == "la Ville : 12 500 €\nl’éfice « flux »\tpage\n"


def test_symbol_font_bullets_become_one_bullet():
    # Seed 004 uses U+F0A7 and U+F095 from Word's symbol fonts as bullets.
    raw = seed_raw("004")
    assert "\uf0a7" in raw and "\uf095" in raw
    text = ingest(seed("004")).text
    assert not re.search(r"[\uf000-\uf0ff]", text)
    assert "• Créer un établissement commun" in text
    assert normalize_unicode("▪ un\n◦ deux\n➢ trois\n\uf0d8 quatre") == "• un\n• deux\n• trois\n• quatre"


def test_normalize_text_is_the_whole_chain():
    text = "La  Ville  de\u00a0Paris et le dévelop-  \n  pement\n\n\n\nd’Ivry-\nsur-Seine  "
    assert normalize_text(text) == "La Ville de Paris et le développement\n\nd’Ivry-sur-Seine"
