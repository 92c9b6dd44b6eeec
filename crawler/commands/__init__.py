"""The CLI's sub-commands, one module each, imported when their command runs."""
