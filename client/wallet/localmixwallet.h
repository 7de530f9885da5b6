#pragma once

#include "addressbook.h"

#include <mixer/mixwallet.h>

#include <memory>

namespace wp::client {

/// A MixWallet whose keys are in this process (the CLI, the desktop app): signs
/// with the key of the coin's script found in the address book, and hands out
/// fresh postmix addresses. Answers synchronously.
///
/// Thread affinity: the thread that uses the address book.
class LocalMixWallet : public MixWallet {
public:
    explicit LocalMixWallet(std::shared_ptr<AddressBook> book) : m_book(std::move(book)) {}

    void signMessage(const MixUtxo &utxo, const QByteArray &message, Callback<QString> done) override;
    void signInput(const MixUtxo &utxo, const btc::Transaction &unsignedTx, qsizetype inputIndex,
                   Callback<QList<QByteArray>> done) override;
    void nextOutputAddress(Callback<QString> done) override;
    QString userPreHash() const override { return m_book->keys().userPreHash(); }

private:
    Result<crypto::PrivKey> keyFor(const btc::Script &script) const;
    std::shared_ptr<AddressBook> m_book;
};

} // namespace wp::client
