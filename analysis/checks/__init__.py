"""One module per notebook: the checks of the articles against their own numbers and reference data."""
