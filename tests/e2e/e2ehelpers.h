#pragma once

// Shared pieces of the end-to-end tests: a chain with coins owned by known keys,
// a coordinator configuration, and a STOMP probe client that records replies.

#include <bcoinnode.h>
#include <coordinatorprocess.h>
#include <mariadbserver.h>

#include <mixer/stompclient.h>

#include <db/dbconfig.h>

#include <bitcoin/bech32.h>
#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/bip84.h>
#include <bitcoin/network.h>
#include <bitcoin/script.h>
#include <bitcoin/sighash.h>
#include <bitcoin/transaction.h>
#include <bitcoin/wif.h>
#include <crypto/hash.h>
#include <crypto/signedmessage.h>
#include <protocol/messages.h>
#include <util/hex.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

namespace wp::test {

/// The coordinator's fee secrets in tests: the classic test coordinator's BIP47 account
/// ("all all ... all" / "whirlpool") and a BIP84 account of ours for the fee addresses.
inline constexpr char kFeeWords[] = "all all all all all all all all all all all all";
inline constexpr char kFeePassphrase[] = "whirlpool";

/// The fee xpub (vpub) of account 0 of "abandon ... about" / "fees" on regtest.
inline QString feeXpub()
{
    const auto master = btc::ExtendedPrivKey::fromSeed(btc::mnemonicToSeed(
        QStringLiteral("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"),
        QStringLiteral("fees")).view());
    return btc::Bip84Account::fromMaster(*master, btc::Network::Regtest, 0)->zpub();
}

/// A test coordinator's configuration: instance @p name on @p db and @p node, paying
/// fees to the classic test coordinator's account. Pools, timings and cluster settings
/// go to extraIni.
inline CoordinatorProcess::Config coordinatorConfig(const QString &name, const MariaDbServer &db, const BcoinNode &node)
{
    CoordinatorProcess::Config config;
    config.name = name;
    config.db = db.address();
    config.nodeUrl = node.url();
    config.nodeApiKey = node.apiKey();
    config.feeWords = QString::fromLatin1(kFeeWords);
    config.feePassphrase = QString::fromLatin1(kFeePassphrase);
    config.feeXpub = feeXpub();
    return config;
}

/// The coordinator INI of the cluster mixing tests: pool 0.01btc mixing @p anonymitySet
/// inputs (at least 2 premix), quick timings with a signing timeout of @p signingMs, the
/// fast cluster lease timings (renew 0.5 s, TTL 3 s, fence 2 s) and the manifest signed by
/// @p operatorKey. The [pool.0.01btc] section comes last: append more of its settings.
inline QString mixingClusterIni(int anonymitySet, int signingMs, const crypto::PrivKey &operatorKey)
{
    return QStringLiteral("[General]\npools = 0.01btc\n"
                          "[node]\ntip-refresh-ms = 500\n"
                          "[timings]\nconfirm-tick-ms = 500\nregister-output-ms = 10000\n"
                          "reveal-output-ms = 2000\nsigning-ms = %1\n"
                          "[cluster]\nrenew-ms = 500\nlease-ttl-ms = 3000\nfence-ms = 2000\n"
                          "operator-key = %2\n"
                          "[pool.0.01btc]\nanonymity-set = %3\nmin-must-mix = 2\nmin-liquidity = 0\n")
        .arg(signingMs)
        .arg(btc::encodeWif(operatorKey, true, btc::networkParams(btc::Network::Regtest)))
        .arg(anonymitySet);
}

/// The coordinator's database settings for a test MariaDB (direct checks of the shared state).
inline server::db::DbConfig dbConfigForCoordinator(const DbAddress &a)
{
    server::db::DbConfig c;
    c.host = a.host;
    c.port = a.port;
    c.user = a.user;
    c.password = a.password;
    c.database = a.database;
    return c;
}

/// bcoin wants its own "rb" prefix for generatetoaddress.
inline QString bcoinAddress(const btc::Script &p2wpkh)
{
    return btc::encodeSegwitAddress(QString::fromLatin1(btc::kBcoinRegtestHrp), {0, p2wpkh.p2wpkhProgram()->bytes()});
}

inline btc::Script p2wpkhOf(const crypto::PubKey &key)
{
    return btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::hash160(key.serialize(true))));
}

