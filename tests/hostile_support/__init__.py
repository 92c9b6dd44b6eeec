"""A hostile web on loopback: raw-socket answers that real portals sometimes give."""
