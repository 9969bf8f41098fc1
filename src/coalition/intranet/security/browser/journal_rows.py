"""The journal as its reader may see it: one row per entry, with names, labels and nothing more than they may know.

A coordinator reads the audit log but may not open case files (need-to-know) nor what is inside workspaces.
A case file's title is the person's name, and ids of workspace items are made from their titles; so a row
names its target only if the reader may View it. Otherwise a case file appears by its neutral id (the id
coordinators use for the case access logs), anything else as "an item in <the nearest place they may
see>". The text filter searches these rows, never the recorded titles: searching for a name must not tell
which hidden case carries it.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from coalition.intranet import _
from coalition.intranet.security import journal
from coalition.intranet.security import login_events
from coalition.intranet.workspaces import api as workspaces
from plone import api
from zope.i18n import translate


REGISTRY_PREFIX = "/intranet/cases/"
READ_CASE_ACCESS_LOG = "coalition: Read case access log"

# Details of an audit entry a row may show: ids, roles and counts. Free texts typed by people (reasons),
# names of people outside the platform and login names that are no account stay in the database.
SHOWN_DETAILS = ("level", "outcome", "organisation", "version", "rows", "count", "consent", "kind")


class RowMaker:
    """Turns journal entries into rows for the current user and request (names and objects looked up once)."""

    def __init__(self, request, action_title, kind_titles, route_titles):
        self.request = request
        self._action_title = action_title
        self._kind_titles = kind_titles
        self._route_titles = route_titles
        self._portal = api.portal.get()
        self._portal_path = self._portal.getPhysicalPath()
        self._names = {}
        self._objects = {}
        self._views = {}
        self._is_manager = api.user.has_permission("Manage portal", obj=self._portal)

    def t(self, message) -> str:
        return translate(message, context=self.request)

    # People
    def person(self, userid: str) -> str:
        if userid not in self._names:
            if not userid:
                name = self.t(_("audit_actor_system", default="System (installation or script)"))
            elif userid == "Anonymous":
                name = self.t(_("audit_actor_anonymous", default="Anonymous visitor"))
            else:
                name = workspaces.display_name_with_id(userid)
            self._names[userid] = name
        return self._names[userid]

    def _role(self, role: str) -> str:
        return self.t(workspaces.ROLE_TITLES[role]) if role in workspaces.ROLE_TITLES else role

    # Objects
    def _object_by_uid(self, uid: str):
        if not uid:
            return None
        if uid not in self._objects:
            catalog = api.portal.get_tool("portal_catalog")
            brains = catalog.unrestrictedSearchResults(UID=uid)
            self._objects[uid] = brains[0]._unrestrictedGetObject() if brains else None
        return self._objects[uid]

    def _object_by_path(self, path: str):
        if path in ("", "/"):
            return self._portal
        key = "path:" + path
        if key not in self._objects:
            self._objects[key] = self._portal.unrestrictedTraverse(path.strip("/"), None)
        return self._objects[key]

    def _may_view(self, obj) -> bool:
        key = obj.getPhysicalPath()
        if key not in self._views:
            self._views[key] = bool(api.user.has_permission("View", obj=obj))
        return self._views[key]

    def _site_path(self, obj) -> str:
        return "/" + "/".join(obj.getPhysicalPath()[len(self._portal_path) :])

    def _nearest_visible(self, obj):
        while obj is not None and obj.getPhysicalPath() != self._portal_path:
            if self._may_view(obj):
                return obj
            obj = aq_parent(aq_inner(obj))
        return self._portal

    def _nearest_existing(self, path: str):
        segments = [segment for segment in path.split("/") if segment]
        while segments:
            obj = self._object_by_path("/" + "/".join(segments))
            if obj is not None:
                return obj
            segments.pop()
        return self._portal

    def _case_access_log_url(self, case_id: str) -> str:
        registry = self._object_by_path(REGISTRY_PREFIX.rstrip("/"))
        if registry is None or not api.user.has_permission(READ_CASE_ACCESS_LOG, obj=registry):
            return ""
        return f"{registry.absolute_url()}/@@case-access-logs?case={case_id}"

    def target(self, entry) -> dict:
        """``{"label", "url", "path"}`` of the entry's target, as much as the reader may know."""
        obj = self._object_by_uid(entry.target_uid) or (
            self._object_by_path(entry.target_path) if entry.target_path else None
        )
        if obj is not None and self._may_view(obj):
            label = entry.target_title or obj.Title() or obj.getId()
            return {"label": label, "url": obj.absolute_url(), "path": self._site_path(obj), "visible": True}
        if obj is not None and obj.portal_type == "CaseFile":
            return self._hidden_case(obj.getId())
        if obj is not None:
            around = self._nearest_visible(aq_parent(aq_inner(obj)))
            return self._inside(around, _("audit_target_item_in", default="An item in ${place}"))
        return self._removed(entry)

    def _hidden_case(self, case_id: str) -> dict:
        label = _("audit_target_case", default="Case file ${id}", mapping={"id": case_id})
        return {
            "label": self.t(label),
            "url": self._case_access_log_url(case_id),
            "path": REGISTRY_PREFIX + case_id,
            "visible": False,
        }

    def _removed(self, entry) -> dict:
        path = entry.target_path
        if path.startswith(REGISTRY_PREFIX):
            case_id = path[len(REGISTRY_PREFIX) :].split("/", 1)[0]
            hidden = self._hidden_case(case_id)
            hidden["label"] = self.t(
                _("audit_target_removed_case", default="Case file ${id} (removed)", mapping={"id": case_id})
            )
            return hidden
        if not path:
            label = _("audit_target_removed_unknown", default="A removed case file")
            return {"label": self.t(label), "url": "", "path": "", "visible": False}
        if self._is_manager:
            label = _("audit_target_removed", default="${title} (removed)", mapping={"title": entry.target_title})
            return {"label": self.t(label), "url": "", "path": path, "visible": False}
        around = self._nearest_visible(self._nearest_existing(path))
        return self._inside(around, _("audit_target_removed_item_in", default="A removed item in ${place}"))

    def _inside(self, place, message) -> dict:
        """A target the reader may not see, named by the nearest place they may see."""
        label = _(message, default=message.default, mapping={"place": place.Title()})
        return {"label": self.t(label), "url": place.absolute_url(), "path": self._site_path(place), "visible": False}

    # What the entry concerned
    def _audit_details(self, details: dict) -> list[str]:
        what = []
        if details.get("principal"):
            what.append(self.person(details["principal"]))
        if details.get("user"):
            what.append(self.person(details["user"]))
        if details.get("previous_role") and details.get("role"):
            what.append(f"{self._role(details['previous_role'])} → {self._role(details['role'])}")
        elif details.get("role"):
            what.append(self._role(details["role"]))
        elif details.get("local_roles"):
            what.append(details["local_roles"])
        elif details.get("previous_role"):
            was = _("audit_was_role", default="was ${role}", mapping={"role": self._role(details["previous_role"])})
            what.append(self.t(was))
        what.extend(f"{name}: {details[name]}" for name in SHOWN_DETAILS if details.get(name))
        return what

    def _login_details(self, details: dict) -> list[str]:
        route = details.get("route", "")
        what = [self.t(self._route_titles[route]) if route in self._route_titles else route]
        if details.get("address"):
            address = _("audit_login_address", default="from ${address}", mapping={"address": details["address"]})
            what.append(self.t(address))
        return [item for item in what if item]

    def _login_account(self, details: dict) -> dict:
        if details.get("account"):
            label = self.person(details["account"])
        else:
            label = self.t(
                _(
                    "audit_login_unknown_name",
                    default="A name that is no account (mark ${mark})",
                    mapping={"mark": details.get("unknown", "")},
                )
            )
        return {"label": label, "url": "", "path": "", "visible": True}

    def row(self, entry) -> dict:
        details = entry.details
        if entry.source == journal.LOGINS:
            target = self._login_account(details)
            concerning = self._login_details(details)
            people = [details.get("account", "")]
        else:
            target = self.target(entry)
            if entry.source == journal.CASE_ACCESS:
                concerning = [details["what"]] if target["visible"] and details.get("what") else []
            else:
                concerning = self._audit_details(details)
            people = [details.get("principal", ""), details.get("user", "")]
        if entry.source == journal.LOGINS and entry.action == login_events.FAILED:
            actor = self.t(_("audit_actor_login_attempt", default="Someone trying to log in"))
        else:
            actor = self.person(entry.actor)
        people = [entry.actor, *people]
        return {
            "iso": entry.when.isoformat(timespec="seconds"),
            "when": entry.when.strftime("%Y-%m-%d %H:%M:%S UTC"),
            "kind": entry.kind,
            "kind_label": self.t(self._kind_titles[entry.kind]),
            "action": entry.action,
            "action_label": self._action_label(entry.action, details),
            "actor_id": entry.actor,
            "actor": actor,
            "target": target["label"],
            "target_url": target["url"],
            "target_path": target["path"],
            "concerning": ", ".join(concerning),
            "people": " ".join(f"{userid} {self.person(userid)}".lower() for userid in dict.fromkeys(people) if userid),
        }

    def _action_label(self, action: str, details: dict) -> str:
        title = self._action_title(action, details)
        return title if title == action else self.t(title)


def matches(row: dict, person: str = "", text: str = "") -> bool:
    """Whether a row passes the person filter (a part of a user id or a name, of whoever acted or was
    concerned) and the text filter (a part of what the row shows of its target and details)."""
    if person and person.strip().lower() not in row["people"]:
        return False
    if text:
        shown = " ".join((row["target"], row["target_path"], row["concerning"])).lower()
        if text.strip().lower() not in shown:
            return False
    return True
