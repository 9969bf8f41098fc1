"""Reads of case files that are not a request for the case itself: REST serializations of many cases
(``@search`` with ``fullobjects`` or metadata, ``@querystring-search``, folder listings, relations) and
the pages that list cases by name (the commission's overview, the dashboard).

A request for a case file (its page, a REST GET of it or of something inside it) is written to the access
log once it succeeded (``subscribers.log_case_access``); every other request that returns case data
writes one entry per case it returned, through ``record_case_read``.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_chain
from Acquisition import aq_inner
from coalition.intranet.cases.access_log import record_access
from coalition.intranet.cases.content import ICaseFile
from plone.uuid.interfaces import IUUID
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


# Where a request remembers the cases it has already logged: one entry per case and request.
LOGGED_KEY = "coalition.intranet.cases.bulk_reads.logged"
# The contract path of the case registry: brains below it (other than case files) live inside a case.
REGISTRY_PATH_SEGMENT = "/intranet/cases/"


def case_containing(obj):
    """The case file ``obj`` is, or is inside of; None elsewhere."""
    for item in aq_chain(aq_inner(obj)):
        if ICaseFile.providedBy(item):
            return item
    return None


def case_read_by_publication(request):
    """The case file whose own request this is, which the access log records when it succeeds (or None)."""
    published = request.get("PUBLISHED") if request is not None else None
    if published is None:
        return None
    context = getattr(published, "context", None) or getattr(published, "__parent__", None) or published
    return case_containing(context)


def case_uid_of_brain(brain) -> str | None:
    """The UID of the case file a catalog brain is, or is inside of (evidence, ballots); else None."""
    if brain.portal_type == "CaseFile":
        return brain.UID
    if REGISTRY_PATH_SEGMENT not in brain.getPath():
        return None
    # Rare (evidence and ballots of cases): the object tells which case holds it.
    case = case_containing(brain._unrestrictedGetObject())
    return IUUID(case, None) if case is not None else None


def rest_endpoint(request) -> str:
    """The REST endpoint that answers the request, without its ``@`` (``search``), or ``get``."""
    last = (request.get("ACTUAL_URL", "") or "").rstrip("/").rsplit("/", 1)[-1]
    return last[1:] if last.startswith("@") else "get"


def _logged_in(request) -> set:
    annotations = IAnnotations(request, None)
    if annotations is None:
        return set()
    return annotations.setdefault(LOGGED_KEY, set())


def record_case_read(case_uid: str | None, what: str, request=None) -> None:
    """Write one access-log entry for the case ``case_uid`` read by this request (at most one per request).

    Nothing is written for the case the request itself is for: that one is logged when the request ends.
    """
    request = request if request is not None else getRequest()
    if not case_uid:
        return
    own_case = case_read_by_publication(request)
    if own_case is not None and IUUID(own_case, None) == case_uid:
        return
    logged = _logged_in(request)
    if case_uid in logged:
        return
    logged.add(case_uid)
    path = (request.get("ACTUAL_URL", "") or request.get("URL", "")) if request is not None else ""
    record_access(case_uid, getSecurityManager().getUser().getId() or "Anonymous", what, path)


def record_rest_read(case_uid: str | None, request, kind: str) -> None:
    """A REST serialization (``kind``: ``fullobjects`` or ``summary``) returned the case ``case_uid``."""
    record_case_read(case_uid, f"rest:{rest_endpoint(request)}-{kind}", request)


def record_listed_cases(brains, what: str) -> None:
    """A page listed these catalog brains by name: one entry for each case file among them."""
    for brain in brains:
        record_case_read(case_uid_of_brain(brain), what)
