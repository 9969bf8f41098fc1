"""The small public API of case files: who has access, explicit grants (to people and organisations,
never to groups), the access log."""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.cases.access import GRANT_LEVELS
from coalition.intranet.cases.access import granted_organisations
from coalition.intranet.cases.access import is_group
from coalition.intranet.cases.access import nominating_organisation
from coalition.intranet.cases.access import organisation_by_id
from coalition.intranet.cases.access import roster_on_cases
from coalition.intranet.cases.access import ROSTER_ROLES_ON_CASES
from coalition.intranet.cases.access import set_organisation_grant
from coalition.intranet.cases.access_log import accesses_newest_first
from coalition.intranet.cases.access_log import accesses_of
from coalition.intranet.errors import CoalitionError
from coalition.intranet.security import api as audit
from coalition.intranet.security.api import forget_cached_local_roles
from coalition.intranet.security.api import set_local_role
from coalition.intranet.workspaces.api import roster
from dataclasses import dataclass
from plone import api
from plone.uuid.interfaces import IUUID


MANAGE_ACCESS = "coalition: Manage case access"
READ_ACCESS_LOG = "coalition: Read case access log"
GRANT_ROLES = frozenset(GRANT_LEVELS.values())


class CaseAccessError(CoalitionError):
    """A grant or revocation that cannot be made; ``message`` (translatable) says why."""


@dataclass(frozen=True)
class AccessEntry:
    principal: str
    through: str  # "roster", "grant", "organisation" or "commission"
    confidential: bool
    # For a grant to an organisation: who is on its roster now (and so reads the case).
    members: tuple = ()


def access_overview(case) -> list[AccessEntry]:
    """Who can see this case and whether they see the confidential fields."""
    entries = []
    organisation = nominating_organisation(case)
    if organisation is not None:
        for principal, role in sorted(roster(organisation).items()):
            if role in ROSTER_ROLES_ON_CASES:
                entries.append(AccessEntry(principal, "roster", True))
    for principal, roles in sorted(case.get_local_roles()):
        if "CaseConfidentialReader" in roles:
            entries.append(AccessEntry(principal, "grant", True))
        elif "CaseReader" in roles:
            entries.append(AccessEntry(principal, "grant", False))
    for organisation_id, level in sorted(granted_organisations(case).items()):
        members = tuple(sorted(roster_on_cases(organisation_by_id(organisation_id))))
        entries.append(AccessEntry(organisation_id, "organisation", level == "confidential", members))
    if api.content.get_state(case) != "draft":
        entries.append(AccessEntry("list-commission", "commission", False))
    return entries


def _authorise(case) -> str:
    if not api.user.has_permission(MANAGE_ACCESS, obj=case):
        raise Unauthorized("You may not change who has access to this case file.")
    return api.user.get_current().getId()


def _grantee_kind(principal: str) -> str:
    """``"organisation"`` or ``"user"``: who ``principal`` names; a CaseAccessError for anything else.

    Groups are refused first, whatever else their id might name: a grant to a group reaches people
    nobody chose (``AuthenticatedUsers`` is every member of every organisation).
    """
    if not principal:
        raise CaseAccessError(_("case_error_no_grantee", default="Enter a user id or a member organisation."))
    if is_group(principal):
        raise CaseAccessError(
            _(
                "case_error_group_grantee",
                default="${id} is a group. Access to a case file is granted only to named users or to member "
                "organisations, never to groups.",
                mapping={"id": principal},
            )
        )
    is_organisation = organisation_by_id(principal) is not None
    is_user = api.user.get(userid=principal) is not None
    if is_organisation and is_user:
        raise CaseAccessError(
            _(
                "case_error_ambiguous_grantee",
                default="${id} names both a user and a member organisation. Ask a site administrator.",
                mapping={"id": principal},
            )
        )
    if is_organisation:
        return "organisation"
    if is_user:
        return "user"
    raise CaseAccessError(
        _(
            "case_error_unknown_grantee",
            default="There is no user or member organisation ${id}.",
            mapping={"id": principal},
        )
    )


def _set_user_grant(case, principal: str, role: str | None) -> None:
    """Give ``principal`` the grant role ``role`` (or, with None, take their grant); other local roles stay."""
    set_local_role(case, principal, role, GRANT_ROLES)


def _access_changed(case) -> None:
    # Search, listings and permission checks in this same request follow the change at once.
    case.reindexObjectSecurity()
    forget_cached_local_roles()


def grant_access(case, principal: str, level: str) -> None:
    """Give a user, or the roster of a member organisation, access to the facts (``level="facts"``) or to
    the facts and the confidential fields (``"confidential"``) of this case.

    ``principal`` is an existing user id or the id of an ``Organisation`` (e.g. ``beta``). An
    organisation's grant follows its roster: its admins and members read the case while they are on it.
    Groups are refused (CaseAccessError) and nothing changes.
    """
    actor = _authorise(case)
    principal = (principal or "").strip()
    if level not in GRANT_LEVELS:
        raise CaseAccessError(_("case_error_unknown_level", default="Unknown access level."))
    kind = _grantee_kind(principal)
    if kind == "organisation":
        set_organisation_grant(case, principal, level)
    else:
        _set_user_grant(case, principal, GRANT_LEVELS[level])
    _access_changed(case)
    audit.record("case.access_granted", case, actor, principal=principal, level=level, grantee=kind)


