#pragma once

#include <bitcoin/bip32.h>
#include <crypto/securebytes.h>
#include <util/result.h>

#include <QString>
#include <QStringList>

namespace wp::btc {

/// Number of PBKDF2-HMAC-SHA512 iterations of BIP39 seed derivation.
inline constexpr int kBip39Iterations = 2048;

/// The official BIP39 English wordlist (2048 words, sorted), compiled in as the
/// resource ":/bip39/english.txt". Thread-safe; loaded once.
const QStringList &bip39EnglishWordlist();

/// Index 0..2047 of @p word in the English wordlist, or -1.
int bip39WordIndex(QStringView word);

/// The words of a mnemonic as a user typed it: NFKD-normalised, split on any run of
/// whitespace (ASCII or the ideographic space), empty parts dropped. No validation.
QStringList splitMnemonic(QStringView mnemonic);

/// Canonical form of a typed mnemonic: splitMnemonic() joined with single spaces.
QString normalizeMnemonic(QStringView mnemonic);

/// Mnemonic sentence (English, single spaces) of 16, 20, 24, 28 or 32 bytes of entropy.
/// Returns: HdError::BadEntropy for another length.
Result<QString> entropyToMnemonic(QByteArrayView entropy);

/// Entropy encoded by an English mnemonic (any whitespace between words, as splitMnemonic()).
/// Returns: HdError::BadWordCount (not 12/15/18/21/24 words), HdError::UnknownWord (message
/// names the word and its 1-based position), HdError::BadChecksum.
Result<crypto::SecureBytes> mnemonicToEntropy(QStringView mnemonic);

/// Validates an English mnemonic; same errors as mnemonicToEntropy().
Result<void> validateMnemonic(QStringView mnemonic);

/// BIP39 seed: PBKDF2-HMAC-SHA512(NFKD(mnemonic), "mnemonic" + NFKD(passphrase), 2048) -> 64 bytes.
/// Exactly as BIP39 specifies: the sentence is used as given (only NFKD-normalised), it is
/// NOT validated against a wordlist. Call validateMnemonic() / normalizeMnemonic() first for
/// user input. Never fails.
crypto::SecureBytes mnemonicToSeed(QStringView mnemonic, QStringView passphrase = {});

} // namespace wp::btc
