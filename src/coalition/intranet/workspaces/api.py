"""The small public API of workspaces: rosters of organisations and working groups.

A roster is kept as local roles on the workspace object, so Plone's own security (catalog
``allowedRolesAndUsers``, views, REST API) enforces it everywhere without extra code.

Every change goes through ``set_member``, ``remove_member`` or ``invite_member``. They check that the
acting user holds ``coalition: Manage roster`` on the workspace (its admins, coordinators, managers),
apply the rules (nobody changes their own entry, a workspace keeps at least one admin, rosters name
users, not groups), reindex the workspace's security and write the change to the audit log in the same
transaction.
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.mail import hide_workspace_titles
from coalition.intranet.mail import mail_is_configured
from coalition.intranet.security import api as audit
from coalition.intranet.security.api import forget_cached_local_roles
from coalition.intranet.security.api import set_local_role
from coalition.intranet.workspaces.interfaces import RosterChangedEvent
from dataclasses import dataclass
from plone import api
import re
import secrets
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate


WORKSPACE_TYPES = ("Organisation", "WorkingGroup")
WORKSPACE_ROLES = ("WorkspaceAdmin", "WorkspaceMember", "WorkspaceGuest")
ADMIN_ROLE = "WorkspaceAdmin"
MANAGE_ROSTER = "coalition: Manage roster"
VIEW_ROSTERS = "coalition: View rosters"
# Shared with the notification mails: when True, mails never name a workspace.

ROLE_TITLES = {
    "WorkspaceAdmin": _("role_workspace_admin", default="Admin"),
    "WorkspaceMember": _("role_workspace_member", default="Member"),
    "WorkspaceGuest": _("role_workspace_guest", default="Guest (read only)"),
}


class RosterError(CoalitionError):
    """A roster change that the rules refuse. ``message`` is a translatable text, safe to show."""


@dataclass(frozen=True)
class RosterEntry:
    """One person on a roster, as the roster page shows them."""

    userid: str
    fullname: str  # the display name: the full name, else the user id
    email: str
    role: str


@dataclass(frozen=True)
class Invitation:
    """What ``invite_member`` did: ``account_created`` is True when a new account got an invitation mail."""

    userid: str
    account_created: bool
    previous_role: str | None


def roster(workspace) -> dict[str, str]:
    """Return ``{principal id: workspace role}`` for everyone on the roster."""
    members = {}
    for principal, roles in workspace.get_local_roles():
        for role in WORKSPACE_ROLES:
            if role in roles:
                members[principal] = role
                break
    return members


def admins(workspace) -> list[str]:
    """Ids of the workspace's admins."""
    return sorted(principal for principal, role in roster(workspace).items() if role == ADMIN_ROLE)


def display_name(person) -> str:
    """The one rule for naming a person anywhere on the platform: their full name, else their user id.

    ``person`` is a user id or a user object (``api.user.get_current()``). An id nobody has comes back as it
    is, an empty one as an empty string.
    """
    if isinstance(person, str):
        if not person:
            return ""
        userid, user = person, api.user.get(userid=person)
    else:
        userid, user = person.getId() or "", person
    if user is None:
        return userid
    return user.getProperty("fullname") or userid


def display_name_with_id(userid: str) -> str:
    """A person as logs and reports name them: ``Full Name (id)``, or the id alone when there is no name."""
    name = display_name(userid)
    return userid if name == userid else f"{name} ({userid})"


def roster_entries(workspace) -> list[RosterEntry]:
    """The roster with names and e-mail addresses: admins first, then members, then guests, by name."""
    found = []
    for principal, role in roster(workspace).items():
        user = api.user.get(userid=principal)
        name = display_name(user if user is not None else principal)
        email = (user.getProperty("email") if user is not None else "") or ""
        found.append(RosterEntry(userid=principal, fullname=name, email=email, role=role))
    return sorted(found, key=lambda e: (WORKSPACE_ROLES.index(e.role), e.fullname.lower()))


def may_view_roster(workspace, userid: str | None = None) -> bool:
    """Whether the current user (or ``userid``) may see the roster: its own members and coordinators."""
    return bool(api.user.has_permission(VIEW_ROSTERS, username=userid, obj=workspace))


def may_manage_roster(workspace, userid: str | None = None) -> bool:
    """Whether the current user (or ``userid``) may change the roster: its admins, coordinators, managers."""
    return bool(api.user.has_permission(MANAGE_ROSTER, username=userid, obj=workspace))


def _authorise(workspace, actor: str | None) -> str:
    """Check ``coalition: Manage roster`` and return the id recorded as having made the change.

    The permission is always checked for the user the code runs as; a different ``actor`` named by the
    caller must hold it as well, so nobody can act, or be recorded as acting, beyond their rights.
    """
    if workspace.portal_type not in WORKSPACE_TYPES:
        raise ValueError(f"Not a workspace: {workspace.portal_type}")
    current = api.user.get_current().getId() or ""
    if not may_manage_roster(workspace):
        raise Unauthorized("You may not change this roster.")
    if actor is None or actor == current:
        return current
    if not may_manage_roster(workspace, actor):
        raise Unauthorized(f"{actor} may not change this roster.")
    return actor


