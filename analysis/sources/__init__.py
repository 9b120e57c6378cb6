"""Reading the articles: decoding, saved web pages, the manifest, paragraphs and page furniture."""
