"""Reference data the extractors read: places, given names and surnames."""
