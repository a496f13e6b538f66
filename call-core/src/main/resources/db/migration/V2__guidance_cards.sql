-- Guidance cards as shown to agents, with their verdicts (see ShownCard): owner is the call id, sort_ms when the
-- card was shown, so a call's cards and a period's cards are indexed reads.
CREATE TABLE guidance_cards (
  k       VARCHAR(200) PRIMARY KEY,
  owner   VARCHAR(200),
  sort_ms BIGINT,
  body    TEXT NOT NULL
);
CREATE INDEX guidance_cards_owner ON guidance_cards (owner, sort_ms);
CREATE INDEX guidance_cards_sort ON guidance_cards (sort_ms);
