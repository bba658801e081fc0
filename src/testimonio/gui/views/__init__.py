"""Views: one window, page or dialog a file."""
