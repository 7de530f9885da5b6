#include "localmixwallet.h"

#include <bitcoin/sighash.h>
#include <crypto/signedmessage.h>

namespace wp::client {

Result<crypto::PrivKey> LocalMixWallet::keyFor(const btc::Script &script) const
{
    const auto path = m_book->find(script);
    if (!path)
        return fail(QStringLiteral("this wallet does not own the coin"));
    return m_book->keys().privKey(*path);
}

void LocalMixWallet::signMessage(const MixUtxo &utxo, const QByteArray &message, Callback<QString> done)
{
    auto key = keyFor(utxo.scriptPubKey);
    if (!key)
        return done(key.error());
    done(crypto::signMessage(*key, message));
}

void LocalMixWallet::signInput(const MixUtxo &utxo, const btc::Transaction &unsignedTx, qsizetype inputIndex,
                               Callback<QList<QByteArray>> done)
{
    auto key = keyFor(utxo.scriptPubKey);
    if (!key)
        return done(key.error());
    btc::Transaction tx = unsignedTx;
    if (auto signedOk = btc::signP2wpkhInput(tx, inputIndex, utxo.value, *key); !signedOk)
        return done(signedOk.error());
    done(tx.inputs[inputIndex].witness);
}

void LocalMixWallet::nextOutputAddress(Callback<QString> done)
{
    const KeyPath path = m_book->reserveNext(WalletAccount::Postmix, btc::AddressChain::Receive);
    done(m_book->keys().address(path));
}

} // namespace wp::client
