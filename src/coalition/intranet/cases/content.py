"""The CaseFile content class: a container (for evidence files) named by a neutral id, titled by the name."""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from coalition.intranet.security.encryption.fields import SealedText
from plone.app.content.interfaces import INameFromTitle
from plone.app.content.namechooser import NormalizingNameChooser
from plone.dexterity.content import Container
from plone.uuid.interfaces import IUUID
from zope.interface import implementer
from zope.interface import Interface


class ICaseFile(Interface):
    """Marker of a case file."""


class ICaseRegistry(Interface):
    """Marker of the folder holding the case files (``/intranet/cases``)."""


# Facts without which a case cannot be nominated: field name -> label (the form's own label is shown).
NOMINATION_REQUIRED = (
    "full_name",
    "full_name_latin",
    "region",
    "nominating_organisation",
    "articles",
    "date_of_detention",
    "status",
    "narrative",
)


@implementer(ICaseFile)
class CaseFile(Container):
    """The title is the person's name (Latin transliteration, else Russian); it is not a field of its own."""

    security = ClassSecurityInfo()

    # The confidential fields are stored sealed with the site's key (security/encryption/fields.py).
    lawyer_contacts = SealedText("lawyer_contacts")
    relatives_contacts = SealedText("relatives_contacts")
    home_address = SealedText("home_address")
    health_notes = SealedText("health_notes")

    @security.public
    def nomination_blockers(self):
        """Names of the facts still missing for a nomination (the workflow's guard asks this)."""
        return [name for name in NOMINATION_REQUIRED if not getattr(self, name, None)]

    @security.public
    def decision_being_recorded(self):
        """Whether a decision of this review round is being recorded right now (the ``decide`` guard asks
        this): only ``cases.assessment`` moves a case to ``decided``, never the workflow menu or REST."""
        from coalition.intranet.cases.assessment import decision_being_recorded

        return decision_being_recorded(self)

    @property
    def title(self):
        return getattr(self, "full_name_latin", None) or getattr(self, "full_name", None) or ""

    @title.setter
    def title(self, value):
        # The name fields are the source of the title; Dexterity's initialisation may try to set it.
        pass

    def Title(self):
        return self.title


InitializeClass(CaseFile)


def neutral_case_id(case) -> str:
    return f"case-{IUUID(case, '')[:8] or 'new'}"


@implementer(INameFromTitle)
class NeutralCaseId:
    """A case file's URL never carries the person's name: ``case-<8 hex digits>``."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return neutral_case_id(self.context)


class CaseRegistryNameChooser(NormalizingNameChooser):
    """Whatever name a caller proposes (plone.api proposes the title), a case file gets a neutral id."""

    def chooseName(self, name, obj):
        if ICaseFile.providedBy(obj):
            name = neutral_case_id(obj)
        return super().chooseName(name, obj)
