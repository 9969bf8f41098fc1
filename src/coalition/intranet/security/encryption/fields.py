"""Confidential case fields kept sealed on the object: a data descriptor per field on the CaseFile class.

The value lives under ``_sealed_<name>`` as sealed bytes (never the text), so a copied ``Data.fs``, a backup,
a CMFEditions version (a pickled clone of the object) or any pickle of the case holds no plaintext. Reading
the attribute opens it with the site's key, so forms, views, the REST API, the CSV export and CMFEditions'
diff and revert all keep working unchanged. The purpose binds each value to its field and to the case file's
own sealing id (a random id kept on the object and copied with it, unlike the UID a copy changes): a value
moved to another field or another person does not open.

A case file of a site not yet migrated still holds plaintext under the field name; it is read as it is and
sealed on the next write or by ``setup.install`` / the rotation command.
"""

from coalition.intranet.security.encryption.api import seal_text
from coalition.intranet.security.encryption.api import unseal_text
import uuid


CASE_FIELDS = ("lawyer_contacts", "relatives_contacts", "home_address", "health_notes")
SEALING_ID = "_coalition_sealing_id"
STORAGE_PREFIX = "_sealed_"


def storage_name(field_name: str) -> str:
    return STORAGE_PREFIX + field_name


def sealing_id(obj, create: bool = False) -> str:
    value = obj.__dict__.get(SEALING_ID)
    if value is None and create:
        value = uuid.uuid4().hex
        setattr(obj, SEALING_ID, value)
    return value or ""


def field_purpose(obj, field_name: str, create: bool = False) -> str:
    return f"casefile:{sealing_id(obj, create)}:{field_name}"


def _activate(obj) -> None:
    # ``__dict__`` of a ghost is empty: load the object first.
    activate = getattr(obj, "_p_activate", None)
    if activate is not None:
        activate()


class SealedText:
    """A text field stored sealed; ``None`` is stored as no value at all."""

    def __init__(self, name: str):
        self.name = name
        self.storage = storage_name(name)

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        _activate(obj)
        state = obj.__dict__
        token = state.get(self.storage)
        if token is None:
            # Not set, or plaintext of a site not migrated yet.
            return state.get(self.name)
        return unseal_text(token, field_purpose(obj, self.name))

    def __set__(self, obj, value):
        _activate(obj)
        if value is None:
            self.__delete__(obj)
            return
        setattr(obj, self.storage, seal_text(value, field_purpose(obj, self.name, create=True)))
        if self.name in obj.__dict__:
            del obj.__dict__[self.name]
            obj._p_changed = True

    def __delete__(self, obj):
        _activate(obj)
        changed = obj.__dict__.pop(self.storage, None) is not None
        changed = obj.__dict__.pop(self.name, None) is not None or changed
        if changed:
            obj._p_changed = True


def seal_plaintext(obj) -> bool:
    """Seal the plaintext confidential fields still on ``obj`` (a case file or a version's copy of one)."""
    _activate(obj)
    changed = False
    for name in CASE_FIELDS:
        if name not in obj.__dict__:
            continue
        value = obj.__dict__.pop(name)
        # A sealed value written since wins; the plaintext goes in any case.
        if value is not None and storage_name(name) not in obj.__dict__:
            setattr(obj, storage_name(name), seal_text(value, field_purpose(obj, name, create=True)))
        obj._p_changed = True
        changed = True
    return changed
