"""Executing notebooks with their pictures, and the static report."""
