"""Every version of every object with a CMFEditions history moves with the site (docs/import.md, "Versions").

plone.exportimport keeps only the newest content of an object and, for its history, who/when/why: its
importer does not restore older versions. This module exports every object that has a history in
``portal_historiesstorage`` (whatever its type: working documents, files, pages, events, and case files
updated by an import) into ``coalition-histories/`` of the export folder:

- ``histories.json``: the index, one entry per object (UID, path, type, the file of its history with its
  SHA-256) and the counts per type;
- ``<UID>/history.json``: the object's versions, oldest first: the version id, its ``sys_metadata`` (the
  principal who saved it, the timestamp, the comment, the review state), its ``app_metadata``, the entry
  ``@history`` shows for it, and its content serialized by plone.exportimport's own serializer on the
  retrieved version (``data``), with the SHA-256 of every blob file;
- ``<UID>/<version id>/<field>/<file name>``: the blob of each file or image field of that version.

The import checks the whole folder first (``read_histories``) and refuses a missing or broken file before
anything changes. After the content is in, it rebuilds each history by replaying ``portal_repository.save``
once per version, oldest first, with that version's fields on the object and its original principal,
timestamp, comment and review state written into the version's metadata: CMFEditions stores and reads
back these histories like any other (retrieve, revert, compare). Afterwards the object gets its exported
current content back, so the newest version and the current object stand as they stood on the old site.
"""

from Acquisition import aq_base
from collections import Counter
from contextlib import contextmanager
from DateTime import DateTime
import hashlib
import json
import pathlib
from plone import api
from plone.dexterity.utils import iterSchemata
import shutil
from unittest import mock
from zope.component import queryMultiAdapter
from zope.schema import getFields


FORMAT = "coalition.histories/1"
FOLDER = "coalition-histories"
INDEX = "histories.json"
HISTORY = "history.json"
# What a replayed version keeps of its own metadata (CMFEditions recomputes the size, the parent's history
# id and the originator).
REPLAYED_METADATA = ("principal", "timestamp", "comment", "review_state")


class BrokenHistories(ValueError):
    """The export folder's histories are missing or damaged; nothing was imported."""


def _sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tools():
    return (
        api.portal.get_tool("portal_repository"),
        api.portal.get_tool("portal_historiesstorage"),
        api.portal.get_tool("portal_historyidhandler"),
    )


def has_history(obj) -> bool:
    _repository, storage, handler = _tools()
    history_id = handler.queryUid(obj, None)
    return history_id is not None and storage.isRegistered(history_id)


# Export


@contextmanager
def _export_request(request, folder: pathlib.Path):
    """plone.exportimport's serializers write blob fields below ``folder`` (one folder per version, so two
    versions of a file with the same name never overwrite each other)."""
    from plone.exportimport import settings
    from plone.exportimport import types
    from plone.exportimport.interfaces import IExportImportRequestMarker
    from plone.exportimport.utils import request_provides

    saved = {key: request.other.get(key) for key in (settings.EXPORT_PATH_KEY, settings.EXPORT_CONTENT_METADATA_KEY)}
    request.other[settings.EXPORT_PATH_KEY] = folder
    request.other[settings.EXPORT_CONTENT_METADATA_KEY] = metadata = types.ExportImportMetadata()
    try:
        with request_provides(request, IExportImportRequestMarker):
            yield metadata
    finally:
        request.other.update(saved)


def _serialize_version(site, obj, version_id: int, folder: pathlib.Path) -> tuple[dict, dict]:
    """plone.exportimport's serialization of the retrieved version; and ``{blob path: SHA-256}``."""
    from plone.exportimport import types
    from plone.exportimport.utils.content.export_helpers import cleanup_export_data
    from plone.exportimport.utils.content.export_helpers import get_serializer

    request = site.REQUEST
    with _export_request(request, folder) as metadata:
        serializer = get_serializer(obj, request)
        data = serializer(version=version_id, include_items=False)
        config = types.ExporterConfig(
            site=site, site_root_uid=site.UID(), request=request, serializer=serializer, logger_prefix=""
        )
        data = cleanup_export_data(data, config)
    blobs = {name: _sha256(folder / name) for name in metadata._blob_files_}
    return data, blobs


