"""Printing: one household's case file, and many printed in bulk outside the request."""
