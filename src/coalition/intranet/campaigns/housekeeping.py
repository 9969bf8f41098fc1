"""What keeps the supporters' register tidy: the moderators' "waiting for me" on the dashboard, and the job
``expired-signups`` that removes sign-ups whose confirmation link expired.

An unconfirmed sign-up is an address somebody typed that never agreed to anything: once its link is dead
(``supporters.CONFIRM_DAYS``) nobody can confirm it, so keeping it would only keep a stranger's address.
Removing it frees the address (``subscribers.on_moved`` forgets it): signing again is a new sign-up.
"""

from Acquisition import aq_parent
from coalition.intranet import _
from coalition.intranet.campaigns import supporters as rules
from coalition.intranet.dashboard.api import WaitingItem
from coalition.intranet.dashboard.interfaces import IWaitingForMe
from coalition.intranet.jobs.interfaces import IScheduledJob
from collections import Counter
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer


MODERATE = "coalition: Moderate supporters"


def waiting_for_moderation(user) -> list[tuple[object, int]]:
    """(campaign, number of confirmed sign-ups waiting) for the campaigns ``user`` may moderate, most first.

    Counted per campaign in every language (the moderators' page shows all languages at once) and shown on
    the campaign in the language the first waiting sign-up came in.
    """
    # Every member's dashboard asks: the supporters are counted per campaign by their paths, and only each
    # campaign (not each supporter) is loaded and checked.
    catalog = api.portal.get_tool("portal_catalog")
    per_campaign_path = Counter(
        brain.getPath().rpartition("/")[0]
        for brain in catalog.unrestrictedSearchResults(portal_type="Supporter", review_state=rules.CONFIRMED)
    )
    portal = api.portal.get()
    counts: Counter = Counter()
    campaigns: dict[str, object] = {}
    for path, count in per_campaign_path.items():
        campaign = portal.unrestrictedTraverse(path)
        if not api.user.has_permission(MODERATE, user=user, obj=campaign):
            continue
        group = ITranslationManager(campaign).tg
        campaigns.setdefault(group, campaign)
        counts[group] += count
    return [(campaigns[group], count) for group, count in counts.most_common()]


@implementer(IWaitingForMe)
class SupportersToModerate:
    title = _("waiting_supporters", default="Signatures waiting for moderation")
    order = 50

    def items(self, user) -> list:
        request = getRequest()
        return [
            WaitingItem(
                title=campaign.Title(),
                url=f"{campaign.absolute_url()}/@@supporters",
                detail=translate(
                    _("waiting_supporters_count", default="${count} waiting", mapping={"count": count}),
                    context=request,
                ),
            )
            for campaign, count in waiting_for_moderation(user)
        ]


def expired_signups(now: datetime) -> list:
    """Unconfirmed supporters whose confirmation link has expired."""
    limit = DateTime(now - timedelta(days=rules.CONFIRM_DAYS))
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Supporter", review_state=rules.UNCONFIRMED, created={"query": limit, "range": "max"}
    )
    return [brain._unrestrictedGetObject() for brain in brains]


@implementer(IScheduledJob)
class RemoveExpiredSignups:
    title = _("job_expired_signups", default="Remove sign-ups whose confirmation link expired")

    def run(self, site, *, portal_url: str, now: datetime, progress) -> str:
        expired = expired_signups(now)
        for supporter in expired:
            campaign = aq_parent(supporter)
            progress(f"{campaign.Title()}: removed a sign-up of {supporter.created().Date()}")
            api.content.delete(supporter, check_linkintegrity=False)
        return f"{len(expired)} expired sign-up(s) removed."
