// Shared by the widget tests: real MixOrchestrators driven by scripted
// attempts (as tests/client/tst_mixorchestrator.cpp), real pool values, a real
// Tx0 preview, and screenshots saved under the build directory.
#pragma once

#include <mixer/mixorchestrator.h>
#include <widgets/mixchart.h>
#include <widgets/poolsmodel.h>

#include <wallet/tx0builder.h>
#include <wallet/walletkeys.h>

#include <bitcoin/address.h>
#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/bip47.h>
#include <crypto/hash.h>
#include <protocol/feeopreturn.h>
#include <protocol/feepayload.h>
#include <protocol/messages.h>
#include <protocol/z85.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

#include <memory>

namespace wp::guitest {

/// Saves @p widget as build/screenshots/@p name.png (shows and lays it out
/// first). Returns: the image, null on failure (also a QTest failure message).
inline QImage screenshot(QWidget *widget, const QString &name)
{
    if (!widget->isVisible()) {
        widget->show();
        if (!QTest::qWaitForWindowExposed(widget))
            qWarning("window not exposed: %s", qPrintable(name));
    }
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
    const QImage image = widget->grab().toImage();
    QDir().mkpath(QStringLiteral(WP_SCREENSHOT_DIR));
    const QString path = QStringLiteral(WP_SCREENSHOT_DIR "/%1.png").arg(name);
    if (image.isNull() || !image.save(path))
        return {};
    return image;
}

/// True when @p widget or one of its children shows @p text (window titles,
/// labels, buttons, check boxes, tabs, combo items, menus, item views' headers
/// and cells); mnemonic '&' markers are ignored.
inline bool showsText(QWidget *widget, const QString &text)
{
    auto has = [&text](QString shown) { return shown.remove(QLatin1Char('&')).contains(text); };
    QList<QWidget *> all = widget->findChildren<QWidget *>();
    all.prepend(widget);
    for (QWidget *w : all) {
        if (has(w->windowTitle()))
            return true;
        if (auto *l = qobject_cast<QLabel *>(w); l && has(l->text()))
            return true;
        if (auto *b = qobject_cast<QAbstractButton *>(w); b && has(b->text()))
            return true;
        if (auto *t = qobject_cast<QTabWidget *>(w))
            for (int i = 0; i < t->count(); ++i)
                if (has(t->tabText(i)))
                    return true;
        if (auto *c = qobject_cast<QComboBox *>(w))
            for (int i = 0; i < c->count(); ++i)
                if (has(c->itemText(i)))
                    return true;
        if (auto *m = qobject_cast<QMenuBar *>(w))
            for (QAction *a : m->actions()) {
                if (has(a->text()))
                    return true;
                if (a->menu())
                    for (QAction *sub : a->menu()->actions())
                        if (has(sub->text()))
                            return true;
            }
        if (auto *v = qobject_cast<QAbstractItemView *>(w); v && v->model()) {
            const QAbstractItemModel *m = v->model();
            for (int c = 0; c < m->columnCount(); ++c)
                if (has(m->headerData(c, Qt::Horizontal).toString()))
                    return true;
            for (int r = 0; r < m->rowCount(); ++r)
                for (int c = 0; c < m->columnCount(); ++c)
                    if (has(m->index(r, c).data().toString()))
                        return true;
        }
    }
    return false;
}

/// An attempt the test drives by hand.
class ScriptedAttempt : public client::MixAttempt {
public:
    explicit ScriptedAttempt(client::MixableCoin c) : coin(std::move(c)) {}
    void start() override { started = true; }
    void stop() override
    {
        if (finished)
            return;
        finished = true;
        Q_EMIT failed(client::MixFailReason::Stop, QStringLiteral("stopped"), 0);
    }
    void step(client::MixStep s, const QString &instance = {})
    {
        if (!instance.isEmpty())
            Q_EMIT coordinatorChanged(instance, QUrl(QStringLiteral("http://%1.example:8080").arg(instance)));
        Q_EMIT stepChanged(s, QString::fromLatin1(client::mixStepInfo(s).message), client::mixStepInfo(s).progress);
    }
    void succeed(const QString &txid)
    {
        finished = true;
        Q_EMIT succeeded(txid);
    }
    void fail(client::MixFailReason reason, int code = 0, const QString &message = QStringLiteral("x"))
    {
        finished = true;
        Q_EMIT failed(reason, message, code);
    }

