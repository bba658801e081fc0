"""dialogs of the desktop program."""
