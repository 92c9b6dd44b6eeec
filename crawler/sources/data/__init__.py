"""Data files of the sources registry (a package so the files travel in wheels and eggs)."""