/// A coin the test can spend: outpoint, output and its key.
struct TestCoin {
    btc::OutPoint outpoint;
    btc::TxOut output;
};

/// The coinbase output of block @p height paying @p script.
inline TestCoin coinbaseCoin(BcoinNode &node, int height, const btc::Script &script)
{
    auto hash = node.rpc(QStringLiteral("getblockhash"), {height});
    auto block = node.rpc(QStringLiteral("getblock"), {hash->toString(), true});
    const QString txid = block->toObject().value(QStringLiteral("tx")).toArray().first().toString();
    auto raw = node.rpc(QStringLiteral("getrawtransaction"), {txid, 0});
    auto tx = btc::Transaction::deserialize(*util::fromHex(raw->toString()));
    for (std::uint32_t i = 0; i < std::uint32_t(tx->outputs.size()); ++i)
        if (tx->outputs[i].scriptPubKey == script)
            return {btc::OutPoint{tx->txid(), i}, tx->outputs[i]};
    qFatal("coinbase %d does not pay the test key", height);
}

/// Sends @p tx (all inputs P2WPKH of @p key) and mines it. Returns false if refused.
inline bool sendAndMine(BcoinNode &node, const btc::Transaction &tx, const QString &minerAddress)
{
    auto sent = node.rpc(QStringLiteral("sendrawtransaction"), {QString::fromLatin1(tx.serialize().toHex())});
    if (!sent || !node.waitForMempool(tx.txid().toHex()))
        return false;
    return bool(node.generateToAddress(1, minerAddress));
}

/// Records every reply of one STOMP session to the coordinator.
class ProbeClient {
public:
    explicit ProbeClient(const QString &coordinatorUrl)
    {
        QObject::connect(&m_stomp, &client::StompClient::messageReceived,
                         [this](const QString &type, const proto::StompFrame &frame) {
                             m_messages.append({proto::messageTypeShortName(type),
                                                QJsonDocument::fromJson(frame.body()).object()});
                         });
        QUrl ws(coordinatorUrl + QString::fromLatin1(proto::endpoint::kWsConnect));
        ws.setScheme(QStringLiteral("ws"));
        m_stomp.connectToServer(ws);
    }

    bool waitConnected() { return QTest::qWaitFor([&] { return m_stomp.state() == client::StompClient::State::Connected; }, 10000); }
    void subscribe(const QString &poolId)
    {
        m_stomp.subscribe(proto::endpoint::kPrivateReply, {{proto::header::kPoolId, poolId.toUtf8()}});
    }
    bool send(const char *destination, const QJsonObject &body, const QByteArray &version = proto::kProtocolVersion)
    {
        return m_stomp.send(destination, proto::toJsonBytes(body), {{proto::header::kProtocolVersion, version}});
    }
    /// Waits for the next reply of @p type (short class name) and returns its body.
    std::optional<QJsonObject> next(const QString &type, int timeoutMs = 15000)
    {
        std::optional<QJsonObject> out;
        (void)QTest::qWaitFor([&] {
            for (qsizetype i = 0; i < m_messages.size(); ++i) {
                if (m_messages[i].first == type) {
                    out = m_messages.takeAt(i).second;
                    return true;
                }
            }
            return false;
        }, timeoutMs);
        return out;
    }
    /// Waits for the next reply whose type (short class name) is one of @p types and
    /// returns (type, body); replies of other types stay queued.
    std::optional<QPair<QString, QJsonObject>> nextOf(const QStringList &types, int timeoutMs = 15000)
    {
        std::optional<QPair<QString, QJsonObject>> out;
        (void)QTest::qWaitFor([&] {
            for (qsizetype i = 0; i < m_messages.size(); ++i) {
                if (types.contains(m_messages[i].first)) {
                    out = m_messages.takeAt(i);
                    return true;
                }
            }
            return false;
        }, timeoutMs);
        return out;
    }
    client::StompClient &stomp() { return m_stomp; }

private:
    client::StompClient m_stomp;
    QList<QPair<QString, QJsonObject>> m_messages;
};

} // namespace wp::test
