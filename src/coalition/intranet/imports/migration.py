"""The project's complement to plone.exportimport for moving the whole site (docs/import.md, "Migration").

plone.exportimport (core in Plone 6.2) keeps each object's schema fields, UID, workflow state and history,
local roles of users, versions (``--include-revisions``), relations and translation links. It does not keep
the attributes the project stores outside the schemas: the organisations granted access to a case
(``granted_organisations``), the external id of an import, per-language texts, the recorded consent and
the assessment, decision and publication records of cases and profiles. ``export_extras`` writes those
(keyed by UID) to one JSON file, with the audit log for the archive; ``import_extras`` puts them back on the
imported site and reindexes what they govern (access, search). What cannot be written as JSON is listed
under ``not_kept``, by object and attribute, so nothing is lost silently.
"""

from Acquisition import aq_base
import base64
from contextlib import contextmanager
from DateTime import DateTime
from datetime import date
from datetime import datetime
import importlib
import json
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.dexterity.utils import iterSchemata
from zope.annotation.interfaces import IAnnotations
from zope.schema import getFieldNames


FORMAT = "coalition.extras/1"
PROJECT_TYPES = (
    "CaseFile",
    "Evidence",
    "PrisonerProfile",
    "Organisation",
    "WorkingGroup",
    "WorkingDocument",
    "Ballot",
    "CriteriaSet",
    "Mentor",
    "Mentorship",
    "MentorAction",
    "Campaign",
    "Supporter",
)
# What Zope, CMF, Plone and plone.exportimport keep or rebuild themselves.
FRAMEWORK_ATTRIBUTES = frozenset(
    {
        *("id", "title", "description", "portal_type", "creators", "contributors", "subject", "language"),
        *("creation_date", "modification_date", "effective_date", "expiration_date", "rights", "workflow_history"),
        *("modification_date_migrated", "exclude_from_nav", "allow_discussion", "layout", "default_page"),
        "cmf_uid",
    }
)
_DATE, _DATETIME, _TUPLE, _BTREE, _OBJECT = "__date__", "__datetime__", "__tuple__", "__btree__", "__object__"
# Sealed values (security/encryption: the key's canary, sealed fields) are bytes; they move as they are.
_BYTES = "__bytes__"
# Site annotations of the project (registers kept outside content): exported whole, put back whole.
SITE_ANNOTATION_PREFIX = "coalition."


class NotJson(TypeError):
    """A value that this export cannot write."""


def _to_json(value):
    if value is None or isinstance(value, str | int | float | bool):
        return value
    module = type(value).__module__
    if module.startswith("BTrees."):
        # The site's registers (the audit log, the provenance of public profiles, …) are BTrees.
        name = f"{module}.{type(value).__name__}"
        if hasattr(value, "items"):
            return {_BTREE: name, "items": [[_to_json(k), _to_json(v)] for k, v in value.items()]}
        if hasattr(value, "keys"):
            return {_BTREE: name, "keys": [_to_json(k) for k in value]}
        if hasattr(value, "value"):
            return {_BTREE: name, "value": value.value}
    if isinstance(value, tuple):
        return {_TUPLE: [_to_json(item) for item in value]}
    if isinstance(value, bytes):
        return {_BYTES: base64.b64encode(value).decode("ascii")}
    if module.startswith("coalition.") and isinstance(getattr(value, "__dict__", None), dict):
        # A record class of the project (e.g. a campaign's signatures): its class and its state.
        state = {name: item for name, item in value.__dict__.items() if not name.startswith("_v_")}
        return {_OBJECT: f"{module}.{type(value).__name__}", "state": _to_json(state)}
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    if isinstance(value, DateTime):
        return {_DATETIME: value.asdatetime().isoformat()}
    if isinstance(value, dict | PersistentMapping):
        if not all(isinstance(key, str) for key in value):
            raise NotJson(type(value).__name__)
        return {key: _to_json(item) for key, item in value.items()}
    if isinstance(value, list | set | frozenset | PersistentList):
        return [_to_json(item) for item in value]
    raise NotJson(type(value).__name__)


def _btree(value: dict):
    module_name, _dot, class_name = value[_BTREE].rpartition(".")
    if not module_name.startswith("BTrees."):
        raise ValueError(f"Not a BTrees class: {value[_BTREE]}")
    tree = getattr(importlib.import_module(module_name), class_name)()
    if "items" in value:
        tree.update({_from_json(key): _from_json(item) for key, item in value["items"]})
    elif "keys" in value:
        tree.update(_from_json(key) for key in value["keys"])
    else:
        tree.set(value["value"])
    return tree


