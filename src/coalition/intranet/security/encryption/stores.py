"""Where sealed values live, one ``ISealedValues`` utility per kind (rotation and the migration walk these).

Case fields on the case files, evidence files, the case files' CMFEditions versions (their copies carry
the sealed fields too) and the canary. Other concerns (the second factor) register their own utility.
"""

from Acquisition import aq_base
from coalition.intranet.security.encryption import canary
from coalition.intranet.security.encryption.api import is_sealed
from coalition.intranet.security.encryption.fields import CASE_FIELDS
from coalition.intranet.security.encryption.fields import field_purpose
from coalition.intranet.security.encryption.fields import storage_name
from coalition.intranet.security.encryption.files import EVIDENCE_TYPE
from coalition.intranet.security.encryption.files import FILE_FIELD
from coalition.intranet.security.encryption.files import SealedFile
from coalition.intranet.security.encryption.interfaces import ISealedValues
from zope.interface import implementer


CASE_TYPE = "CaseFile"


def unrestricted_objects(portal, portal_type: str):
    """Every object of ``portal_type`` in the site, whoever may see it."""
    catalog = portal.portal_catalog
    for brain in catalog.unrestrictedSearchResults(portal_type=portal_type):
        obj = brain._unrestrictedGetObject()
        if obj is not None:
            yield obj


def _field_setter(obj, name):
    def replace(token):
        setattr(obj, storage_name(name), token)

    return replace


def sealed_fields_of(obj):
    """``(token, purpose, replace)`` of each sealed confidential field of a case file (or a version's copy)."""
    obj._p_activate()
    for name in CASE_FIELDS:
        token = obj.__dict__.get(storage_name(name))
        if is_sealed(token):
            yield token, field_purpose(obj, name), _field_setter(obj, name)


@implementer(ISealedValues)
class CaseFields:
    def sealed_values(self, portal):
        for case in unrestricted_objects(portal, CASE_TYPE):
            yield from sealed_fields_of(aq_base(case))


@implementer(ISealedValues)
class EvidenceFiles:
    def sealed_values(self, portal):
        for evidence in unrestricted_objects(portal, EVIDENCE_TYPE):
            value = getattr(aq_base(evidence), FILE_FIELD, None)
            if isinstance(value, SealedFile):
                yield value.sealed_token(), value.purpose(), value.reseal


def version_copies(portal):
    """The object copies kept by CMFEditions (every versioned type); a case file's copies hold sealed fields."""
    storage = getattr(aq_base(portal), "portal_historiesstorage", None)
    if storage is None or getattr(storage, "zvc_repo", None) is None:
        return
    repository = storage.zvc_repo
    for history in repository._histories.values():
        for version in history._versions.values():
            wrapper = version.__dict__.get("_data")
            copy = getattr(wrapper, "_object", None)
            copy = getattr(copy, "object", copy) if not hasattr(copy, "portal_type") else copy
            if copy is not None:
                yield copy


@implementer(ISealedValues)
class CaseFileVersions:
    def sealed_values(self, portal):
        for copy in version_copies(portal):
            if getattr(copy, "portal_type", None) == CASE_TYPE:
                yield from sealed_fields_of(copy)


@implementer(ISealedValues)
class Canary:
    def sealed_values(self, portal):
        token = canary.canary(portal)
        if token is not None:
            yield token, canary.CANARY_PURPOSE, lambda new: canary.replace_canary(portal, new)
