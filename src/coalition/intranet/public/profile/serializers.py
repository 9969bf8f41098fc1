"""The REST API shows a profile as the page does: the postal address only while letters get through.

An address kept for later (letters blocked, a transfer pending) stays with the editors; plone.restapi would
otherwise serialize every field of the schema to anyone who may view the profile.
"""

from coalition.intranet.public.interfaces import IPrisonerProfile
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema.interfaces import IText


SHOWN_ONLY_WHILE_LETTERS_GET_THROUGH = ("postal_address",)


@adapter(IText, IPrisonerProfile, Interface)
@implementer(IFieldSerializer)
class ProfileTextFieldSerializer(DefaultFieldSerializer):
    def __call__(self):
        if self.field.__name__ in SHOWN_ONLY_WHILE_LETTERS_GET_THROUGH and not getattr(
            self.context, "letters_possible", False
        ):
            return None
        return super().__call__()
