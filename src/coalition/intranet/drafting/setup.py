"""What an existing site needs for the ballots of issue 19 beyond re-running the GenericSetup steps."""

from coalition.intranet.drafting import ballots
from persistent.list import PersistentList
from plone import api


BALLOT_MANAGERS = "ballot-managers"


def install(portal) -> None:
    """Idempotent: the ballot managers' group; every existing ballot readable by the rosters of its eligible
    organisations and by coordinators (new workflow mapping), with an empty vote history and reminder record."""
    if api.group.get(groupname=BALLOT_MANAGERS) is None:
        api.group.create(groupname=BALLOT_MANAGERS, title="Ballot managers")
    api.group.grant_roles(groupname=BALLOT_MANAGERS, roles=["BallotManager"])
    workflow = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    organisations = ballots.organisations()
    for brain in catalog.unrestrictedSearchResults(portal_type=ballots.BALLOT_TYPE):
        ballot = brain._unrestrictedGetObject()
        if getattr(ballot, "vote_history", None) is None:
            ballot.vote_history = PersistentList()
        if getattr(ballot, "reminded", None) is None:
            # Ballots open before this install are not reminded again of what they could not know.
            ballot.reminded = ballots.OOTreeSet()
        for definition in workflow.getWorkflowsFor(ballot):
            definition.updateRoleMappingsFor(ballot)
        ballots.grant_readers(ballot, [organisations[o] for o in ballot.eligible if o in organisations])