MESSAGE = "__message__"


def _json_metadata(value):
    """CMFEditions' metadata as JSON; a comment that is a message id (``Initial version``) stays one."""
    from zope.i18nmessageid import Message

    if isinstance(value, Message):
        return {MESSAGE: str(value), "domain": value.domain, "default": value.default, "mapping": value.mapping}
    if isinstance(value, dict):
        return {str(key): _json_metadata(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_metadata(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _metadata_from_json(value):
    from zope.i18nmessageid import Message

    if isinstance(value, dict):
        if MESSAGE in value:
            return Message(
                value[MESSAGE], domain=value.get("domain"), default=value.get("default"), mapping=value.get("mapping")
            )
        return {key: _metadata_from_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_metadata_from_json(item) for item in value]
    return value


def export_history(site, obj, root: pathlib.Path, seal=None) -> dict:
    """Write the history of ``obj`` below ``root``; returns its entry of the index."""
    from plone.exportimport.utils.content.revisions import _format_as_history
    from plone.restapi.serializer.converters import json_compatible

    repository, _storage, _handler = _tools()
    uid = obj.UID()
    folder = root / uid
    folder.mkdir(parents=True, exist_ok=True)
    history = repository.getHistoryMetadata(obj)
    versions = []
    for position in range(history.getLength(countPurged=False)):
        version_id = history.getVersionId(position, countPurged=False)
        raw = history.retrieve(position, countPurged=False)
        entry = raw["metadata"]
        data, blobs = _serialize_version(site, obj, version_id, folder / str(version_id))
        if seal is not None:
            data = seal(obj, data)
        versions.append(
            {
                "version_id": version_id,
                "sys_metadata": _json_metadata(entry["sys_metadata"]),
                "app_metadata": _json_metadata(entry.get("app_metadata")),
                # As plone.exportimport and ``@history`` show the version (the comment translated).
                "@history": json_compatible(_format_as_history(raw, version_id)),
                "blobs": blobs,
                "data": data,
            }
        )
    document = {"format": FORMAT, "uid": uid, "path": "/".join(obj.getPhysicalPath()), "versions": versions}
    (folder / HISTORY).write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return {
        "uid": uid,
        "path": document["path"],
        "type": obj.portal_type,
        "versions": len(versions),
        "file": f"{uid}/{HISTORY}",
        "sha256": _sha256(folder / HISTORY),
    }


def export_histories(site, folder: pathlib.Path, seal=None) -> dict:
    """Write every history of the site to ``folder/coalition-histories``; returns the index."""
    root = folder / FOLDER
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    catalog = api.portal.get_tool("portal_catalog")
    objects = []
    for brain in catalog.unrestrictedSearchResults(path="/".join(site.getPhysicalPath()), sort_on="path"):
        obj = brain._unrestrictedGetObject()
        if has_history(obj):
            objects.append(export_history(site, obj, root, seal))
    index = {"format": FORMAT, "objects": objects, "counts": counts(objects)}
    (root / INDEX).write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    return index


def counts(objects: list[dict]) -> dict:
    """``{type: {"objects": n, "versions": m}}``."""
    found, versions = Counter(), Counter()
    for entry in objects:
        found[entry["type"]] += 1
        versions[entry["type"]] += entry["versions"]
    return {name: {"objects": found[name], "versions": versions[name]} for name in sorted(found)}


# Import: check everything first


def _refuse(message: str):
    raise BrokenHistories(f"{message} Nothing was imported.")


def _load_json(path: pathlib.Path, what: str) -> dict:
    if not path.is_file():
        _refuse(f"The export has no {what} ({path}).")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        _refuse(f"The {what} {path} is not readable JSON ({error}).")


def _check_version(path: pathlib.Path, version) -> None:
    if not isinstance(version, dict) or not isinstance(version.get("data"), dict):
        _refuse(f"{path}: a version without its content.")
    meta = version.get("sys_metadata")
    if not isinstance(version.get("version_id"), int) or not isinstance(meta, dict):
        _refuse(f"{path}: a version without its id or metadata.")
    if not isinstance(meta.get("timestamp"), int | float) or not isinstance(meta.get("principal"), str):
        _refuse(f"{path}: version {version['version_id']} has no time or principal.")
    for name, digest in (version.get("blobs") or {}).items():
        blob = path.parent / str(version["version_id"]) / name
        if not blob.is_file():
            _refuse(f"{path}: the file {blob} of version {version['version_id']} is missing.")
        if _sha256(blob) != digest:
            _refuse(f"{path}: the file {blob} of version {version['version_id']} is damaged (checksum).")


def read_histories(folder: pathlib.Path) -> list[dict]:
    """Every history of the export, checked whole (files, checksums, fields); ``BrokenHistories`` if not."""
    root = folder / FOLDER
    index = _load_json(root / INDEX, f"histories file ({FOLDER}/{INDEX}; an export made before versions moved?)")
    if index.get("format") != FORMAT or not isinstance(index.get("objects"), list):
        _refuse(f"{root / INDEX} is not a {FORMAT} file.")
    histories = []
    for entry in index["objects"]:
        path = root / entry["file"]
        if not path.is_file():
            _refuse(f"The history of {entry['path']} ({path}) is missing.")
        if _sha256(path) != entry.get("sha256"):
            _refuse(f"The history of {entry['path']} ({path}) is damaged (checksum).")
        history = _load_json(path, f"history of {entry['path']}")
        versions = history.get("versions")
        if history.get("uid") != entry["uid"] or not isinstance(versions, list) or len(versions) != entry["versions"]:
            _refuse(f"The history of {entry['path']} ({path}) does not match the index.")
        for version in versions:
            _check_version(path, version)
        histories.append({**entry, "folder": path.parent, "history": versions})
    return histories


# Import: rebuild


def _data_managers(obj) -> dict:
    """``{field name: (field, z3c.form data manager)}`` of every schema field but relations, the short name
    and the change note."""
    from plone.app.versioningbehavior.behaviors import IVersionable
    from z3c.form.interfaces import IDataManager
    from z3c.relationfield.interfaces import IRelation
    from z3c.relationfield.interfaces import IRelationList

    managers = {}
    for schema in iterSchemata(obj):
        if schema.isOrExtends(IVersionable):
            continue
        for name, field in getFields(schema).items():
            # Relations are plone.exportimport's (relations.json); a version keeps the current ones. The
            # short name (``id``) is the object's place: setting it renames the object.
            if IRelation.providedBy(field) or IRelationList.providedBy(field) or field.readonly or name == "id":
                continue
            manager = queryMultiAdapter((obj, field), IDataManager)
            if manager is not None:
                managers[name] = (field, manager)
    return managers


@contextmanager
def _import_request(request, folder: pathlib.Path):
    from plone.exportimport import settings
    from plone.exportimport.interfaces import IExportImportRequestMarker
    from plone.exportimport.utils import request_provides

    saved = request.other.get(settings.IMPORT_PATH_KEY)
    request.other[settings.IMPORT_PATH_KEY] = folder
    try:
        with request_provides(request, IExportImportRequestMarker):
            yield
    finally:
        request.other[settings.IMPORT_PATH_KEY] = saved


def _set_field(field, manager, obj, request, value) -> None:
    """Set the value as plone.exportimport's deserializers read it. An old version keeps what it held even
    where today's rules refuse it (the first version of a translation has no title yet): the field's
    validation, which the deserializer and the Dublin Core setters run, is skipped then."""
    from plone.restapi.interfaces import IFieldDeserializer
    from zope.schema.interfaces import ValidationError

    def write():
        converted = value
        # An empty text stays empty: a deserializer reads "" as no value, which a title may not be.
        if converted not in (None, ""):
            deserializer = queryMultiAdapter((field, obj, request), IFieldDeserializer)
            converted = deserializer(json.loads(json.dumps(value)))
        manager.set(converted)

    try:
        write()
    except ValidationError:
        with mock.patch.object(field, "validate", _accept):
            write()


def _accept(value) -> None:
    return None


def _write_version(obj, managers: dict, data: dict, request) -> list[str]:
    """Set the fields of one version on ``obj`` (no events: nothing else reacts to a replay)."""
    failed = []
    for name, (field, manager) in managers.items():
        if name not in data:
            continue
        value = data[name]
        try:
            _set_field(field, manager, obj, request, value)
        except Exception as error:  # noqa: BLE001 (reported as not kept, by field)
            failed.append(f"{name} ({error!r})")
    modified = data.get("modified")
    if modified:
        obj.modification_date = DateTime(modified)
    return failed


@contextmanager
def _historic_metadata(wanted: dict):
    """``portal_repository.save`` writes the metadata of the moment; a replayed version keeps its own
    principal, timestamp, comment and review state (the state is otherwise filled in by a modifier)."""
    from Products.CMFEditions.ArchivistTool import ArchivistTool

    prepare = ArchivistTool.prepare

    def historic_prepare(self, obj, app_metadata=None, sys_metadata={}):  # noqa: B006 (CMFEditions' signature)
        prepared = prepare(self, obj, app_metadata, sys_metadata)
        prepared.metadata["sys_metadata"].update(wanted)
        return prepared

    with mock.patch.object(ArchivistTool, "prepare", historic_prepare):
        yield


def _forget_history(obj) -> bool:
    """A history the import itself started (none is expected: ``no_versions_while_importing``) is left
    behind: the object gets a new history id and the replay starts its history from the first version."""
    if not has_history(obj):
        return False
    _repository, _storage, handler = _tools()
    handler.unregister(obj)
    for name in ("version_id", "location_id"):
        if name in aq_base(obj).__dict__:
            delattr(obj, name)
    return True


def rebuild_history(site, obj, entry: dict) -> list[str]:
    """Replay every version of ``entry`` on ``obj``, then give it back its current content."""
    repository, _storage, _handler = _tools()
    managers = _data_managers(obj)
    current = {name: manager.query() for name, (_field, manager) in managers.items()}
    current_modified = obj.modification_date
    not_kept = []
    _forget_history(obj)
    request = site.REQUEST
    for version in entry["history"]:
        with _import_request(request, entry["folder"] / str(version["version_id"])):
            failed = _write_version(obj, managers, version["data"], request)
        not_kept.extend(f"version {version['version_id']}: {name}" for name in failed)
        meta = _metadata_from_json(version["sys_metadata"])
        wanted = {name: meta[name] for name in REPLAYED_METADATA if name in meta}
        with _historic_metadata(wanted):
            repository.save(
                obj, comment=meta.get("comment"), metadata=_metadata_from_json(version.get("app_metadata") or {})
            )
    for name, (_field, manager) in managers.items():
        if manager.query() is not current[name]:
            manager.set(current[name])
    obj.modification_date = current_modified
    return not_kept


def _not_versionable(self, obj) -> bool:
    return False


@contextmanager
def no_versions_while_importing():
    """plone.exportimport's importer (and the second pass) would save a version on every edit event of a
    versionable type: the one with the newest content, named after the importing administrator. The
    histories are rebuilt afterwards from the export, so the import itself saves none (plone.exportimport
    does the same while it constructs an object)."""
    from Products.CMFEditions.CopyModifyMergeRepositoryTool import CopyModifyMergeRepositoryTool

    with mock.patch.object(CopyModifyMergeRepositoryTool, "isVersionable", _not_versionable):
        yield


def import_histories(site, histories: list[dict]) -> tuple[dict, list[str]]:
    """Rebuild every history of ``read_histories``; returns the counts per type and what was not kept."""
    import transaction

    catalog = api.portal.get_tool("portal_catalog")
    restored, not_kept = [], []
    savepoint = transaction.savepoint()
    try:
        for entry in histories:
            brains = catalog.unrestrictedSearchResults(UID=entry["uid"])
            if not brains:
                not_kept.append(f"{entry['path']} history (the object was not imported)")
                continue
            obj = brains[0]._unrestrictedGetObject()
            failed = rebuild_history(site, obj, entry)
            not_kept.extend(f"{entry['path']} {name}" for name in failed)
            restored.append(entry)
    except BaseException:
        savepoint.rollback()
        raise
    return counts(restored), not_kept
