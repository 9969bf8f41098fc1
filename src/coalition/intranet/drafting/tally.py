"""Ballot arithmetic: pure functions, no Plone.

The rules, as the coalition adopted them for its ballots:

- Quorum: the votes cast, abstentions included, must reach the quorum fraction of the eligible
  organisations (``cast / eligible >= quorum``). Without quorum the ballot fails, whatever the votes say.
- Majority: counted among the votes *for or against* only; abstentions count for the quorum but not
  for the majority. ``simple``: more approvals than rejections. ``two_thirds``: approvals are at least
  two thirds of approvals plus rejections.
- A tie is not a majority: the text is not adopted. A ballot where everyone abstained adopts nothing.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction


APPROVE = "approve"
REJECT = "reject"
ABSTAIN = "abstain"
OPTIONS = (APPROVE, REJECT, ABSTAIN)

SIMPLE = "simple"
TWO_THIRDS = "two_thirds"
MAJORITIES = {SIMPLE: Fraction(1, 2), TWO_THIRDS: Fraction(2, 3)}

# Quorum choices offered to coordinators, as strings (they are stored on the ballot and shown).
QUORUMS = ("1/2", "2/3", "3/4", "1/1")

ADOPTED = "adopted"
REJECTED = "rejected"
NO_QUORUM = "no_quorum"


@dataclass(frozen=True)
class Result:
    """The outcome of a ballot and the counts it was computed from."""

    outcome: str
    eligible: int
    cast: int
    approve: int
    reject: int
    abstain: int
    quorum: str
    majority: str

    @property
    def quorum_reached(self) -> bool:
        return self.outcome != NO_QUORUM

    @property
    def adopted(self) -> bool:
        return self.outcome == ADOPTED


def parse_fraction(value: str) -> Fraction:
    """``"2/3"`` -> ``Fraction(2, 3)``; refuses anything outside (0, 1]."""
    fraction = Fraction(value)
    if not 0 < fraction <= 1:
        raise ValueError(f"A quorum is a fraction between 0 and 1, not {value}")
    return fraction


def quorum_reached(cast: int, eligible: int, quorum: str) -> bool:
    """Whether ``cast`` votes (abstentions included) out of ``eligible`` reach ``quorum``."""
    if eligible <= 0:
        return False
    return Fraction(cast, eligible) >= parse_fraction(quorum)


def majority_reached(approve: int, reject: int, majority: str) -> bool:
    """Whether approvals win among approvals and rejections; a tie, or no such vote at all, never does."""
    if majority not in MAJORITIES:
        raise ValueError(f"Unknown majority rule: {majority}")
    decided = approve + reject
    if decided == 0:
        return False
    if majority == SIMPLE:
        return approve > reject
    return Fraction(approve, decided) >= MAJORITIES[majority]


def tally(votes: Iterable[str], eligible: int, quorum: str, majority: str) -> Result:
    """Count ``votes`` (one option per organisation that voted) among ``eligible`` organisations.

    Returns a ``Result`` whose ``outcome`` is ``adopted``, ``rejected`` or ``no_quorum``.
    """
    options = list(votes)
    unknown = [option for option in options if option not in OPTIONS]
    if unknown:
        raise ValueError(f"Unknown vote option: {unknown[0]}")
    if len(options) > eligible:
        raise ValueError("More votes than eligible organisations")
    approve, reject, abstain = (options.count(option) for option in OPTIONS)
    if not quorum_reached(len(options), eligible, quorum):
        outcome = NO_QUORUM
    elif majority_reached(approve, reject, majority):
        outcome = ADOPTED
    else:
        outcome = REJECTED
    return Result(
        outcome=outcome,
        eligible=eligible,
        cast=len(options),
        approve=approve,
        reject=reject,
        abstain=abstain,
        quorum=quorum,
        majority=majority,
    )
