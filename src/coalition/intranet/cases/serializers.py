"""Every REST serialization that returns a case file (or something inside one) writes to its access log.

plone.restapi serializes a case file in full for a GET and for ``fullobjects`` (``@search``,
``@querystring-search``, folder listings) and as a summary in listings (``@search`` with or without
``metadata_fields``): the summary's ``title`` is already the person's name. These adapters are
plone.restapi's own, registered for the coalition's browser layer, and add one access-log entry per case
and request (``bulk_reads.record_rest_read``); a GET of the case itself is logged once it succeeded, as a
page view is, and not twice.
"""

from coalition.intranet.cases.bulk_reads import case_containing
from coalition.intranet.cases.bulk_reads import case_uid_of_brain
from coalition.intranet.cases.bulk_reads import record_rest_read
from coalition.intranet.cases.content import ICaseFile
from coalition.intranet.interfaces import ICoalitionLayer
from plone.dexterity.interfaces import IDexterityItem
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from plone.restapi.serializer.summary import DefaultJSONSummarySerializer
from plone.uuid.interfaces import IUUID
from Products.ZCatalog.interfaces import ICatalogBrain
from zope.component import adapter
from zope.interface import implementer


@implementer(ISerializeToJson)
@adapter(ICaseFile, ICoalitionLayer)
class CaseFileSerializer(SerializeFolderToJson):
    """A case file in full (GET, ``fullobjects``)."""

    def __call__(self, version=None, include_items=True, include_expansion=True):
        # Logged first: the full read is what happens, whatever summaries (its items) come along.
        record_rest_read(IUUID(self.context, None), self.request, "fullobjects")
        return super().__call__(version=version, include_items=include_items, include_expansion=include_expansion)


@implementer(ISerializeToJson)
@adapter(IDexterityItem, ICoalitionLayer)
class ItemSerializer(SerializeToJson):
    """Any item in full; one inside a case file (evidence, a ballot) is a read of that case."""

    def __call__(self, version=None, include_items=True, include_expansion=True):
        # Logged first: the summary of its case (``parent``) comes with the full read and is the same read.
        case = case_containing(self.context)
        if case is not None:
            record_rest_read(IUUID(case, None), self.request, "fullobjects")
        return super().__call__(version=version, include_items=include_items, include_expansion=include_expansion)


@implementer(ISerializeToJsonSummary)
@adapter(ICaseFile, ICoalitionLayer)
class CaseFileSummarySerializer(DefaultJSONSummarySerializer):
    """The summary of a case file object (relations, a parent, folder contents): it names the person."""

    def __call__(self):
        summary = super().__call__()
        record_rest_read(IUUID(self.context, None), self.request, "summary")
        return summary


@implementer(ISerializeToJsonSummary)
@adapter(ICatalogBrain, ICoalitionLayer)
class CatalogBrainSummarySerializer(DefaultJSONSummarySerializer):
    """The summary of a search result; one of a case file (or inside one) is a read of that case."""

    def __call__(self):
        summary = super().__call__()
        record_rest_read(case_uid_of_brain(self.context), self.request, "summary")
        return summary
