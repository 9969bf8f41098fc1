"""The public API of the campaign concern: campaigns and their supporters, statements and news.

Views, the front page, feeds, the demo and jobs call these; other concerns call nothing else here.
"""

from coalition.intranet.campaigns import signatures
from coalition.intranet.campaigns.signatures import public_signatures
from coalition.intranet.campaigns.signatures import PublicSignature
from coalition.intranet.campaigns.signatures import supporter_count
from coalition.intranet.campaigns.supporters import confirm
from coalition.intranet.campaigns.supporters import is_running
from coalition.intranet.campaigns.supporters import sign_up
from coalition.intranet.campaigns.supporters import SignUpRefused
from coalition.intranet.campaigns.supporters import supporters_of
from coalition.intranet.campaigns.supporters import withdraw
from coalition.intranet.site.api import language_root
from dataclasses import dataclass
from datetime import date
from plone import api


__all__ = [
    "CampaignSummary",
    "PublicSignature",
    "SignUpRefused",
    "campaigns",
    "confirm",
    "counts_by",
    "is_running",
    "latest_news",
    "latest_statements",
    "public_signatures",
    "running_campaigns",
    "sign_up",
    "summary",
    "supporter_count",
    "supporters_of",
    "withdraw",
]

counts_by = signatures.counts_by


@dataclass(frozen=True)
class CampaignSummary:
    """What a listing or the front page shows of a campaign (public facts only)."""

    title: str
    description: str
    url: str
    start: date | None
    end: date | None
    target: int | None
    count: int
    running: bool
    has_image: bool

    @property
    def progress(self) -> int:
        """Per cent of the target reached (0 without a target), at most 100."""
        if not self.target:
            return 0
        return min(100, round(100 * self.count / self.target))


def summary(campaign, today: date | None = None) -> CampaignSummary:
    return CampaignSummary(
        title=campaign.Title(),
        description=campaign.Description(),
        url=campaign.absolute_url(),
        start=campaign.campaign_start,
        end=campaign.campaign_end,
        target=campaign.target,
        count=supporter_count(campaign),
        running=is_running(campaign, today),
        has_image=bool(getattr(campaign, "image", None)),
    )


def _section_path(language: str, section: str) -> str:
    return "/".join(language_root(api.portal.get(), language)[section].getPhysicalPath())


def campaigns(language: str, today: date | None = None) -> list[CampaignSummary]:
    """Published campaigns of ``language`` the current user may see, newest start first."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.searchResults(
        portal_type="Campaign", review_state="published", path=_section_path(language, "campaigns")
    )
    found = [summary(brain.getObject(), today) for brain in brains]
    return sorted(found, key=lambda item: (item.start or date.min, item.title), reverse=True)


def running_campaigns(language: str, limit: int | None = None, today: date | None = None) -> list[CampaignSummary]:
    """Campaigns collecting signatures now, the one ending soonest first (no end: last)."""
    running = [item for item in campaigns(language, today) if item.running]
    running.sort(key=lambda item: (item.end or date.max, item.title))
    return running[:limit] if limit else running


def latest_statements(language: str, limit: int = 3) -> list:
    """Catalog brains of the newest published statements of ``language``."""
    catalog = api.portal.get_tool("portal_catalog")
    return list(
        catalog.searchResults(
            portal_type="Statement",
            review_state="published",
            path=_section_path(language, "news"),
            sort_on="effective",
            sort_order="descending",
            sort_limit=limit,
        )[:limit]
    )


def latest_news(language: str, limit: int = 20, kinds=("Statement", "News Item")) -> list:
    """Catalog brains of the newest published statements and news of ``language``."""
    catalog = api.portal.get_tool("portal_catalog")
    return list(
        catalog.searchResults(
            portal_type=list(kinds),
            review_state="published",
            path=_section_path(language, "news"),
            sort_on="effective",
            sort_order="descending",
            sort_limit=limit,
        )[:limit]
    )