    client::MixableCoin coin;
    bool started = false;
    bool finished = false;
};

inline btc::Txid txid(int n)
{
    return *btc::Txid::fromBytes(crypto::sha256("coin" + QByteArray::number(n)));
}

inline client::MixableCoin coin(int n, const QString &pool, btc::Amount value, bool postmix = false)
{
    return client::MixableCoin{btc::OutPoint{txid(n), quint32(n % 3)}, value, btc::Script(), pool, postmix};
}

/// A real orchestrator with ten coins in every state and in several steps:
/// mixing (waiting for a mix, for 12 min; signing; registering output;
/// connecting), waiting after a ban, blocked by a key mismatch, mixed, stopped,
/// queued (two remixes, one with 3 mixes done). @p now is its clock (and should
/// be the model's); it is advanced by 12 minutes inside.
struct ScriptedCluster {
    std::unique_ptr<client::MixOrchestrator> orchestrator;
    QList<QPointer<ScriptedAttempt>> attempts;
    qint64 now = 1'750'000'000'000; // ms

    ScriptedAttempt *attemptFor(int n)
    {
        const btc::OutPoint o{txid(n), quint32(n % 3)};
        for (const auto &a : std::as_const(attempts))
            if (a && !a->finished && a->coin.outpoint == o)
                return a;
        return nullptr;
    }

