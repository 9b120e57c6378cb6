"""From text to facts: sentences, the number lexicon, quantities, tables, claims, topics, the timeline."""
