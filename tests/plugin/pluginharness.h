#pragma once

// Shared set-up of the plugin tests: the REAL built libwhirlpoolplugin.so
// (QPluginLoader, path from WP_PLUGIN_PATH), the sample host's MemoryWallet
// (keys on the host side) and the scripted in-process coordinator of the
// client tests, which adopts whichever coin registers.

#include "../client/fakecoordinator.h"

#include <memorywallet.h>
#include <whirlpool/whirlpool.h>

#include <QPluginLoader>
#include <QTest>

namespace wp::test {

inline const QString kMnemonic = QStringLiteral(
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");

/// Loads and initializes the real plugin; QVERIFY-fails with the loader's reason.
inline whirlpool::PluginInterface *loadPlugin(QPluginLoader &loader)
{
    loader.setFileName(QStringLiteral(WP_PLUGIN_PATH));
    auto *plugin = qobject_cast<whirlpool::PluginInterface *>(loader.instance());
    [&] { QVERIFY2(plugin, qPrintable(loader.errorString())); }();
    return plugin;
}

/// Records what a host sees through MixerListener.
struct RecordingListener : whirlpool::MixerListener {
    void coinStatusChanged(const whirlpool::CoinStatus &status) override { statuses[status.outpoint] = status; }
    void errorOccurred(const QString &outpoint, const QString &message) override { errors[outpoint].append(message); }
    void coordinatorEvent(const whirlpool::CoordinatorEvent &event) override { events.append(event); }
    QHash<QString, whirlpool::CoinStatus> statuses;
    QHash<QString, QStringList> errors;
    QList<whirlpool::CoordinatorEvent> events;
};

/// A fake coordinator that adopts the registering coin of @p wallet as its client.
inline void adoptRegisteringCoins(FakeCoordinator &fake, const QList<whirlpool::Coin> &coins)
{
    fake.onRegisterInput = [&fake, coins](const proto::RegisterInputRequest &r) {
        for (const whirlpool::Coin &c : coins)
            if (c.txid == r.utxoHash && qint64(c.index) == r.utxoIndex)
                fake.client = MixUtxo{btc::OutPoint{*btc::Txid::fromHex(c.txid), c.index}, c.value,
                                      btc::Script(c.scriptPubKey)};
    };
}

/// The mixer configuration of the tests: one regtest pool on @p url.
inline whirlpool::MixerConfig testConfig(const QUrl &url)
{
    whirlpool::MixerConfig config;
    config.network = QStringLiteral("regtest");
    config.bootstrapUrls = {url.toString()};
    config.pools = {{kPoolId, kDenomination}};
    config.maxConcurrent = 1;   // the fake coordinator serves one session at a time
    config.retryMinMs = 600000; // a failed coin stays Waiting for the test's duration
    config.bridgeTimeoutMs = 1500;
    return config;
}

inline QString randomTxidHex() { return randomTxid().toHex(); }

} // namespace wp::test
