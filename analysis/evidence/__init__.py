"""Numbers found by what they are, each with the sentence it came from."""
