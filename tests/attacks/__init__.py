"""Attacks from outside (issue 15): hostile bundles, team, key and answers files."""
