"""The typed hand-off of a deliberation's fields (delib.model.DeliberationFields) and the
`deliberations` table they fill: every field is a column of the contract or is said not to be
one, its type agrees with the column's, and a row carries each value of a real document."""
from __future__ import annotations

import typing
from dataclasses import fields
from pathlib import Path

from delib.extract.document import extract_document
from delib.ingest import ingest
from delib.model import Deliberation, DeliberationFields, DocResult, Extraction
from delib.output.schema import BOOL, DATE, FLOAT, INT, STR, TABLES
from delib.output.tables import deliberation_rows, frame
from delib.segment import segment_document

# Columns the row gets from elsewhere than the fields: its ids, and blank_form (output's judgement).
NOT_FIELDS = {"doc_id", "deliberation_id", "blank_form"}
PYTHON_TYPE = {STR: str, DATE: str, INT: int, FLOAT: float, BOOL: bool}
SEED = Path(__file__).parent.parent / "data" / "raw"
CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus"


def test_every_field_is_a_column_or_said_not_to_be_one():
    names = {f.name for f in fields(DeliberationFields)}
    columns = set(DeliberationFields().columns())
    assert names == columns | set(DeliberationFields.NOT_COLUMNS)
    assert columns == set(TABLES["deliberations"]) - NOT_FIELDS


def test_each_fields_type_is_its_columns():
    hints = typing.get_type_hints(DeliberationFields)
    for name in DeliberationFields().columns():
        expected = PYTHON_TYPE[TABLES["deliberations"][name]]
        assert hints[name] == typing.Optional[expected], name


def test_a_row_carries_each_value_and_no_field_that_is_no_column():
    f = DeliberationFields(numero="2019-08", objet="Subvention", seance_date="2019-03-14", presents=20,
                           representes=3, votants=23, pour=23, contre=0, abstentions=0, unanimite=True,
                           resultat="adopte", point="4", counted_from_names=True, unrecorded_returns=2)
    result = DocResult("d", "d.txt", "d.txt", "txt",
                       extraction=Extraction(deliberations=[Deliberation("d-delib-0", 0, 10, fields=f)]))
    row = deliberation_rows(result)[0]
    assert (row["numero"], row["objet"], row["presents"], row["votants"], row["unanimite"]) == \
        ("2019-08", "Subvention", 20, 23, True)
    assert not set(DeliberationFields.NOT_COLUMNS) & set(row)
    df = frame("deliberations", [row])
    assert str(df.loc[0, "seance_date"]) == "2019-03-14" and df.loc[0, "pour"] == 23


def test_real_documents_fill_typed_fields():
    # the seeds' register extracts, and a dev minutes of many items when ../shared is here
    paths = sorted(SEED.glob("*.txt")) + [p for p in [CORPUS / "chatillon-sur-seine_cr_cm_2018-04-04.txt"] if p.exists()]
    found = []
    for path in paths:
        doc = ingest(path)
        found += extract_document(doc, segment_document(doc)).deliberations
    assert len(found) >= 2
    hints = typing.get_type_hints(DeliberationFields)
    for d in found:
        assert isinstance(d.fields, DeliberationFields)
        for name, value in vars(d.fields).items():
            if value is not None and name in DeliberationFields().columns():
                assert isinstance(value, typing.get_args(hints[name])[0]), (name, value)
