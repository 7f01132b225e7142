"""The civilités minutes print before a name, written once for every reader of names (the
attendance lists, the arrivals and departures)."""

# « M. », « MM. », « Mme », « Madame », « MONSIEUR », and in small letters after « à » (« … a donné
# pouvoir à madame A.SOURDIN »)
CIVILITE = (r"(?:M|MM|Ms|Mr|Mme|Mmes|MME|MMES|Mlle|Melle|Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|MONSIEUR|MADAME"
            r"|monsieur|madame)\.?")
