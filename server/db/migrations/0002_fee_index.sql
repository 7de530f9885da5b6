-- 0002: Tx0 fee address indexes, shared by every instance: each Tx0 data request
-- takes the next AUTO_INCREMENT value as its feeIndice (the fee xpub address
-- index), so two instances never hand out the same fee address.
CREATE TABLE IF NOT EXISTS fee_index (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
