""" "Waiting for me" on the dashboard: open ballots on which the person's organisation has not voted yet."""

from coalition.intranet import _
from coalition.intranet.dashboard.api import WaitingItem
from coalition.intranet.dashboard.interfaces import IWaitingForMe
from coalition.intranet.drafting import api as drafting
from plone import api
from zope.interface import implementer


@implementer(IWaitingForMe)
class OpenBallots:
    """Open ballots, before their deadline, where an organisation the person represents has not voted."""

    title = _("waiting_ballots", default="Ballots awaiting your organisation's vote")
    order = 10

    def items(self, user):
        user_id = user.getId()
        catalog = api.portal.get_tool("portal_catalog")
        found = []
        for brain in catalog.unrestrictedSearchResults(portal_type=drafting.BALLOT_TYPE, review_state=drafting.OPEN):
            ballot = brain._unrestrictedGetObject()
            if drafting.deadline_passed(ballot) or not api.user.has_permission("View", user=user, obj=ballot):
                continue
            voted = set(drafting.participation(ballot))
            waiting = [o for o in drafting.represented_organisations(ballot, user_id) if o not in voted]
            if waiting:
                found.append(
                    WaitingItem(
                        title=ballot.Title(),
                        url=ballot.absolute_url(),
                        detail=", ".join(drafting.eligible_titles(ballot)[o] for o in waiting),
                        due=drafting.as_utc(ballot.deadline),
                    )
                )
        return sorted(found, key=lambda item: item.due)


@implementer(IWaitingForMe)
class OpenConsultations:
    """Open consultations on which an organisation the person belongs to has not commented yet."""

    title = _("waiting_consultations", default="Consultations awaiting your organisation's comments")
    order = 11

    def items(self, user):
        from coalition.intranet.drafting import consultation as consultations

        mine = consultations.organisations_of(user.getId())
        if not mine:
            return []
        catalog = api.portal.get_tool("portal_catalog")
        titles = {org_id: org.Title() for org_id, org in drafting.member_organisations().items()}
        portal_url = api.portal.get().absolute_url()
        found = []
        for brain in catalog.unrestrictedSearchResults(portal_type="WorkingDocument"):
            current = consultations.current(brain._unrestrictedGetObject())
            if current is None or not consultations.is_open(current):
                continue
            commented = {comment["organisation"] for comment in current.comments}
            waiting = [o for o in mine if o not in commented]
            if waiting:
                found.append(
                    WaitingItem(
                        title=brain.Title,
                        url=f"{portal_url}/@@consultation?document={brain.UID}",
                        detail=", ".join(titles.get(o, o) for o in waiting),
                        due=drafting.as_utc(current.deadline),
                    )
                )
        return sorted(found, key=lambda item: item.due)
