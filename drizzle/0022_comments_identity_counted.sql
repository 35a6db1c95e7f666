-- Whether a comment's status counts towards its e-mail's and author website's reputation: not while only the
-- engine has judged a comment sent without a key (anyone can write anyone's address; a stranger's spam under a
-- reader's address held every later comment of theirs). Every comment stored before counted, and still does.
ALTER TABLE "comments" ADD COLUMN "identity_counted" boolean DEFAULT true NOT NULL;
