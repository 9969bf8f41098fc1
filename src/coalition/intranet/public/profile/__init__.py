"""The prisoner profile: its class, what the catalog learns of it, its one public serialisation
(``public_data.py``, used by the page, the REST API, the feed and the open data), the page and its social tags."""