def _record(value: dict):
    module_name, _dot, class_name = value[_OBJECT].rpartition(".")
    if not module_name.startswith("coalition."):
        raise ValueError(f"Not a class of the project: {value[_OBJECT]}")
    cls = getattr(importlib.import_module(module_name), class_name)
    record = cls.__new__(cls)
    record.__dict__.update(_from_json(value["state"]))
    return record


def _from_json(value):
    if isinstance(value, dict):
        if set(value) == {_DATE}:
            return date.fromisoformat(value[_DATE])
        if set(value) == {_DATETIME}:
            return datetime.fromisoformat(value[_DATETIME])
        if set(value) == {_TUPLE}:
            return tuple(_from_json(item) for item in value[_TUPLE])
        if set(value) == {_BYTES}:
            return base64.b64decode(value[_BYTES])
        if _BTREE in value:
            return _btree(value)
        if _OBJECT in value:
            return _record(value)
        return {key: _from_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_from_json(item) for item in value]
    return value


def _schema_fields(obj) -> set:
    names = set()
    for schema in iterSchemata(obj):
        names.update(getFieldNames(schema))
    return names


def extras_of(obj) -> tuple[dict, list]:
    """``({attribute: JSON value}, [attributes not kept])`` of one object."""
    state = aq_base(obj).__dict__
    skip = _schema_fields(obj) | FRAMEWORK_ATTRIBUTES
    kept, not_kept = {}, []
    for name, value in sorted(state.items()):
        if name.startswith(("_", "__")) or name in skip or name.endswith("_Permission"):
            continue
        try:
            kept[name] = _to_json(value)
        except NotJson as error:
            not_kept.append({"attribute": name, "type": str(error)})
    return kept, not_kept


def export_extras(site) -> dict:
    """Everything plone.exportimport leaves behind, by UID; and the audit log (newest first)."""
    from coalition.intranet.security import api as audit

    catalog = api.portal.get_tool("portal_catalog")
    objects, not_kept = {}, []
    for brain in catalog.unrestrictedSearchResults(portal_type=list(PROJECT_TYPES)):
        obj = brain._unrestrictedGetObject()
        kept, missing = extras_of(obj)
        if kept:
            objects[brain.UID] = {"path": brain.getPath(), "attributes": kept}
        not_kept.extend(dict(entry, path=brain.getPath()) for entry in missing)
    registers = {}
    for key, value in IAnnotations(site).items():
        if key.startswith(SITE_ANNOTATION_PREFIX):
            try:
                registers[key] = _to_json(value)
            except NotJson as error:
                not_kept.append({"path": "/".join(site.getPhysicalPath()), "attribute": key, "type": str(error)})
    log = [
        {
            "when": entry.when.isoformat(),
            "action": entry.action,
            "actor": entry.actor,
            "target": entry.target_path,
            "target_uid": entry.target_uid,
            "details": dict(entry.details),
        }
        for entry in audit.entries()
    ]
    # plone.exportimport links translations again, but under new translation group ids, and it writes the
    # language of content without the multilingual behaviour's field (e.g. profiles) as the default one.
    # The project keeps group ids as references (a campaign's prisoners are profile translation groups).
    # Its importer also leaves the importing administrator as an extra Owner of every object: the local
    # roles are written whole, so exactly the old grants come back.
    groups, languages, local_roles = {}, {}, {}
    for brain in catalog.unrestrictedSearchResults(path="/".join(site.getPhysicalPath())):
        roles = getattr(aq_base(brain._unrestrictedGetObject()), "__ac_local_roles__", None)
        if roles is not None:
            local_roles[brain.UID] = {principal: sorted(granted) for principal, granted in roles.items()}
        if brain.TranslationGroup:
            groups[brain.UID] = brain.TranslationGroup
        if brain.Language:
            languages[brain.UID] = brain.Language
    return {
        "format": FORMAT,
        "objects": objects,
        "registers": registers,
        "translation_groups": groups,
        "languages": languages,
        "local_roles": local_roles,
        "not_kept": not_kept,
        "audit_log": log,
    }


def _state_from_history(item: dict, obj):
    """Instead of plone.exportimport's transition into the exported state, which would run the project's
    transition handlers a second time (a closed ballot closed again, a case decided again, mails, audit
    entries): the state comes with the restored workflow history (``_history_and_permissions``)."""
    if not item.get("workflow_history"):
        return _ORIGINAL_UPDATERS["update_review_state"](item, obj)
    return obj


def _history_and_permissions(item: dict, obj):
    """Restore the workflow history, then apply the permissions of the state it ends in."""
    obj = _ORIGINAL_UPDATERS["update_workflow_history"](item, obj)
    for workflow in api.portal.get_tool("portal_workflow").getWorkflowsFor(obj):
        workflow.updateRoleMappingsFor(obj)
    obj.reindexObject(idxs=["review_state", "allowedRolesAndUsers"])
    return obj


