"""Citizens' privacy: stable keyed pseudonyms for accounts that are not public bodies."""
