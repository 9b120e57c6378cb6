"""Pure what-if models: inputs in, numbers or tidy frames out, no widgets or I/O beyond reference CSVs."""
