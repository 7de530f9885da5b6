-- 0001: the initial schema of the coordinator cluster.
--
-- The classic Whirlpool tables (protocol reference §10.1) adapted for a cluster of
-- instances sharing one database (DESIGN §2.2-2.3), plus the cluster tables.
-- InnoDB, utf8mb4, every time DATETIME(6) in UTC (sessions run with time_zone
-- '+00:00'; write UTC_TIMESTAMP(6)). Bitcoin identifiers (txids, addresses,
-- "txid:index") are ASCII with a case-insensitive collation: hex and bech32 are
-- case-insensitive, so 'BC1Q...' and 'bc1q...' are the same key.
--
-- Privacy: no table links a mix's inputs to its outputs. mix_output holds
-- addresses only, blame holds only the blamed input, and nothing stores the IP
-- address of a client.
--
-- Statements end with ';' at the end of a line (see migrations.h).

-- One row per finished mix (success or failure), written by the instance that ran
-- it, with its id and the pool lease epoch it held (fencing token).
CREATE TABLE IF NOT EXISTS mix (
  id BIGINT NOT NULL AUTO_INCREMENT,
  instance_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  epoch BIGINT NOT NULL,
  pool_id VARCHAR(50) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  mix_id VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  denomination BIGINT NOT NULL,
  anonymity_set INT NOT NULL DEFAULT 0,
  nb_must_mix INT NOT NULL DEFAULT 0,
  nb_liquidities INT NOT NULL DEFAULT 0,
  amount_in BIGINT NOT NULL DEFAULT 0,
  amount_out BIGINT NOT NULL DEFAULT 0,
  fees_amount BIGINT NOT NULL DEFAULT 0,
  fees_price BIGINT NOT NULL DEFAULT 0 COMMENT 'sat/vB',
  mix_duration INT NOT NULL DEFAULT 0 COMMENT 'seconds',
  mix_status VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  fail_reason VARCHAR(50) CHARACTER SET ascii COLLATE ascii_bin NULL,
  fail_info VARCHAR(255) NULL,
  created DATETIME(6) NOT NULL,
  updated DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_mix_mix_id (mix_id),
  KEY ix_mix_created (created),
  KEY ix_mix_pool_created (pool_id, created)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The transaction of a mix.
CREATE TABLE IF NOT EXISTS mix_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  mix_id BIGINT NOT NULL COMMENT 'mix.id',
  txid CHAR(64) CHARACTER SET ascii COLLATE ascii_general_ci NULL,
  raw_tx MEDIUMTEXT CHARACTER SET ascii COLLATE ascii_general_ci NULL,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_mix_log_mix (mix_id),
  KEY ix_mix_log_txid (txid),
  CONSTRAINT fk_mix_log_mix FOREIGN KEY (mix_id) REFERENCES mix (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every postmix address ever registered: the unique key makes address reuse
-- impossible across all instances. Inserted at output registration; the rows of a
-- mix that fails are deleted (by mix_id, the protocol's mix id: the mix row does
-- not exist yet at registration).
CREATE TABLE IF NOT EXISTS mix_output (
  id BIGINT NOT NULL AUTO_INCREMENT,
  address VARCHAR(100) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  mix_id VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_mix_output_address (address),
  KEY ix_mix_output_mix (mix_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Txids of successful mixes: their outputs may remix as liquidity on any instance.
CREATE TABLE IF NOT EXISTS mix_txid (
  id BIGINT NOT NULL AUTO_INCREMENT,
  txid CHAR(64) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  denomination BIGINT NOT NULL,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_mix_txid_txid (txid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Blame history: the blamed input ("txid:index") only.
CREATE TABLE IF NOT EXISTS blame (
  id BIGINT NOT NULL AUTO_INCREMENT,
  identifier VARCHAR(100) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  reason VARCHAR(50) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  mix_id VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_blame_identifier_created (identifier, created)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Bans, shared by every instance. expiration NULL = permanent.
CREATE TABLE IF NOT EXISTS ban (
  id BIGINT NOT NULL AUTO_INCREMENT,
  identifier VARCHAR(100) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  expiration DATETIME(6) NULL,
  response VARCHAR(255) NULL COMMENT 'shown to the user',
  notes VARCHAR(1000) NULL COMMENT 'private',
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_ban_identifier (identifier),
  KEY ix_ban_expiration (expiration)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Tx0s exempt from provenance checks (manual).
CREATE TABLE IF NOT EXISTS tx0_whitelist (
  id BIGINT NOT NULL AUTO_INCREMENT,
  txid CHAR(64) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_tx0_whitelist_txid (txid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Dashboard administrators (password_hash: a salted slow hash, never the password).
CREATE TABLE IF NOT EXISTS admin_user (
  id BIGINT NOT NULL AUTO_INCREMENT,
  login VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_admin_user_login (login)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per coordinator process start (id: random per start, DESIGN §2.2),
-- heartbeated with its live stats for the dashboard.
CREATE TABLE IF NOT EXISTS cluster_instance (
  id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name VARCHAR(100) NOT NULL,
  url_clear VARCHAR(255) NULL,
  url_onion VARCHAR(255) NULL,
  version VARCHAR(50) NOT NULL,
  started_at DATETIME(6) NOT NULL,
  heartbeat_at DATETIME(6) NOT NULL,
  state ENUM('active','draining','stopped') NOT NULL DEFAULT 'active',
  stats LONGTEXT NULL CHECK (stats IS NULL OR JSON_VALID(stats)),
  PRIMARY KEY (id),
  KEY ix_cluster_instance_heartbeat (heartbeat_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Pool ownership leases (DESIGN §2.2). Rows are created up front (INSERT IGNORE)
-- and only ever changed by single conditional UPDATEs against UTC_TIMESTAMP(6);
-- epoch is the fencing token, incremented at each change of owner.
CREATE TABLE IF NOT EXISTS pool_lease (
  pool_id VARCHAR(50) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  instance_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  epoch BIGINT NOT NULL DEFAULT 0,
  expires_at DATETIME(6) NULL,
  PRIMARY KEY (pool_id),
  KEY ix_pool_lease_instance (instance_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
