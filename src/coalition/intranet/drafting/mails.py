"""Mails about ballots to the representatives (admins) of the member organisations, in their own language.

Like every notification (``notifications.api``) a mail carries a link and the deadline or the outcome,
never the ballot's title, question or text: a mailbox is easier for an adversary to read than the intranet.
Mail leaves when the transaction commits.

- opened: every eligible organisation's representatives;
- two days before the deadline: the representatives of organisations that have not voted, once per
  organisation and ballot (``send_reminders``, run by the ``ballot-reminders`` job);
- closed: every eligible organisation's representatives (not for a ballot superseded by a restart: the new
  ballot's opening mail says it);
- held at its deadline because its subject changed: the person who opened it and the coordinators;
- a vote replaced by another admin of the same organisation: the admin whose vote was replaced;
- a consultation opened: every member organisation's representatives (``consultation_opened``).
"""

from coalition.intranet import _
from coalition.intranet.drafting import ballots
from coalition.intranet.drafting.deadlines import format_deadline
from coalition.intranet.notifications.api import send_to_people
from coalition.intranet.workspaces.api import admins
from coalition.intranet.workspaces.api import display_name
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api


REMINDER_BEFORE = timedelta(days=2)
COORDINATORS_GROUP = "coordinators"


def _link(ballot, portal_url: str | None = None) -> str:
    portal_url = (portal_url or api.portal.get().absolute_url()).rstrip("/")
    return f"{portal_url}/@@open/{api.content.get_uuid(ballot)}"


def representatives(ballot, organisation_ids=None) -> list[str]:
    """The admins of the eligible organisations (of ``organisation_ids`` only, if given)."""
    found = ballots.organisations()
    wanted = ballot.eligible if organisation_ids is None else organisation_ids
    people = []
    for org_id in wanted:
        if org_id in found:
            people.extend(p for p in admins(found[org_id]) if p not in people)
    return people


def _footer():
    return _(
        "mail_ballot_footer",
        default="You receive this e-mail as a representative of a member organisation of the coalition. "
        "The link works once you are logged in.",
    )


def ballot_opened(ballot, event) -> None:
    mapping = {"link": _link(ballot), "deadline": format_deadline(ballot.deadline)}
    send_to_people(
        representatives(ballot),
        _("mail_ballot_opened_subject", default="A ballot of the coalition is open"),
        [
            _(
                "mail_ballot_opened",
                default="A ballot has opened. Your organisation can vote until ${deadline}: ${link}",
                mapping=mapping,
            ),
            "",
            _footer(),
        ],
    )


def consultation_opened(document, consultation) -> None:
    """Every member organisation is invited to comment: a link to the consultation page and its deadline."""
    portal_url = api.portal.get().absolute_url().rstrip("/")
    people = []
    for organisation in ballots.organisations().values():
        people.extend(p for p in admins(organisation) if p not in people)
    send_to_people(
        people,
        _("mail_consultation_opened_subject", default="A consultation of the coalition is open"),
        [
            _(
                "mail_consultation_opened",
                default="A draft of the coalition is open for comment. Your organisation can comment until "
                "${deadline}: ${link}",
                mapping={
                    "deadline": format_deadline(consultation.deadline),
                    "link": f"{portal_url}/@@consultation?document={api.content.get_uuid(document)}",
                },
            ),
            "",
            _footer(),
        ],
    )


def ballot_closed(ballot, event) -> None:
    result = event.result
    if result["outcome"] == ballots.SUPERSEDED:
        return
    mapping = {
        "link": _link(ballot),
        "outcome": ballots.OUTCOME_TITLES[result["outcome"]],
        "cast": result["cast"],
        "eligible": result["eligible"],
    }
    send_to_people(
        representatives(ballot),
        _("mail_ballot_closed_subject", default="A ballot of the coalition is closed"),
        [
            _(
                "mail_ballot_closed",
                default="A ballot has closed: ${outcome} (${cast} of ${eligible} organisations voted). "
                "The result: ${link}",
                mapping=mapping,
            ),
            "",
            _footer(),
        ],
    )


def ballot_held(ballot, event) -> None:
    people = [COORDINATORS_GROUP]
    if getattr(ballot, "opened_by", ""):
        people.insert(0, ballot.opened_by)
    send_to_people(
        people,
        _("mail_ballot_held_subject", default="A ballot could not close at its deadline"),
        [
            _(
                "mail_ballot_held",
                default="The deadline of a ballot has passed, but what is voted on changed while it was open. "
                "It stays open until a coordinator restarts it on the new version or records why the vote "
                "continues on the original one: ${link}",
                mapping={"link": _link(ballot)},
            )
        ],
    )


def vote_replaced(ballot, event) -> None:
    send_to_people(
        [event.replaced],
        _("mail_ballot_vote_replaced_subject", default="Your organisation's vote was changed"),
        [
            _(
                "mail_ballot_vote_replaced",
                default="${person}, another admin of your organisation, replaced the vote you had cast in a "
                "ballot: ${link}",
                mapping={"person": display_name(event.by), "link": _link(ballot)},
            )
        ],
    )


def send_reminders(now: datetime, portal_url: str | None = None, progress=None) -> int:
    """Remind the organisations that have not voted on ballots due within two days; once each. Returns how
    many organisations were reminded now."""
    now = now.astimezone(UTC)  # the jobs runner hands a naive local time
    catalog = api.portal.get_tool("portal_catalog")
    reminded = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=ballots.BALLOT_TYPE, review_state=ballots.OPEN):
        ballot = brain._unrestrictedGetObject()
        deadline = ballots.as_utc(ballot.deadline)
        if ballots.is_closed(ballot) or deadline <= now or deadline - now > REMINDER_BEFORE:
            continue
        if getattr(ballot, "reminded", None) is None:
            ballot.reminded = ballots.OOTreeSet()
        voted = set(ballots.participation(ballot))
        waiting = [o for o in ballot.eligible if o not in voted and o not in ballot.reminded]
        if not waiting:
            continue
        send_to_people(
            representatives(ballot, waiting),
            _("mail_ballot_reminder_subject", default="Your organisation has not voted yet"),
            [
                _(
                    "mail_ballot_reminder",
                    default="Your organisation has not voted in a ballot that closes at ${deadline}: ${link}",
                    mapping={"deadline": format_deadline(deadline), "link": _link(ballot, portal_url)},
                ),
                "",
                _footer(),
            ],
        )
        for org_id in waiting:
            ballot.reminded.add(org_id)
        reminded += len(waiting)
        if progress is not None:
            progress(f"{'/'.join(ballot.getPhysicalPath())}: {len(waiting)} organisation(s) reminded")
    return reminded