def _check_role(role: str) -> None:
    if role not in WORKSPACE_ROLES:
        raise RosterError(
            _("roster_error_unknown_role", default="Unknown workspace role: ${role}.", mapping={"role": role})
        )


def _check_not_self(principal: str, actor: str) -> None:
    if principal == actor:
        raise RosterError(
            _(
                "roster_error_own_entry",
                default="You cannot change your own place on a roster. Ask another admin of this workspace "
                "or a coordinator.",
            )
        )


def _check_keeps_an_admin(workspace, principal: str, previous: str | None, role: str | None) -> None:
    if previous == ADMIN_ROLE and role != ADMIN_ROLE and admins(workspace) == [principal]:
        raise RosterError(
            _(
                "roster_error_last_admin",
                default="${name} is the last admin of this workspace. Make someone else admin first.",
                mapping={"name": display_name(principal)},
            )
        )


def _write_role(workspace, principal: str, role: str | None) -> None:
    """Set (or, with ``role=None``, drop) the workspace role of ``principal``; other local roles stay."""
    set_local_role(workspace, principal, role, WORKSPACE_ROLES)
    # Catalog security (search, listings, REST @search) follows at once, and so do permission checks.
    workspace.reindexObjectSecurity()
    forget_cached_local_roles()
    # Other concerns whose access follows a roster (case files of an organisation) update themselves.
    notify(RosterChangedEvent(workspace, principal))


def _change(workspace, principal: str, role: str, actor: str) -> str | None:
    _check_role(role)
    _check_not_self(principal, actor)
    if api.user.get(userid=principal) is None:
        raise RosterError(
            _(
                "roster_error_unknown_user",
                default="There is no user with the id ${userid}. To invite someone new, enter their e-mail address.",
                mapping={"userid": principal},
            )
        )
    previous = roster(workspace).get(principal)
    if previous == role:
        return previous
    _check_keeps_an_admin(workspace, principal, previous, role)
    _write_role(workspace, principal, role)
    action = "roster.added" if previous is None else "roster.role_changed"
    audit.record(action, workspace, actor, principal=principal, role=role, previous_role=previous)
    return previous


def set_member(workspace, principal: str, role: str, actor: str | None = None) -> str | None:
    """Put the user ``principal`` on the roster with ``role``, replacing any earlier workspace role.

    Returns the previous role (None if they were not on the roster). Raises ``Unauthorized`` without
    ``coalition: Manage roster``, ``RosterError`` for an unknown role or user, a change of one's own
    entry, or the demotion of the last admin.
    """
    actor = _authorise(workspace, actor)
    return _change(workspace, principal, role, actor)


def remove_member(workspace, principal: str, actor: str | None = None) -> str:
    """Take ``principal`` off the roster; access to the workspace and everything in it ends with this call.

    Returns the role they had. Same checks as ``set_member``.
    """
    actor = _authorise(workspace, actor)
    _check_not_self(principal, actor)
    previous = roster(workspace).get(principal)
    if previous is None:
        raise RosterError(
            _(
                "roster_error_not_member",
                default="${name} is not on this roster.",
                mapping={"name": display_name(principal)},
            )
        )
    _check_keeps_an_admin(workspace, principal, previous, None)
    _write_role(workspace, principal, None)
    audit.record("roster.removed", workspace, actor, principal=principal, previous_role=previous)
    return previous


def find_invitee(email_or_userid: str) -> str | None:
    """The id of the existing user meant by ``email_or_userid``, or None for an e-mail address without account.

    Raises ``RosterError`` for an empty value, an unknown user id, an invalid address, or an address
    shared by several accounts.
    """
    value = (email_or_userid or "").strip()
    if not value:
        raise RosterError(_("roster_error_empty", default="Enter a user id or an e-mail address."))
    if api.user.get(userid=value) is not None:
        return value
    if "@" not in value:
        raise RosterError(
            _(
                "roster_error_unknown_user",
                default="There is no user with the id ${userid}. To invite someone new, enter their e-mail address.",
                mapping={"userid": value},
            )
        )
    if not api.portal.get_tool("portal_registration").isValidEmail(value):
        raise RosterError(
            _(
                "roster_error_invalid_email",
                default="${email} is not a valid e-mail address.",
                mapping={"email": value},
            )
        )
    acl_users = api.portal.get_tool("acl_users")
    matches = set()
    for candidate in {value, value.lower()}:
        matches.update(user["userid"] for user in acl_users.searchUsers(email=candidate, exact_match=True))
    if len(matches) > 1:
        raise RosterError(
            _(
                "roster_error_ambiguous_email",
                default="Several accounts use ${email}: enter the user id instead.",
                mapping={"email": value},
            )
        )
    return matches.pop() if matches else None


