"""The class of the public prisoner profile: the publication boundary's hooks on the object itself."""

from AccessControl.class_init import InitializeClass
from AccessControl.SecurityInfo import ClassSecurityInfo
from coalition.intranet.public.boundary import profiles as profile_boundary
from plone.dexterity.content import Item


class PrisonerProfile(Item):
    security = ClassSecurityInfo()

    @security.public
    def may_be_published(self) -> bool:
        """Asked by the workflow's ``publish`` guard (see ``profile_boundary.may_be_published``)."""
        return profile_boundary.may_be_published(self)

    @security.public
    def may_be_retracted(self) -> bool:
        """Asked by the workflow's ``retract`` guard (see ``profile_boundary.may_be_retracted``)."""
        return profile_boundary.may_be_retracted(self)

    def __before_publishing_traverse__(self, arg1, arg2=None):
        # Runs for every request that passes through the profile (page, images, REST), before Zope
        # authenticates: a profile the requester may not see answers 404, never a login form.
        profile_boundary.hide_from_requester(self, arg2 or arg1)
        super().__before_publishing_traverse__(arg1, arg2)


InitializeClass(PrisonerProfile)
