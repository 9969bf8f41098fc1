"""Record every successful request that reads a case file or something inside it (evidence downloads)."""

from AccessControl import getSecurityManager
from coalition.intranet.cases.access_log import record_access
from coalition.intranet.cases.bulk_reads import case_read_by_publication
from plone.uuid.interfaces import IUUID


def log_case_access(event):
    request = event.request
    case = case_read_by_publication(request)
    if case is None:
        return
    published = request.get("PUBLISHED")
    user = getSecurityManager().getUser()
    what = getattr(published, "__name__", None) or request.get("ACTUAL_URL", "").rsplit("/", 1)[-1]
    record_access(
        IUUID(case, ""),
        user.getId() or "Anonymous",
        f"{request.get('REQUEST_METHOD', 'GET')} {what}",
        request.get("ACTUAL_URL", "") or request.get("URL", ""),
    )


def record_consent_change(case, event):
    """Who recorded the publication consent (or its withdrawal), and when: kept with the case, audited."""
    from coalition.intranet.security import api as audit
    from plone import api

    consent = getattr(case, "publication_consent", None)
    if consent == getattr(case, "consent_recorded_value", None):
        return
    actor = api.user.get_current().getId() or ""
    case.consent_recorded_value = consent
    case.consent_recorded_by = actor
    audit.record("case.consent_recorded", case, actor, consent=str(consent))
