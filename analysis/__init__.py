"""Turn news articles into tidy numbers."""