def _new_userid(email: str) -> str:
    """A free user id from the address's local part: ``maria.ivanova@…`` gives ``maria.ivanova``, then ``-2``…

    An id that still appears on a workspace roster is skipped too, so that a new account can never inherit
    the access left behind by a deleted one.
    """
    base = re.sub(r"[^a-z0-9._-]+", "-", email.split("@", 1)[0].lower()).strip("-._") or "member"
    if len(base) < 3:
        base = f"member-{base}"
    registration = api.portal.get_tool("portal_registration")
    candidate, number = base, 1
    while not registration.isMemberIdAllowed(candidate) or workspaces_of(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _create_account(email: str) -> tuple[str, dict]:
    """Create an account nobody can log in to yet, and an expiring password-reset request for it."""
    userid = _new_userid(email)
    # The roster permission checked by the caller is what authorises this; the membership and
    # password-reset tools themselves expect a user manager.
    with api.env.adopt_roles(["Site Administrator"]):
        api.user.create(email=email, username=userid, password=secrets.token_urlsafe(48))
        reset = api.portal.get_tool("portal_password_reset").requestReset(userid)
    return userid, reset


def invitation_mail(workspace, userid: str, reset: dict) -> tuple[str, str]:
    """Subject and body of the invitation: where (unless hidden by the site setting), the user name, the link.

    Nothing confidential: the body never names the inviting person or anything inside the workspace.
    """
    request = getRequest()
    site = api.portal.get_registry_record("plone.site_title", default="") or api.portal.get().Title()
    link = f"{api.portal.get().absolute_url()}/passwordreset/{reset['randomstring']}"
    expires = reset["expires"].strftime("%Y-%m-%d %H:%M UTC")
    if hide_workspace_titles():
        intro = _(
            "mail_invitation_intro", default="You have been invited to a workspace on ${site}.", mapping={"site": site}
        )
    else:
        intro = _(
            "mail_invitation_intro_workspace",
            default='You have been invited to the workspace "${workspace}" on ${site}.',
            mapping={"workspace": workspace.Title(), "site": site},
        )
    lines = [
        _("mail_invitation_greeting", default="Hello,"),
        "",
        intro,
        "",
        _("mail_invitation_userid", default="Your user name: ${userid}", mapping={"userid": userid}),
        _(
            "mail_invitation_link",
            default="Set your password with this link before ${expires}:",
            mapping={"expires": expires},
        ),
        link,
        "",
        _("mail_invitation_ignore", default="If you did not expect this invitation, you can ignore this message."),
    ]
    subject = translate(
        _("mail_invitation_subject", default="Your account on ${site}", mapping={"site": site}), context=request
    )
    body = "\n".join(translate(line, context=request) if line else "" for line in lines)
    return subject, body


def check_invitation(email_or_userid: str, actor: str | None = None) -> str | None:
    """Check, before anything changes, that ``invite_member`` can put this person on a roster.

    Returns the id of the existing user, or None for an address without account (which needs the site's
    mail to be configured). Raises ``RosterError`` otherwise, e.g. when ``actor`` (default: the current
    user) names themselves.
    """
    userid = find_invitee(email_or_userid)
    if userid is None:
        if not mail_is_configured():
            raise RosterError(
                _(
                    "roster_error_mail_not_configured",
                    default="This site cannot send mail yet, so nobody new can be invited. Ask a site administrator "
                    "to configure mail, or add someone who already has an account.",
                )
            )
        return None
    _check_not_self(userid, actor if actor is not None else api.user.get_current().getId() or "")
    return userid


def invite_member(workspace, email_or_userid: str, role: str, invited_by: str | None = None) -> Invitation:
    """Put someone on the roster by user id or e-mail address; a new address gets an account and an invitation.

    The new account has a random password nobody knows; the mail carries a link to Plone's own
    ``passwordreset`` form (``portal_password_reset``), which expires. The mail is sent through the
    MailHost when the transaction commits, so an aborted change sends nothing. ``invited_by`` is recorded
    as the actor and defaults to the current user; the checks are those of ``set_member``.
    """
    actor = _authorise(workspace, invited_by)
    _check_role(role)
    userid = check_invitation(email_or_userid, actor)
    if userid is not None:
        previous = _change(workspace, userid, role, actor)
        return Invitation(userid=userid, account_created=False, previous_role=previous)
    email = email_or_userid.strip()
    userid, reset = _create_account(email)
    _write_role(workspace, userid, role)
    audit.record("roster.invited", workspace, actor, principal=userid, role=role)
    subject, body = invitation_mail(workspace, userid, reset)
    api.portal.send_email(recipient=email, subject=subject, body=body)
    return Invitation(userid=userid, account_created=True, previous_role=None)


def workspaces_of(principal: str) -> list:
    """Workspaces whose roster names ``principal`` directly."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=WORKSPACE_TYPES, sort_on="sortable_title")
    found = []
    for brain in brains:
        workspace = brain._unrestrictedGetObject()
        if principal in roster(workspace):
            found.append(workspace)
    return found
