"""The cache rules of the site (plone.app.caching). Which operation each rule runs and for how long is in the
registry (``profiles/default/registry/caching.xml``); this module names the rules the rest of the package
reasons about.

- ``coalition.publicLists`` (the list of prisoners, its statistics), ``plone.content.itemView``,
  ``plone.content.folderView``, ``plone.content.feed``: moderate caching: the proxy keeps the page until a
  purge or its ``s-maxage``; browsers revalidate with the ETag every time.
- ``plone.content.dynamic`` (REST searches and navigation, open data, the sitemap): terse caching (a minute).
- ``plone.content.file`` (downloads, scales by field name): moderate caching with last-modified.
- ``plone.stableResource`` (image scales by their unique URL, which changes with the image: plone.namedfile
  marks them ``IStableImageScale``) and ``plone.resource`` (theme resources): strong caching.
- The intranet and every logged-in page are never stored (``tags.finish_response``).
"""

PUBLIC_LISTS = "coalition.publicLists"
# Rules whose pages list profiles: they carry the list tag, purged by every publication and retraction.
LIST_RULESETS = frozenset({PUBLIC_LISTS, "plone.content.folderView", "plone.content.feed", "plone.content.dynamic"})