    /// Builds it; @p attach (if any) sees the orchestrator before its coins arrive
    /// (a view that follows it from the start).
    void build(const std::function<void(client::MixOrchestrator *)> &attach = {})
    {
        client::OrchestratorConfig config;
        config.maxConcurrent = 4;
        orchestrator = std::make_unique<client::MixOrchestrator>(
            [this](const client::MixableCoin &c) {
                auto *a = new ScriptedAttempt(c);
                attempts.append(a);
                return a;
            },
            config);
        orchestrator->setClock([this] { return now; });
        if (attach)
            attach(orchestrator.get());
        const QString p01 = QStringLiteral("0.01btc");
        const QString p001 = QStringLiteral("0.001btc");
        const QString p005 = QStringLiteral("0.05btc");
        QList<client::MixableCoin> coins{
            coin(1, p01, 1'000'170),  coin(2, p01, 1'000'170),  coin(3, p001, 100'170), coin(4, p001, 100'170),
            coin(5, p005, 5'000'170), coin(6, p01, 1'000'170),  coin(7, p001, 100'170), coin(8, p01, 1'000'170),
            coin(9, p01, 1'000'000, true), coin(10, p005, 5'000'000, true)};
        orchestrator->restoreState(QJsonObject{
            {QStringLiteral("mixCounts"),
             QJsonObject{{btc::OutPoint{txid(9), quint32(9 % 3)}.toString(), 3},
                         {btc::OutPoint{txid(10), quint32(10 % 3)}.toString(), 7}}}});
        orchestrator->setCoins(coins);
        // c1..c4 run (maxConcurrent 4).
        attemptFor(1)->step(client::MixStep::Connected, QStringLiteral("coordinator-a"));
        attemptFor(1)->step(client::MixStep::RegisteredInput);
        attemptFor(1)->step(client::MixStep::ConfirmingInput);
        now += 12 * 60 * 1000;
        attemptFor(2)->fail(client::MixFailReason::InputRejected, proto::error::kInputBanned,
                            QStringLiteral("Banned from mixing for 2 h (too many failed mixes)"));
        attemptFor(3)->fail(client::MixFailReason::KeyMismatch);
        attemptFor(4)->succeed(QStringLiteral("4f3c2a1b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a090"));
        // c5..c7 took their slots.
        attemptFor(5)->step(client::MixStep::ConfirmedInput, QStringLiteral("coordinator-b"));
        attemptFor(5)->step(client::MixStep::RegisteringOutput);
        attemptFor(5)->step(client::MixStep::Signing);
        attemptFor(6)->step(client::MixStep::ConfirmedInput, QStringLiteral("coordinator-a"));
        attemptFor(6)->step(client::MixStep::RegisteringOutput);
        // c7 stays connecting; c8 is stopped by the user; c9, c10 (remixes) queue.
        orchestrator->stop(btc::OutPoint{txid(8), quint32(8 % 3)});
        now += 17 * 1000;
    }
};

/// The pools of the classic Whirlpool, as a cluster of three instances serves them.
inline QList<gui::PoolEntry> samplePools()
{
    auto pool = [](const char *id, btc::Amount denomination, btc::Amount fee, int registered, const char *status,
                   const char *owner, qint64 elapsedMs) {
        proto::PoolInfo p;
        p.poolId = QString::fromLatin1(id);
        p.denomination = denomination;
        p.feeValue = fee;
        p.mustMixBalanceMin = denomination + 170;
        p.mustMixBalanceCap = denomination + 9'500;
        p.mustMixBalanceMax = denomination + 10'000;
        p.minAnonymitySet = 5;
        p.minMustMix = 2;
        p.tx0MaxOutputs = 70;
        p.nbRegistered = registered;
        p.mixAnonymitySet = 5;
        p.mixStatus = QString::fromLatin1(status);
        p.elapsedTime = elapsedMs;
        p.nbConfirmed = registered > 0 ? 2 : 0;
        p.ownerUrlClear = QStringLiteral("http://%1.example:8080").arg(QString::fromLatin1(owner));
        p.ownerUrlOnion = QStringLiteral("http://%1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion")
                              .arg(QString::fromLatin1(owner).left(4));
        return gui::PoolEntry{p, QString::fromLatin1(owner)};
    };
    return {pool("0.5btc", 50'000'000, 1'750'000, 3, "CONFIRM_INPUT", "coordinator-c", 95'000),
            pool("0.05btc", 5'000'000, 250'000, 12, "REGISTER_OUTPUT", "coordinator-b", 31'000),
            pool("0.01btc", 1'000'000, 50'000, 41, "CONFIRM_INPUT", "coordinator-a", 412'000),
            pool("0.001btc", 100'000, 5'000, 67, "SIGNING", "coordinator-a", 58'000)};
}

/// Mixes over the last two weeks up to @p nowMs, in three pools, on three instances.
inline QList<gui::MixHistoryEntry> sampleHistory(qint64 nowMs)
{
    QList<gui::MixHistoryEntry> out;
    const QStringList pools{QStringLiteral("0.01btc"), QStringLiteral("0.001btc"), QStringLiteral("0.05btc")};
    const QStringList instances{QStringLiteral("coordinator-a"), QStringLiteral("coordinator-b"),
                                QStringLiteral("coordinator-c")};
    int n = 0;
    for (int day = 20; day >= 0; --day) {
        const int count = (day * 7 + 3) % 6; // 0..5 a day
        for (int i = 0; i < count; ++i, ++n) {
            gui::MixHistoryEntry e;
            e.txid = QString::fromLatin1(crypto::sha256("mix" + QByteArray::number(n)).toHex());
            e.poolId = pools[(n * 5 + day) % 3];
            e.timeMs = nowMs - qint64(day) * 86'400'000 - qint64(i) * 1'800'000;
            e.instance = instances[n % 3];
            e.mixNumber = 1 + n % 4;
            out.append(e);
        }
    }
    return out;
}

/// A real Tx0 preview (Tx0Builder::preview) of 0.0547 BTC from two deposit
/// coins of the BIP39 test wallet into the 0.01btc pool at 3 sat/vB (mix fee 10).
struct Tx0Fixture {
    proto::PoolInfo pool;
    client::Tx0Preview preview;
    btc::Amount feeRate = 3;
};

inline Result<Tx0Fixture> tx0Fixture()
{
    const QString words = QStringLiteral(
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
    auto keys = client::WalletKeys::fromMnemonic(words, {}, btc::Network::Regtest);
    if (!keys)
        return keys.error();
    // The coordinator's fee payment code: BIP47 account 0 of another test wallet.
    const auto master = btc::ExtendedPrivKey::fromSeed(
        btc::mnemonicToSeed(QStringLiteral("legal winner thank year wave sausage worth useful legal winner thank "
                                           "yellow"))
            .view());
    if (!master)
        return master.error();
    const auto bip47 = btc::Bip47Account::fromMaster(*master, btc::Network::Regtest, 0);
    if (!bip47)
        return bip47.error();
    Tx0Fixture f;
    f.pool = samplePools()[2].pool;
    proto::Tx0Data data;
    data.poolId = f.pool.poolId;
    data.feePaymentCode = bip47->paymentCode().toString();
    data.feeValue = f.pool.feeValue;
    proto::FeePayloadV1 payload;
    payload.feeIndice = 7;
    data.feePayload64 = proto::encodeZ85(payload.encode(proto::kFeePayloadLengthV1));
    data.feeAddress = *btc::scriptToAddress(btc::Script::p2wpkh(*btc::Hash160::fromBytes(QByteArray(20, '\x42'))),
                                            btc::networkParams(btc::Network::Regtest));
    QList<client::Utxo> inputs;
    for (int i = 0; i < 2; ++i) {
        client::Utxo u;
        u.outpoint = {*btc::Txid::fromBytes(crypto::sha256("deposit" + QByteArray::number(i))), quint32(i)};
        u.value = i == 0 ? 3'470'000 : 2'000'000;
        u.path = {client::WalletAccount::Deposit, btc::AddressChain::Receive, quint32(i)};
        u.script = *keys->script(u.path);
        u.confirmations = 6;
        u.blockHeight = 500;
        inputs.append(u);
    }
    client::Tx0Params params;
    params.tx0FeeRate = f.feeRate;
    params.mixFeeRate = 10;
    auto preview = client::Tx0Builder::preview(inputs, f.pool, data, params, btc::Network::Regtest);
    if (!preview)
        return preview.error();
    f.preview = *preview;
    return f;
}

} // namespace wp::guitest
