"""French administrative grammar the stages share, each piece once: folding and accents,
number words, arrivals and departures during a session, the words of a vote. Imports nothing of délib."""