def revoke_access(case, principal: str) -> None:
    """Take back an explicit grant (of a user, an organisation, or a group in older data); access through
    the roster of the nominating organisation is changed on the roster."""
    actor = _authorise(case)
    principal = (principal or "").strip()
    if principal in granted_organisations(case):
        set_organisation_grant(case, principal, None)
    elif set(case.get_local_roles_for_userid(principal)) & GRANT_ROLES:
        _set_user_grant(case, principal, None)
    else:
        raise CaseAccessError(
            _("case_error_no_grant", default="${id} has no explicit access to revoke.", mapping={"id": principal})
        )
    _access_changed(case)
    audit.record("case.access_revoked", case, actor, principal=principal)


def remove_group_grants(case) -> list[str]:
    """Take every local role held by a group on this case (older data, the sharing tab); for upgrade steps.

    Groups never hold access to a case file. Returns the ids of the groups whose roles were removed; each
    removal is audited as a revocation. No permission check: call it from trusted code only.
    """
    groups = sorted(principal for principal, _roles in case.get_local_roles() if is_group(principal))
    if not groups:
        return []
    case.manage_delLocalRoles(groups)
    _access_changed(case)
    actor = api.user.get_current().getId() or "system"
    for group in groups:
        audit.record("case.access_revoked", case, actor, principal=group, reason="groups hold no case access")
    return groups


def remove_group_grants_from_all_cases() -> dict[str, list[str]]:
    """``remove_group_grants`` on every case file of the site; returns ``{case path: [group ids]}``."""
    catalog = api.portal.get_tool("portal_catalog")
    removed = {}
    for brain in catalog.unrestrictedSearchResults(portal_type="CaseFile"):
        groups = remove_group_grants(brain._unrestrictedGetObject())
        if groups:
            removed[brain.getPath()] = groups
    return removed


def access_log(case, limit: int = 500) -> list[dict]:
    """The latest reads of the case (views, downloads, REST calls), for those allowed to read the log."""
    if not api.user.has_permission(READ_ACCESS_LOG, obj=case):
        raise Unauthorized("You may not read the access log of this case file.")
    return accesses_of(IUUID(case), limit)


def access_log_by_case_id(registry, case_id: str, limit: int = 500) -> list[dict]:
    """For coordinators, who cannot open case files: the access log of a case named by its neutral id."""
    if not api.user.has_permission(READ_ACCESS_LOG, obj=registry):
        raise Unauthorized("You may not read the access logs of case files.")
    case = registry._getOb(case_id, None) if case_id else None
    if case is None or case.portal_type != "CaseFile":
        raise CaseAccessError(
            _("case_error_unknown_case", default="There is no case file ${id}.", mapping={"id": case_id})
        )
    return accesses_of(IUUID(case), limit)


def access_log_of_all_cases(since=None, until=None):
    """Every read of every case file with ``since <= when < until``, newest first, read lazily: for the audit
    log's page, which checks ``coalition: Read audit log`` and shows each case as its reader may know it."""
    return accesses_newest_first(since, until)


# Consent of the prisoner or the family to a mentorship: a fact of the case file, recorded by the mentorship
# concern through these two functions (it never opens the case itself).
MENTORSHIP_CONSENT_GIVERS = ("prisoner", "family")


def _case_of_profile(profile_uid: str):
    from coalition.intranet.public.boundary.provenance import provenance

    record = provenance(profile_uid) if profile_uid else None
    if record is None:
        return None
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=record.source)
    return brains[0]._unrestrictedGetObject() if brains else None


def mentorship_consent(profile_uid: str) -> dict | None:
    """``{"given_by", "given_on", "recorded_by"}`` of the consent to mentorships recorded on the case file
    behind the public profile ``profile_uid``, or None."""
    case = _case_of_profile(profile_uid)
    consent = getattr(case, "mentorship_consent", None) if case is not None else None
    return dict(consent) if consent else None


def record_mentorship_consent(profile_uid: str, given_by: str, given_on, actor: str | None = None) -> None:
    """Record on the case file that the prisoner or the family (``given_by``) agreed to mentorships on
    ``given_on`` (a date), in the audit log too; raises ``CaseAccessError`` when there is no such case."""
    from persistent.mapping import PersistentMapping

    case = _case_of_profile(profile_uid)
    if case is None:
        raise CaseAccessError(_("error_no_case_for_profile", default="No case file stands behind this profile."))
    if given_by not in MENTORSHIP_CONSENT_GIVERS:
        raise CaseAccessError(_("error_consent_giver", default="Say whether the prisoner or the family consented."))
    actor = actor if actor is not None else (api.user.get_current().getId() or "")
    case.mentorship_consent = PersistentMapping(given_by=given_by, given_on=given_on, recorded_by=actor)
    audit.record("case.mentorship_consent_recorded", case, actor=actor, given_by=given_by, given_on=given_on)
