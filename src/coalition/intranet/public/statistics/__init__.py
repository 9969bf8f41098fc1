"""The statistics of the public list (``@@statistics``): counts, upcoming dates, SVG charts and the page."""
