"""The REST API shows a profile as every other output does: the fields of ``public_data.public_profile_data``.

plone.restapi would otherwise serialize every field of the schema to anyone who may view the profile (an address
kept for later, a field added to the model without being made public). A field of the model that the public
serialisation leaves out answers ``null``, as a field the reader may not see does.
"""

from coalition.intranet.public.interfaces import IPrisonerProfile
from coalition.intranet.public.profile.public_data import public_profile_data
from plone.dexterity.utils import iterSchemata
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema import getFieldNames


@implementer(ISerializeToJson)
@adapter(IPrisonerProfile, Interface)
class PublicProfileSerializer(SerializeToJson):
    def __call__(self, version=None, *args, **kwargs):
        result = super().__call__(version, *args, **kwargs)
        profile = self.getVersion("current" if version is None else version)
        public = public_profile_data(profile)
        # The type's own schema (the model): behaviors' fields (language, related items…) have rules of their own.
        model = next(iter(iterSchemata(self.context)))
        for name in getFieldNames(model):
            if name in result and name not in public:
                result[name] = None
        return result
