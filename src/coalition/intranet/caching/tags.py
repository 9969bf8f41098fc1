"""Every response leaves Plone with its cache tags (the ``xkey`` header) and, for a person who is logged in or
anything of the intranet, a header no shared cache may keep.

Tags say what a page shows, so that one purge drops every URL showing it (any filter, page, language, scale):

- ``profile-<uid>`` and ``tg-<translation group>``: the page, image scale, file or REST answer of a profile,
  and any page related to a profile (its related items, a campaign's or event's prisoners);
- ``prisoner-list``: every page that lists profiles: the rules of lists (the list, statistics, feeds, open data,
  sitemap, folder views, REST searches) and any page a view marked with ``api.tag_response``.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_inner
from coalition.intranet.caching import rules
from coalition.intranet.public.interfaces import IPrisonerProfile
from plone.app.multilingual.interfaces import ITG
from plone.caching.interfaces import X_CACHE_RULE_HEADER
from plone.transformchain.interfaces import ITransform
from plone.uuid.interfaces import IUUID
from Products.CMFCore.interfaces import IContentish
from zc.relation.interfaces import ICatalog
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.component import queryUtility
from zope.interface import implementer
from zope.interface import Interface
from zope.intid.interfaces import IIntIds


TAG_HEADER = "xkey"
LIST_TAG = "prisoner-list"
REQUEST_TAGS = "coalition.caching.tags"
# What no shared cache and no browser may store: a member's page, the intranet.
PRIVATE_CACHE_CONTROL = "private, no-store, max-age=0"


def group_tag(translation_group: str) -> str:
    """The tag of every page of one person, in every language (the profiles' translation group)."""
    return f"tg-{translation_group}"


def profile_tags(profile) -> set[str]:
    """The tags of one profile (one language): its own and its translation group's."""
    tags = set()
    uid = IUUID(profile, None)
    if uid:
        tags.add(f"profile-{uid}")
    group = ITG(profile, None)
    if group:
        tags.add(group_tag(group))
    return tags


def add_tags(request, *tags: str) -> None:
    IAnnotations(request).setdefault(REQUEST_TAGS, set()).update(tags)


def related_profiles(obj) -> list:
    """Profiles related to ``obj`` in either direction through any relation field: a page names them (its
    related items, a campaign's or an event's prisoners, a profile's back-references)."""
    catalog = queryUtility(ICatalog)
    intids = queryUtility(IIntIds)
    own_id = intids.queryId(aq_inner(obj)) if intids is not None and catalog is not None else None
    if own_id is None:
        return []
    found = []
    for query, end in (({"to_id": own_id}, "from_id"), ({"from_id": own_id}, "to_id")):
        for relation in catalog.findRelations(query):
            other_id = getattr(relation, end, None)
            other = intids.queryObject(other_id) if other_id not in (None, own_id) else None
            if IPrisonerProfile.providedBy(other):
                found.append(other)
    return found


def response_tags(request, shared: bool = True) -> set[str]:
    """The tags of the response being published: what was traversed, the profiles related to the page (only
    for a response a proxy may keep: the relation catalog is asked on a cache miss only) and what the views
    marked."""
    tags = set(IAnnotations(request).get(REQUEST_TAGS, ()))
    content = None
    for obj in request.get("PARENTS", ()):
        if content is None and IContentish.providedBy(obj):
            content = obj
        if IPrisonerProfile.providedBy(obj):
            tags |= profile_tags(obj)
            break
    if shared and content is not None:
        for profile in related_profiles(content):
            tags |= profile_tags(profile)
    if request.response.getHeader(X_CACHE_RULE_HEADER) in rules.LIST_RULESETS:
        tags.add(LIST_TAG)
    return tags


def is_intranet(request) -> bool:
    return any(getattr(obj, "portal_type", None) == "IntranetSection" for obj in request.get("PARENTS", ()))


def is_anonymous() -> bool:
    return getSecurityManager().getUser().getUserName() == "Anonymous User"


def finish_response(request) -> None:
    """Tag the response; keep members' and intranet pages out of every cache. A page Plone marked ``public``
    (visible to Anonymous: the same bytes for everybody, e.g. a theme resource) stays cacheable for members."""
    response = request.response
    cache_control = response.getHeader("Cache-Control") or ""
    shared = "s-maxage" in cache_control or "public" in cache_control
    tags = response_tags(request, shared=shared)
    if tags:
        response.setHeader(TAG_HEADER, " ".join(sorted(tags)))
    if is_intranet(request) or (not is_anonymous() and "public" not in cache_control):
        response.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL)
        if response.getHeader("Expires"):
            response.setHeader("Expires", "0")


@implementer(ITransform)
@adapter(Interface, Interface)
class CacheTagsTransform:
    """Runs after plone.caching's transform (order 12000), which set the rule and Cache-Control."""

    order = 12100

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def transformBytes(self, result, encoding):
        finish_response(self.request)

    def transformUnicode(self, result, encoding):
        finish_response(self.request)

    def transformIterable(self, result, encoding):
        finish_response(self.request)


def finish_streamed_response(event) -> None:
    """Responses written in pieces (``response.write``) skip the transform chain."""
    from zope.globalrequest import getRequest

    request = getRequest()
    if request is not None:
        finish_response(request)
