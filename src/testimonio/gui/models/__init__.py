"""models of the desktop program."""
