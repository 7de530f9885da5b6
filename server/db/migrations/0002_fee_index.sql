-- 0002: Tx0 fee address indexes, shared by every instance. A Tx0 data request
-- reserves a block of consecutive indexes (one per pool) by moving the counter
-- with UPDATE ... SET next_index = LAST_INSERT_ID(next_index + n), atomically, so
-- two instances never hand out the same fee address.
CREATE TABLE IF NOT EXISTS fee_index_counter (
  id TINYINT NOT NULL,
  next_index BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT IGNORE INTO fee_index_counter (id, next_index) VALUES (1, 0);