_ORIGINAL_UPDATERS = {}


@contextmanager
def restoring_site():
    """Run plone.exportimport's import of a moved site as a restore, not as new work.

    - The publication boundary refuses a prisoner profile created outside an act (public/boundary). A
      moved profile is no new publication: the register of the acts that created it (``coalition.public.
      provenance``) moves with it and is put back by ``import_extras``.
    - Mentorships and their actions exist only by their steps (mentorship/); they come back with the
      history those steps wrote.
    - Workflow states are restored from their history, without running transitions again.
    """
    # The concerns' own switches: their api.py offer no wrapper for a whole-site restore.
    from coalition.intranet.mentorship import actions
    from coalition.intranet.mentorship import lifecycle
    from coalition.intranet.public.boundary.provenance import publication_act
    from plone.exportimport.utils.content import import_helpers

    replaced = {"update_review_state": _state_from_history, "update_workflow_history": _history_and_permissions}
    for name, updater in replaced.items():
        _ORIGINAL_UPDATERS[name] = getattr(import_helpers, name)
        setattr(import_helpers, name, updater)
    recording = actions._recording.set(True)
    try:
        with publication_act(), lifecycle._step("*"):
            yield
    finally:
        actions._recording.reset(recording)
        for name in replaced:
            setattr(import_helpers, name, _ORIGINAL_UPDATERS.pop(name))


def complete_fields(site, folder, incomplete: dict) -> dict:
    """Second pass over the fields plone.exportimport could not set (``importer.incomplete``).

    A field whose vocabulary lists other content (the nominating organisation of a case, the organisers
    and prisoners of an event) fails while that content is not imported yet; once the whole site is in,
    the same values are deserialized again, with validation. Returns what still fails, by path.
    """
    from plone.restapi.interfaces import IDeserializeFromJson
    from zope.component import getMultiAdapter

    exported = {}
    for data_file in (folder / "content").glob("*/data.json"):
        data = json.loads(data_file.read_text(encoding="utf-8"))
        if data.get("@id") in incomplete:
            exported[data["@id"]] = data
    still = {}
    for item_path, fields in sorted(incomplete.items()):
        obj = site.unrestrictedTraverse(item_path.lstrip("/"), None)
        data = {name: exported.get(item_path, {}).get(name) for name in fields}
        try:
            getMultiAdapter((obj, site.REQUEST), IDeserializeFromJson)(data=data, validate_all=False)
        except Exception as error:  # noqa: BLE001 (reported, by path, as not kept)
            still[item_path] = [*fields, repr(error)]
    return still


def _restore_local_roles(catalog, local_roles: dict) -> None:
    for uid, roles in sorted(local_roles.items()):
        brains = catalog.unrestrictedSearchResults(UID=uid)
        if not brains:
            continue
        obj = brains[0]._unrestrictedGetObject()
        wanted = {principal: list(granted) for principal, granted in roles.items()}
        if dict(getattr(aq_base(obj), "__ac_local_roles__", None) or {}) != wanted:
            obj.__ac_local_roles__ = wanted
            obj.reindexObjectSecurity()


def _restore_languages_and_groups(catalog, languages: dict, groups: dict) -> None:
    from plone.app.multilingual.interfaces import IMutableTG
    from plone.base.interfaces import ILanguage

    for uid in sorted(set(languages) | set(groups)):
        brains = catalog.unrestrictedSearchResults(UID=uid)
        if not brains:
            continue
        obj = brains[0]._unrestrictedGetObject()
        if uid in languages:
            ILanguage(obj).set_language(languages[uid])
        if uid in groups:
            IMutableTG(obj).set(groups[uid])
        obj.reindexObject(idxs=["Language", "TranslationGroup"])


def import_extras(site, data: dict) -> int:
    """Put the attributes back on the objects of the same UID; returns how many objects were completed."""
    if data.get("format") != FORMAT:
        raise ValueError(f"Not a {FORMAT} file.")
    catalog = api.portal.get_tool("portal_catalog")
    annotations = IAnnotations(site)
    for key, value in data.get("registers", {}).items():
        annotations[key] = _from_json(value)
    _restore_languages_and_groups(catalog, data.get("languages", {}), data.get("translation_groups", {}))
    _restore_local_roles(catalog, data.get("local_roles", {}))
    done = 0
    for uid, record in sorted(data.get("objects", {}).items()):
        brains = catalog.unrestrictedSearchResults(UID=uid)
        if not brains:
            continue
        obj = brains[0]._unrestrictedGetObject()
        for name, value in record["attributes"].items():
            setattr(obj, name, _from_json(value))
        # Grants and other attributes may govern who sees the object and what the catalog knows.
        obj.reindexObject()
        obj.reindexObjectSecurity()
        done += 1
    return done
