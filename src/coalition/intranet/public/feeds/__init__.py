"""Feeds and data of the public list: RSS (``@@rss``), open data (``@@open-data.csv/.json``), the sitemap,
and the purge paths that keep caching proxies in step with them."""
