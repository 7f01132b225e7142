"""French administrative grammar the stages share, each piece once: folding and accents,
number words, arrivals and departures during a session. Imports nothing of délib."""
