"""Spiders: the generic site spider (one-off harvests of any site)."""
