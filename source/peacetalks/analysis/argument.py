"""Argument maps over the op-ed's paragraphs, and where its claims sit in the text."""

from __future__ import annotations

import re

import pandas as pd

MOVES = ("main claim", "reason", "evidence", "analogy", "counter-argument", "conclusion")
SUMMARY_WORDS = 10
_OPENING_WORDS = 8
_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]")


def _opening(text: str) -> str:
    words = text.split()
    return " ".join(words[:_OPENING_WORDS]) + (" ..." if len(words) > _OPENING_WORDS else "")


def argument_map_template(oped: pd.DataFrame | int) -> pd.DataFrame:
    """One row per paragraph with empty ``move`` and ``summary`` columns for a student to fill.

    ``oped`` is the op-ed table (paragraph, text); each row shows the paragraph's opening words.
    A number instead gives that many numbered rows, for a class working from a printed copy.
    """
    if isinstance(oped, int):
        numbers, openings = list(range(1, oped + 1)), ["(see your copy)"] * oped
    else:
        numbers = oped["paragraph"].astype(int).tolist()
        openings = [_opening(text) for text in oped["text"]]
    return pd.DataFrame({"paragraph": numbers, "opening": openings, "move": "", "summary": ""})


def fill_argument_map(template: pd.DataFrame, moves: dict[int, str], summaries: dict[int, str]) -> pd.DataFrame:
    """The template with a student's moves and summaries (dicts keyed by paragraph number) filled in."""
    filled = template.copy()
    filled["move"] = filled["paragraph"].map(moves).fillna("")
    filled["summary"] = filled["paragraph"].map(summaries).fillna("")
    return filled


def check_argument_map(argument_map: pd.DataFrame) -> list[str]:
    """Plain-language problems with a filled-in map (an empty list when it is complete)."""
    problems = []
    for row in argument_map.itertuples():
        where = f"paragraph {row.paragraph}"
        if not row.move:
            problems.append(f"{where}: no move yet")
        elif row.move not in MOVES:
            problems.append(f"{where}: '{row.move}' is not one of the moves: {', '.join(MOVES)}")
        words = len(str(row.summary).split())
        if words == 0:
            problems.append(f"{where}: no summary yet")
        elif words > SUMMARY_WORDS:
            problems.append(f"{where}: the summary has {words} words; keep it to {SUMMARY_WORDS} or fewer")
    used = set(argument_map["move"])
    if "main claim" not in used and len(argument_map):
        problems.append("no paragraph is marked as the main claim: which one states what the author wants?")
    return problems


def _comparable(text: str) -> str:
    """Lower case, straight quotes and apostrophes, single spaces: for matching a quotation to the text."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def quoted_fragments(sentence: str) -> list[str]:
    """The parts of a claim's sentence inside quotation marks (the op-ed's own words)."""
    return [fragment.strip() for fragment in _QUOTED.findall(sentence)]


def locate_claims(claims: pd.DataFrame, oped: pd.DataFrame) -> pd.DataFrame:
    """For each claim, the paragraphs of the op-ed that contain it.

    A claim whose sentence is quoted in full is looked for as a whole; a claim recorded as a
    paraphrase is looked for by the fragments it quotes. ``found_in`` is empty when none matches.
    """
    texts = {int(row.paragraph): _comparable(row.text) for row in oped.itertuples()}
    found = []
    for claim in claims.itertuples():
        fragments = quoted_fragments(claim.sentence) if "paraphrase" in claim.sentence else [claim.sentence]
        wanted = [_comparable(fragment) for fragment in fragments]
        found.append([number for number, text in texts.items() if wanted and all(w in text for w in wanted)])
    return pd.DataFrame({"id": claims["id"].to_numpy(), "sentence": claims["sentence"].to_numpy(),
                         "recorded_paragraph": claims["paragraph"].to_numpy(), "found_in": found})
