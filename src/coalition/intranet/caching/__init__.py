"""The caching proxy's side in Plone: the cache rules (plone.app.caching, ``profiles/default/registry/caching.xml``),
the tags on every response (``tags.py``) and the exact purges after a profile's publication, update or retraction
(``purge.py``). The proxy itself: ``deploy/varnish/coalition.vcl``; the whole picture: ``docs/caching.md``."""
