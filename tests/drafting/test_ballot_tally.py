"""Ballot arithmetic: quorum, simple and two-thirds majorities, abstentions, ties (pure functions)."""

from coalition.intranet.drafting.tally import ABSTAIN
from coalition.intranet.drafting.tally import ADOPTED
from coalition.intranet.drafting.tally import APPROVE
from coalition.intranet.drafting.tally import NO_QUORUM
from coalition.intranet.drafting.tally import REJECT
from coalition.intranet.drafting.tally import REJECTED
from coalition.intranet.drafting.tally import SIMPLE
from coalition.intranet.drafting.tally import tally
from coalition.intranet.drafting.tally import TWO_THIRDS
import unittest


class TestTally(unittest.TestCase):
    def test_simple_majority_adopts(self):
        result = tally([APPROVE, APPROVE, REJECT], 3, "2/3", SIMPLE)
        self.assertEqual(result.outcome, ADOPTED)
        self.assertEqual((result.approve, result.reject, result.abstain, result.cast), (2, 1, 0, 3))

    def test_tie_is_not_adopted(self):
        self.assertEqual(tally([APPROVE, REJECT], 2, "1/2", SIMPLE).outcome, REJECTED)
        self.assertEqual(tally([APPROVE, REJECT, ABSTAIN, ABSTAIN], 4, "1/2", SIMPLE).outcome, REJECTED)

    def test_abstentions_count_for_quorum_not_for_majority(self):
        # 1 approve, 3 abstain out of 6: quorum 2/3 reached (4 of 6), majority 1:0 among decided votes.
        result = tally([APPROVE, ABSTAIN, ABSTAIN, ABSTAIN], 6, "2/3", SIMPLE)
        self.assertEqual(result.outcome, ADOPTED)
        # Without the abstentions the same approval misses the quorum.
        self.assertEqual(tally([APPROVE], 6, "2/3", SIMPLE).outcome, NO_QUORUM)

    def test_only_abstentions_adopt_nothing(self):
        self.assertEqual(tally([ABSTAIN, ABSTAIN], 2, "1/2", SIMPLE).outcome, REJECTED)

    def test_quorum_is_a_fraction_of_eligible_organisations(self):
        self.assertEqual(tally([APPROVE], 3, "2/3", SIMPLE).outcome, NO_QUORUM)
        self.assertEqual(tally([APPROVE, APPROVE], 3, "2/3", SIMPLE).outcome, ADOPTED)
        self.assertEqual(tally([APPROVE, APPROVE], 4, "3/4", SIMPLE).outcome, NO_QUORUM)
        self.assertEqual(tally([], 2, "1/2", SIMPLE).outcome, NO_QUORUM)

    def test_no_quorum_wins_over_any_majority(self):
        result = tally([APPROVE, APPROVE], 5, "1/2", SIMPLE)
        self.assertEqual(result.outcome, NO_QUORUM)
        self.assertFalse(result.quorum_reached)

    def test_two_thirds_majority(self):
        self.assertEqual(tally([APPROVE, APPROVE, REJECT], 3, "1/2", TWO_THIRDS).outcome, ADOPTED)
        self.assertEqual(tally([APPROVE, APPROVE, REJECT, REJECT], 4, "1/2", TWO_THIRDS).outcome, REJECTED)
        self.assertEqual(tally([APPROVE, APPROVE, APPROVE, REJECT, REJECT], 5, "1/2", TWO_THIRDS).outcome, REJECTED)
        # Abstentions do not dilute the two thirds either.
        self.assertEqual(tally([APPROVE, APPROVE, REJECT, ABSTAIN, ABSTAIN], 5, "1/2", TWO_THIRDS).outcome, ADOPTED)

    def test_bad_input_is_refused(self):
        with self.assertRaises(ValueError):
            tally(["maybe"], 2, "1/2", SIMPLE)
        with self.assertRaises(ValueError):
            tally([APPROVE, APPROVE, APPROVE], 2, "1/2", SIMPLE)
        with self.assertRaises(ValueError):
            tally([APPROVE], 2, "3/2", SIMPLE)
        with self.assertRaises(ValueError):
            tally([APPROVE], 2, "1/2", "unanimity")
