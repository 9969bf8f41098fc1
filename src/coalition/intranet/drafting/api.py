"""The public API of drafting: ballots (start, vote, close, read their results) and their deadlines.

Views, jobs, scripts and other concerns (cases, criteria, the demo) call these names; ``ballots.py`` (the
rules), ``tally.py`` (the arithmetic), ``deadlines.py`` and ``subjects.py`` are the implementation. What a
ballot decides on is an ``IBallotSubject`` adapter (a working document's text, a case file's proposal).
"""

from coalition.intranet.drafting.ballots import anonymous_statements
from coalition.intranet.drafting.ballots import as_utc
from coalition.intranet.drafting.ballots import AT_DEADLINE
from coalition.intranet.drafting.ballots import BALLOT_TYPE
from coalition.intranet.drafting.ballots import BallotError
from coalition.intranet.drafting.ballots import ballots_of
from coalition.intranet.drafting.ballots import BY_COORDINATOR
from coalition.intranet.drafting.ballots import cast_vote
from coalition.intranet.drafting.ballots import close_ballot
from coalition.intranet.drafting.ballots import close_due_ballots
from coalition.intranet.drafting.ballots import close_if_due
from coalition.intranet.drafting.ballots import CLOSED
from coalition.intranet.drafting.ballots import CRITERIA
from coalition.intranet.drafting.ballots import current_version
from coalition.intranet.drafting.ballots import deadline_passed
from coalition.intranet.drafting.ballots import document_of
from coalition.intranet.drafting.ballots import due_ballots
from coalition.intranet.drafting.ballots import eligible_titles
from coalition.intranet.drafting.ballots import extend_ballot
from coalition.intranet.drafting.ballots import is_closed
from coalition.intranet.drafting.ballots import keep_ballot
from coalition.intranet.drafting.ballots import MAJORITY_TITLES
from coalition.intranet.drafting.ballots import may_close
from coalition.intranet.drafting.ballots import may_start_ballot
from coalition.intranet.drafting.ballots import OPEN
from coalition.intranet.drafting.ballots import open_votes
from coalition.intranet.drafting.ballots import OPTION_TITLES
from coalition.intranet.drafting.ballots import organisations as member_organisations
from coalition.intranet.drafting.ballots import OUTCOME_TITLES
from coalition.intranet.drafting.ballots import own_vote
from coalition.intranet.drafting.ballots import participation
from coalition.intranet.drafting.ballots import represented_organisations
from coalition.intranet.drafting.ballots import restart_ballot
from coalition.intranet.drafting.ballots import result_of
from coalition.intranet.drafting.ballots import start_ballot
from coalition.intranet.drafting.ballots import subject_changes
from coalition.intranet.drafting.ballots import subject_of
from coalition.intranet.drafting.ballots import SUPERSEDED
from coalition.intranet.drafting.ballots import TEXT
from coalition.intranet.drafting.ballots import text_changed
from coalition.intranet.drafting.ballots import Vote
from coalition.intranet.drafting.ballots import vote_history
from coalition.intranet.drafting.ballots import voters
from coalition.intranet.drafting.consultation import add_comment
from coalition.intranet.drafting.consultation import answer_comment
from coalition.intranet.drafting.consultation import ANSWER_TITLES as CONSULTATION_ANSWER_TITLES
from coalition.intranet.drafting.consultation import open_consultation
from coalition.intranet.drafting.deadlines import default_deadline
from coalition.intranet.drafting.deadlines import format_deadline
from coalition.intranet.drafting.deadlines import parse_deadline
from coalition.intranet.drafting.deadlines import portal_timezone
from coalition.intranet.drafting.interfaces import IBallot
from coalition.intranet.drafting.interfaces import IBallotClosed
from coalition.intranet.drafting.interfaces import IBallotHeld
from coalition.intranet.drafting.interfaces import IBallotStarted
from coalition.intranet.drafting.interfaces import IBallotSubject
from coalition.intranet.drafting.interfaces import IVoteReplaced
from coalition.intranet.drafting.tally import ABSTAIN
from coalition.intranet.drafting.tally import ADOPTED
from coalition.intranet.drafting.tally import APPROVE
from coalition.intranet.drafting.tally import MAJORITIES
from coalition.intranet.drafting.tally import NO_QUORUM
from coalition.intranet.drafting.tally import OPTIONS
from coalition.intranet.drafting.tally import QUORUMS
from coalition.intranet.drafting.tally import REJECT
from coalition.intranet.drafting.tally import REJECTED
from coalition.intranet.drafting.tally import SIMPLE
from coalition.intranet.drafting.tally import TWO_THIRDS


__all__ = [
    # Acts (each checks its permission and rules; refusals are ``BallotError``s)
    "start_ballot",
    "cast_vote",
    "close_ballot",
    "close_if_due",
    "close_due_ballots",
    "keep_ballot",
    "extend_ballot",
    "restart_ballot",
    "may_start_ballot",
    # Consultation before a ballot (consultation.py)
    "open_consultation",
    "add_comment",
    "answer_comment",
    "CONSULTATION_ANSWER_TITLES",
    "may_close",
    "BallotError",
    # Reading
    "ballots_of",
    "is_closed",
    "document_of",
    "subject_of",
    "current_version",
    "text_changed",
    "subject_changes",
    "voters",
    "vote_history",
    "deadline_passed",
    "due_ballots",
    "participation",
    "own_vote",
    "result_of",
    "open_votes",
    "anonymous_statements",
    "represented_organisations",
    "eligible_titles",
    "member_organisations",
    "Vote",
    # Deadlines
    "as_utc",
    "portal_timezone",
    "parse_deadline",
    "default_deadline",
    "format_deadline",
    # Subjects and events
    "IBallot",
    "IBallotSubject",
    "IBallotStarted",
    "IBallotClosed",
    "IBallotHeld",
    "IVoteReplaced",
    # Vocabulary of the rules
    "BALLOT_TYPE",
    "OPEN",
    "CLOSED",
    "AT_DEADLINE",
    "BY_COORDINATOR",
    "SUPERSEDED",
    "TEXT",
    "CRITERIA",
    "ADOPTED",
    "REJECTED",
    "NO_QUORUM",
    "APPROVE",
    "REJECT",
    "ABSTAIN",
    "OPTIONS",
    "QUORUMS",
    "MAJORITIES",
    "SIMPLE",
    "TWO_THIRDS",
    "OUTCOME_TITLES",
    "OPTION_TITLES",
    "MAJORITY_TITLES",
]
