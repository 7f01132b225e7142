"""Extract: rule-based and NER extractors turning document text into Mentions."""
