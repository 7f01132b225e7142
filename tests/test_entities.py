"""Named entities on real documents: the seeds, and verbatim excerpts of them and of the corpus."""
from pathlib import Path

import pytest

from delib.extract.entities import (
    CHUNK_CHARS, PatternFileError, _chunks, find_entities, glossary_label, load_collectivite_words,
    load_services,
)

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
CORPUS = ROOT.parent / "shared" / "corpus"


def seed(prefix: str) -> str:
    return next(RAW.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_004():
    text = seed("004")
    return text, find_entities(text)


@pytest.fixture(scope="module")
def seed_001():
    text = seed("001")
    return text, find_entities(text)


def found(mentions, label=None, source=None) -> set[str]:
    return {" ".join(m.text.split()) for m in mentions
            if (label is None or m.attrs["label"] == label) and (source is None or m.attrs["source"] == source)}


# ---------------------------------------------------------------- seed 004: convention Paris – Seine-Saint-Denis

def test_paris_and_seine_saint_denis_directions_are_services(seed_004):
    _, mentions = seed_004
    services = found(mentions, "SERVICE", "rule")
    assert {"DASES", "DEVE", "DVD", "DCPSL", "DEF", "DPAS", "DPAPH", "DICOM"} <= services
    dases = next(m for m in mentions if m.text == "DASES")
    assert dases.attrs["expansion"] == "Direction de l’Action sociale, de l’Enfance et de la Santé"


def test_the_two_collectivites_of_the_convention(seed_004):
    _, mentions = seed_004
    collectivites = found(mentions, "COLLECTIVITE", "rule")
    assert {"Ville de Paris", "Département de la Seine-Saint-Denis", "Métropole du Grand Paris",
            "Conseil Départemental de la Seine-Saint-Denis"} <= collectivites


def test_a_name_broken_at_a_hyphen_by_the_layout_is_whole(seed_004):
    text, mentions = seed_004
    start = text.index("Département de la Seine-Saint-\nDenis")
    entity = next(m for m in mentions if m.char_start == start)
    assert entity.text == "Département de la Seine-Saint-\nDenis"
    assert entity.attrs["label"] == "COLLECTIVITE"
    # and the model's « Denis » after the line break is not a person
    assert not any(m.attrs["label"] == "PER" and m.char_start == start + len("Département de la Seine-Saint-\n")
                   for m in mentions)


def test_president_signing_the_convention_is_a_person(seed_004):
    _, mentions = seed_004
    assert "Stéphane Troussel" in found(mentions, "PER", "ner")
    assert "Olivier Veber" in found(mentions, "PER", "ner")
    assert "Mesdames" not in found(mentions)  # the salutation, which the model takes for a person


def test_glossary_acronyms_outside_the_shipped_list(seed_004):
    _, mentions = seed_004
    shipped = {e.acronym for e in load_services()}
    assert "MMPCR" not in shipped and "ARS" not in shipped and "GNC" not in shipped
    # « MMPCR Mission métropolitaine de la prévention des conduites à risques… »
    assert "MMPCR" in found(mentions, "SERVICE", "rule")
    # « ARS Agence régionale de santé »
    assert "ARS" in found(mentions, "ORG", "rule")
    # « GNC Gaz naturel comprimé » names no organisation, whatever the model says
    assert "GNC" not in found(mentions)
    assert "JOP" not in found(mentions)  # « JOP Jeux olympiques et paralympiques »


# ---------------------------------------------------------------- seed 001: extrait du registre, Ivry-sur-Seine

def test_mayor_and_councillors_are_persons(seed_001):
    _, mentions = seed_001
    persons = found(mentions, "PER")
    # « sous la présidence de Monsieur Philippe BOUYSSOU, Maire »
    assert "Philippe BOUYSSOU" in persons
    # « Mme LE FRANC, Conseillère municipale », « M. OURABAH-BERTOUT »
    assert {"LE FRANC", "OURABAH-BERTOUT", "HALLAF-ISAMBERT"} <= persons
    le_franc = next(m for m in mentions if m.text == "LE FRANC")
    assert le_franc.attrs == {"label": "PER", "source": "rule", "civilite": "Mme"}


def test_ivry_is_a_collectivite(seed_001):
    _, mentions = seed_001
    # « le Conseil Municipal de la Ville d'Ivry-sur-Seine s'est réuni »
    assert "Ville d'Ivry-sur-Seine" in found(mentions, "COLLECTIVITE", "rule")
    assert "Département du Val-de-Marne" in found(mentions, "COLLECTIVITE", "rule")


def test_headings_in_capitals_are_not_entities(seed_001):
    _, mentions = seed_001
    # « SEANCE DU 27 JUIN 2024 », « ETAT DE PRESENCE POINT 16 », « ABSENTS EXCUSES »
    assert not found(mentions) & {"SEANCE", "DU", "ETAT", "PRESENCE", "EXCUSES", "ENVIRONNEMENT", "L'AN"}
    # « Mme MACALOU, Conseillère municipale. »: a role, not an organisation
    assert "Conseillère municipale" not in found(mentions)


# ---------------------------------------------------------------- every seed

@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_offsets_match_the_text_exactly(prefix):
    text = seed(prefix)
    mentions = find_entities(text)
    assert mentions
    for m in mentions:
        assert text[m.char_start:m.char_end] == m.text
        assert m.kind == "entity" and m.attrs["source"] in ("ner", "rule")
        assert m.attrs["label"] in ("PER", "ORG", "LOC", "SERVICE", "COLLECTIVITE")
        assert m.text == m.text.strip()


def test_chunks_cover_the_text_on_paragraph_boundaries():
    text = seed("004")
    chunks = list(_chunks(text))
    assert len(chunks) > 1
    assert "".join(c for c, _ in chunks) == text
    for chunk, offset in chunks:
        assert text[offset:offset + len(chunk)] == chunk and len(chunk) <= CHUNK_CHARS
    assert all(c.endswith("\n\n") for c, _ in chunks[:-1])


# ---------------------------------------------------------------- rules on excerpts

def test_acronym_that_is_a_french_word():
    # the direction « DU » in a list of directions (seed 004) …
    listed = find_entities("DDCT, DAC, DU, DVD\n", glossary={})
    assert [m.text for m in listed] == ["DDCT", "DAC", "DU", "DVD"]
    assert {m.attrs["label"] for m in listed} == {"SERVICE"}
    # … but not the « du » of a heading (corpus: Corte, recueil of 28 Oct 2025)
    assert "DU" not in found(find_entities("SEANCE DU 28 Octobre 2025\n", glossary={}))


def test_the_document_glossary_overrides_the_shipped_list():
    text = "Le DPE du bâtiment sera réalisé avant travaux.\n"
    assert "DPE" in found(find_entities(text, glossary={}), "SERVICE")  # Direction de la Propreté et de l'Eau
    assert "DPE" not in found(find_entities(text, glossary={"DPE": "Diagnostic de performance énergétique"}))


@pytest.mark.parametrize("expansion, label", [
    ("Service de la prévention et des actions sanitaires", "SERVICE"),
    ("Bureau de la Prévention et des Dépistages", "SERVICE"),
    ("Métropole du Grand Paris", "COLLECTIVITE"),
    ("Régie autonome des transports parisiens", "ORG"),
    ("Office français de protection des réfugiés et apatrides", "ORG"),
    ("Gaz naturel comprimé", None),
    ("Projet éducatif territorial", None),
])
def test_glossary_label_from_the_expansion(expansion, label):
    # entries of the « Glossaire des sigles utilisés » of seed 004
    assert glossary_label(expansion) == label


@pytest.mark.parametrize("phrase", [
    "Commune de Couthenans", "Roannais Agglomération", "Région Île-de-France",
    "Collectivité de Corse", "Conseil départemental du Val-de-Marne", "Ville  de Paris",
    "Est Ensemble",
])
def test_collectivite_forms(phrase):
    text = f"La convention est signée avec {phrase}, pour trois ans.\n"
    entities = [m for m in find_entities(text, glossary={}) if m.attrs["label"] == "COLLECTIVITE"]
    assert [m.text for m in entities] == [phrase]


def test_a_lone_head_word_is_not_a_collectivite():
    # seed 002: « Le Département pourra agir en partenariat »
    assert not found(find_entities("Par ailleurs, le Département pourra agir en partenariat.\n", glossary={}))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not available")
def test_corpus_corte_collectivites():
    text = (CORPUS / "corte_recueil_delibs_2025-10-28_ocr_by_repo.md").read_text(encoding="utf-8")
    mentions = find_entities(text)
    assert {"Collectivité de Corse", "Commune de Corte"} <= found(mentions, "COLLECTIVITE", "rule")
    assert "DU" not in found(mentions)


# ---------------------------------------------------------------- the maintained files

def test_shipped_files_load():
    services = {e.acronym: e for e in load_services()}
    assert services["DASES"].label == "SERVICE" and services["DASES"].collectivites == ("Ville de Paris",)
    assert services["DPAS"].collectivites == ("Département de la Seine-Saint-Denis",)
    words = load_collectivite_words()
    assert "Ville" in words["head"] and "Agglomération" in words["suffix"] and "Est Ensemble" in words["name"]


def test_malformed_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "services.csv"
    path.write_text("acronym,expansion,label,collectivite,source\n"
                    "DAC,Direction des affaires culturelles,SERVICE,Ville de Paris,seed 004\n"
                    "DJS,Direction de la Jeunesse, et des Sports,SERVICE,Ville de Paris,seed 004\n",
                    encoding="utf-8")
    with pytest.raises(PatternFileError, match=rf"{path}, line 3: expected 5 columns"):
        load_services(path)
    path.write_text("acronym,expansion,label,collectivite,source\nDAC,Direction des affaires culturelles,"
                    "DIRECTION,Ville de Paris,seed 004\n", encoding="utf-8")
    with pytest.raises(PatternFileError, match=rf"{path}, line 2: label 'DIRECTION'"):
        load_services(path)
    bad_kind = tmp_path / "collectivites.csv"
    bad_kind.write_text("kind,text,note\nprefix,Ville,\n", encoding="utf-8")
    with pytest.raises(PatternFileError, match=rf"{bad_kind}, line 2: kind 'prefix'"):
        load_collectivite_words(bad_kind)


def test_the_model_reads_only_the_spans_given_and_the_rules_read_everything(seed_004):
    text, everywhere = seed_004
    head_only = find_entities(text, model_spans=[(0, 5000)])

    def by(mentions, source):
        return {(m.char_start, m.text) for m in mentions if m.attrs["source"] == source}

    assert by(head_only, "rule") == by(everywhere, "rule")
    assert by(head_only, "ner") and all(start < 5000 for start, _ in by(head_only, "ner"))
    assert by(head_only, "ner") < by(everywhere, "ner")


def test_the_shipped_french_words_are_those_of_the_installed_model():
    """delib/data/french_words.txt.gz is derived from fr_core_news_sm: after a model
    upgrade it must be rebuilt (python scripts/build_french_words.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_french_words", ROOT / "scripts" / "build_french_words.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    from delib.extract.entities import FRENCH_WORDS_FILE

    assert FRENCH_WORDS_FILE.read_bytes() == script.french_words_file_bytes()
