"""The document's arithmetic: counts, names and tallies that disagree become checks."""
from __future__ import annotations

from delib.extract.checks import check_deliberation
from delib.model import Deliberation, DeliberationFields

# Seed 001: 49 en exercice, 32 présents, 9 représentés, 5 excusés, 3 absents; 32 pour, 9 abstentions.
SEED_001 = {"en_exercice": 49, "presents": 32, "representes": 9, "excuses": 5, "absents": 3,
            "votants": 41, "pour": 32, "contre": 0, "abstentions": 9}


def delib(fields, people=()):
    return Deliberation("d1", 0, 10, fields=DeliberationFields(**fields), attendance=list(people))


def names(status, n):
    return [{"person": f"P{status}{i}", "status": status} for i in range(n)]


def test_consistent_deliberation_has_no_check():
    people = names("present", 32) + names("represente", 9) + names("excuse", 5) + names("absent", 3)
    assert check_deliberation(delib(SEED_001, people)) == []


def test_tally_that_does_not_add_up_to_votants():
    # « Pour : 58 / Contre : 1 » with 61 votants printed: two votes are missing
    found = check_deliberation(delib({"votants": 61, "pour": 58, "contre": 1, "abstentions": 0}))
    assert [(c.check, c.expected, c.found) for c in found] == [("tally_vs_votants", 61, 59)]
    assert found[0].item_id == "d1" and "61 votants" in found[0].message


def test_members_not_voting_count_in_the_tally():
    fields = {"votants": 33, "pour": 30, "contre": 0, "abstentions": 1, "ne_prend_pas_part": 2}
    assert check_deliberation(delib(fields)) == []


def test_printed_counts_that_disagree():
    # « 29 présents / 3 procurations / 33 votants »
    found = {c.check: c for c in check_deliberation(delib({"presents": 29, "representes": 3, "votants": 33}))}
    assert found["presence_vs_votants"].found == 32
    found = {c.check for c in check_deliberation(delib({**SEED_001, "absents": 4}))}
    assert "attendance_vs_en_exercice" in found


def test_more_votes_than_members():
    found = check_deliberation(delib({"en_exercice": 29, "pour": 30, "contre": 0, "abstentions": 0}))
    assert [c.check for c in found] == ["vote_effectif_lt_vote_reel"]


def test_names_listed_against_counts():
    people = names("present", 31) + names("represente", 9)
    found = check_deliberation(delib(SEED_001, people))
    assert [(c.check, c.expected, c.found) for c in found] == [("names_vs_presents", 32, 31)]


def test_unknown_values_are_not_checked():
    assert check_deliberation(delib({"votants": 41, "pour": 32})) == []


def test_counts_read_off_the_lists_are_not_checked_against_them():
    # Montpellier prints names but no figures: the counts are the lists' own
    fields = {"presents": 50, "counted_from_names": True}
    assert check_deliberation(delib(fields, names("present", 52))) == []
