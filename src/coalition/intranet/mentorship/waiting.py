""" "Waiting for me" on the dashboard of mentorship coordinators: proposals waiting for consent, quiet
mentorships, prisoners waiting longest for a mentor, offers to moderate."""

from coalition.intranet import _
from coalition.intranet.dashboard.api import WaitingItem
from coalition.intranet.dashboard.interfaces import IWaitingForMe
from coalition.intranet.mentorship import activity
from coalition.intranet.mentorship import offers
from coalition.intranet.mentorship import registry
from coalition.intranet.mentorship import seeking
from coalition.intranet.mentorship.vocabularies import MANAGE
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer


LONGEST_WAITING_SHOWN = 5


def _coordinator(user) -> bool:
    section = registry.mentorship_section()
    return section is not None and api.user.has_permission(MANAGE, user=user, obj=section)


def _t(message) -> str:
    return translate(message, context=getRequest())


def _section_url() -> str:
    return registry.mentorship_section().absolute_url()


@implementer(IWaitingForMe)
class ProposalsWaitingForConsent:
    title = _("waiting_mentorship_consent", default="Mentorship proposals waiting for consent")
    order = 40

    def items(self, user) -> list:
        if not _coordinator(user):
            return []
        return [WaitingItem(title=m.Title(), url=m.absolute_url(), due=None) for m in activity.waiting_for_consent()]


@implementer(IWaitingForMe)
class QuietMentorships:
    title = _("waiting_mentorship_quiet", default="Mentorships without an action for a while")
    order = 41

    def items(self, user) -> list:
        if not _coordinator(user):
            return []
        found = []
        for mentorship in activity.inactive_mentorships():
            last = activity.last_activity(mentorship)
            detail = _t(
                _(
                    "waiting_mentorship_last_action",
                    default="Last activity: ${date}",
                    mapping={"date": last.isoformat() if last else "–"},
                )
            )
            found.append(WaitingItem(title=mentorship.Title(), url=mentorship.absolute_url(), detail=detail))
        return found


@implementer(IWaitingForMe)
class PrisonersWaitingLongest:
    title = _("waiting_mentorship_prisoners", default="Prisoners waiting longest for a mentor")
    order = 42

    def items(self, user) -> list:
        if not _coordinator(user):
            return []
        found = []
        for profile in seeking.prisoners_seeking_mentor(DEFAULT_LANGUAGE, limit=LONGEST_WAITING_SHOWN):
            since = seeking.waiting_since(profile)
            detail = (
                _t(
                    _(
                        "waiting_mentorship_since",
                        default="Waiting since ${date}",
                        mapping={"date": since.isoformat()},
                    )
                )
                if since
                else ""
            )
            found.append(WaitingItem(title=profile.Title(), url=profile.absolute_url(), detail=detail))
        return found


@implementer(IWaitingForMe)
class OffersToModerate:
    title = _("waiting_mentorship_offers", default="Offers to mentor, to moderate")
    order = 43

    def items(self, user) -> list:
        if not _coordinator(user):
            return []
        return [
            WaitingItem(
                title=f"{offer['name']} → {offer['prisoner_name']}",
                url=f"{_section_url()}/@@mentorship-offers",
                detail=offer["body"],
            )
            for _key, offer in offers.pending_offers()
        ]
