"""Tables written for analysis: the column dictionary and the file writers."""
