"""Relations name only what the reader may view.

A relation (``relatedItems`` or any other ``RelationChoice``/``RelationList`` field, of any type) is stored on
its source, so a published item keeps pointing at a profile after that profile is retracted. plone.restapi
serializes the target's title and URL whatever the reader may see (``relationvalue_converter`` reads
``value.to_object`` without a permission check): Anonymous would read the name of a retracted person in the
JSON of every item that links to them, and through ``@search?fullobjects=1``.

Registered in ``overrides.zcml`` in place of plone.restapi's adapters:

- ``relationvalue_converter``: every relation value, wherever plone.restapi meets one (field serializers,
  ``fullobjects``, expansions): a target the current user may not ``View`` serializes as ``None``
  (a ``RelationChoice`` answers ``null``);
- ``RelationListFieldSerializer``: such targets are dropped from lists (no ``null`` entries that would still
  tell that something is hidden there);
- ``GetRelations`` (``@relations``): a ``source`` or ``target`` the reader may not view answers 404 as an
  unknown one does (plone.restapi's answer, 401 "You are not allowed to access '<id>'", names it);
- ``LinkIntegrityGet`` (``@linkintegrity``): plone.restapi names every item that links to the ones asked
  about (title and URL), whether the reader may see it or not; now only those the reader may view, and an
  item asked about that the reader may not view is left out as an unknown one;
- ``ViewableLinksFilter`` (the ``resolveuid_and_caption`` output filter of rich text, HTML and REST alike): a
  ``resolveuid`` link (linkintegrity's ``isReferencing`` relation) to what the reader may not view is no
  link any more (its text stays), an embedded image or media of it is left out; plone.outputfilters would
  resolve it to the target's URL, title and description for anyone. ``FreshLinksTransformer``: such texts are
  not served from portal_transforms' cache (an hour, whoever read first), so a retraction and the reader's
  permissions count at once;
- ``GuardedAliases`` (the ``aliases`` expansion, ``?expand=aliases``): plone.restapi expands it for anyone,
  and on the site root that is every redirect of the site (a profile's first address and its name, old
  addresses of drafts and intranet content); now only for who may manage those aliases, as ``@aliases``;
- ``RelatedNeighboursPurgePaths``: when a profile changes or is retracted, caching proxies also drop the pages
  of the items related to it (their JSON and HTML named it), not only the profile's own.
"""

from AccessControl import Unauthorized
from AccessControl.SecurityManagement import getSecurityManager
from Acquisition import aq_inner
from bs4 import BeautifulSoup
from coalition.intranet.public.interfaces import IPrisonerProfile
from plone.app.textfield.transform import PortalTransformsTransformer
from plone.app.uuid.utils import uuidToObject
from plone.base.utils import safe_text
from plone.outputfilters.filters.resolveuid_and_caption import ResolveUIDAndCaptionFilter
from plone.restapi.bbb import IPloneSiteRoot
from plone.restapi.interfaces import IJsonCompatible
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.serializer.relationfield import RelationListFieldSerializer
from plone.restapi.services.aliases.get import Aliases
from plone.restapi.services.linkintegrity import get as linkintegrity_get
from plone.restapi.services.relations import get as relations_get
from plone.restapi.services.relations import plone_api_content_get
from Products.PortalTransforms.cache import Cache
import re
from urllib.parse import urlsplit
from z3c.caching.interfaces import IPurgePaths
from z3c.relationfield.interfaces import IRelationValue
from zc.relation.interfaces import ICatalog
from zExceptions import NotFound
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.component import queryAdapter
from zope.component import queryUtility
from zope.component.hooks import getSite
from zope.globalrequest import getRequest
from zope.interface import implementer
from zope.intid.interfaces import IIntIds


# A link or source in rich text that names content by its UID (``resolveuid/<uid>``), in any spelling.
UID_REFERENCE = re.compile(r"resolve[Uu]id/")
UID_IN_PATH = re.compile(r"(?:^|/)resolve[Uu]id/([^/]+)")
# Elements that embed what they point to: left out when the reader may not view it.
EMBEDDING_TAGS = ("img", "source", "iframe", "audio", "video", "embed", "object")
# The purge paths of a related item: plone.app.caching's for its page (not its scales or lists).
NEIGHBOUR_PURGE_PATHS = "plone.content"
RELATED_PURGE_PATHS = "coalition.related-items"


def may_view(obj) -> bool:
    """Whether the current user may ``View`` ``obj`` (None: no)."""
    return obj is not None and bool(getSecurityManager().checkPermission("View", obj))


def viewable_target(value):
    """The target of a relation value when it resolves and the current user may view it, else None."""
    if value is None or value.isBroken():
        return None
    target = value.to_object
    return target if may_view(target) else None


@adapter(IRelationValue)
@implementer(IJsonCompatible)
def relationvalue_converter(value):
    """plone.restapi's converter, for targets the reader may view only."""
    target = viewable_target(value)
    if target is None:
        return None
    request = getRequest().clone()
    request.form["metadata_fields"] = ["UID"]
    summary = getMultiAdapter((target, request), ISerializeToJsonSummary)()
    return json_compatible(summary)


class ViewableRelationListFieldSerializer(RelationListFieldSerializer):
    """A relation list holds only the relations whose target the reader may view."""

    def get_value(self, default=None):
        value = super().get_value(default)
        if not value:
            return value
        return [relation for relation in value if viewable_target(relation) is not None]


