"""One theme and one export for every chart, the charts by name, how frames are shown."""
