-- Another module's table, kept beside Colony's with its own history.
CREATE TABLE extra_notes (
  id   INTEGER PRIMARY KEY,
  body TEXT    NOT NULL
);
