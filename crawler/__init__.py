"""Crawler for the record of Vietnam's local government meetings."""

__version__ = "0.1.0"