def relation_neighbours(obj) -> list:
    """Items related to ``obj`` in either direction, through any relation field: the sources pointing to it
    (their JSON and related-items viewlet name it) and its own targets (their back-references name it)."""
    catalog = queryUtility(ICatalog)
    intids = queryUtility(IIntIds)
    if catalog is None or intids is None:
        return []
    own_id = intids.queryId(aq_inner(obj))
    if own_id is None:
        return []
    neighbours = {}
    for query, end in (({"to_id": own_id}, "from_id"), ({"from_id": own_id}, "to_id")):
        for relation in catalog.findRelations(query):
            other_id = getattr(relation, end, None)
            if other_id is None or other_id == own_id or other_id in neighbours:
                continue
            other = intids.queryObject(other_id)
            if other is not None:
                neighbours[other_id] = other
    return list(neighbours.values())


@implementer(IPurgePaths)
@adapter(IPrisonerProfile)
class RelatedNeighboursPurgePaths:
    """On a ``Purge`` of a profile (an edit, a retraction), the pages of its related items too."""

    def __init__(self, context):
        self.context = context

    def _neighbour_paths(self):
        for neighbour in relation_neighbours(self.context):
            yield neighbour, queryAdapter(neighbour, IPurgePaths, name=NEIGHBOUR_PURGE_PATHS)

    def getRelativePaths(self):
        paths = []
        for neighbour, provider in self._neighbour_paths():
            own = "/" + neighbour.virtual_url_path()
            for path in [own, *(provider.getRelativePaths() if provider is not None else ())]:
                if path not in paths:
                    paths.append(path)
        return paths

    def getAbsolutePaths(self):
        paths = []
        for _neighbour, provider in self._neighbour_paths():
            for path in provider.getAbsolutePaths() if provider is not None else ():
                if path not in paths:
                    paths.append(path)
        return paths


class GetRelations(relations_get.GetRelations):
    """``GET @relations``: plone.restapi's, with a ``source`` or ``target`` the reader may not view answered
    as an unknown one (404, no body). Relations themselves are already filtered by ``View`` on both ends."""

    def reply(self):
        for name in ("source", "target"):
            reference = self.request.get(name, None)
            if reference and not may_view(_content(reference)):
                return self.reply_no_content(status=404)
        return super().reply()


def _content(reference: str):
    if not reference:
        return None
    try:
        if reference.startswith("/"):
            return plone_api_content_get(path=reference)
        return plone_api_content_get(UID=reference)
    except (Unauthorized, KeyError, AttributeError, NotFound):
        return None


class LinkIntegrityGet(linkintegrity_get.LinkIntegrityGet):
    """``GET @linkintegrity?uids=…``: plone.restapi's, for items and linking sources the reader may view."""

    def reply(self):
        uids = self.request.form.get("uids", [])
        uids = uids if isinstance(uids, list) else [uids]
        if uids:
            self.request.form["uids"] = [uid for uid in uids if may_view(_content(uid))]
            if not self.request.form["uids"]:
                return []
        result = super().reply()
        for data in result:
            data["breaches"] = [source for source in data["breaches"] if may_view(_content(source.get("uid") or ""))]
        return result


class ViewableLinksFilter(ResolveUIDAndCaptionFilter):
    """plone.outputfilters' ``resolveuid_and_caption``, after leaving out the UID links to content the reader
    may not view (the UID itself would identify it)."""

    def __call__(self, data):
        if self.resolve_uids and data and UID_REFERENCE.search(data):
            data = self.drop_hidden_references(data)
        return super().__call__(data)

    def drop_hidden_references(self, data: str) -> str:
        soup = BeautifulSoup(safe_text(data), "html.parser")
        changed = False
        for element in soup.find_all(["a", "area"]):
            if self.hidden(element.get("href")):
                del element["href"]
                changed = True
        for element in soup.find_all(EMBEDDING_TAGS):
            if element.decomposed:  # inside one left out already
                continue
            sources = [element.get(name) for name in ("src", "data", "poster")]
            sources += [part.strip().split()[0] for part in (element.get("srcset") or "").split(",") if part.strip()]
            if any(self.hidden(source) for source in sources):
                element.decompose()
                changed = True
        return str(soup) if changed else data

    def hidden(self, url) -> bool:
        """Whether ``url`` is a UID link of this site whose target the reader may not view (or that resolves to
        nothing): relative (as the editor writes them), site-absolute or with this site's address."""
        if not url or not UID_REFERENCE.search(url):
            return False
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            site = getSite()
            if site is None or not url.startswith(site.absolute_url() + "/"):
                return False
        match = UID_IN_PATH.search(parts.path)
        if match is None:
            return False
        return not may_view(uuidToObject(match.group(1), unrestricted=True))


class FreshLinksTransformer(PortalTransformsTransformer):
    """Rich text with UID links is transformed for each reader: portal_transforms would otherwise serve, for an
    hour, what the first reader was shown (links to a profile retracted since, or to a draft an editor sees)."""

    def __call__(self, value, mimeType):
        raw = getattr(value, "raw", None)
        holder = getattr(value, "_raw_holder", None)
        if raw and holder is not None and UID_REFERENCE.search(raw):
            Cache(holder, context=self.context).purgeCache()
        return super().__call__(value, mimeType)


class GuardedAliases(Aliases):
    """``?expand=aliases`` lists redirects only to who may manage them (the permissions of ``@aliases``)."""

    def __call__(self, expand=False):
        if expand:
            permission = (
                "Manage Portal Aliases" if IPloneSiteRoot.providedBy(self.context) else "Manage Context Aliases"
            )
            expand = bool(getSecurityManager().checkPermission(permission, self.context))
        return super().__call__(expand=expand)
