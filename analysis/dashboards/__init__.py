"""The ipywidgets what-if dashboards, their chart widget and their saved pictures."""
