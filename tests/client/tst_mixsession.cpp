// MixSession, the client state machine of one UTXO (§8.1-§8.5), against a
// scripted in-process coordinator: one port serving STOMP over WebSocket at
// /ws/connect and a tiny HTTP responder for /rest/*, speaking the real frames
// and JSON, with real RSA blind signatures, real BIP143 signatures and real
// transactions. An end-to-end test against whirlpool-coordinator lives elsewhere.
#include <mixer/mixsession.h>

#include "fakecoordinator.h"
#include "socks5relay.h"

#include <bitcoin/address.h>
#include <bitcoin/bip69.h>
#include <bitcoin/sighash.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <crypto/signedmessage.h>
#include <mixer/coordinatorrestclient.h>
#include <mixer/stompclient.h>
#include <protocol/inputshash.h>
#include <protocol/stompframe.h>
#include <protocol/z85.h>
#include <util/hex.h>

#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <atomic>

using namespace wp;
using namespace wp::client;
using namespace wp::test;

namespace {

QList<MixStep> steps(const QSignalSpy &spy)
{
    QList<MixStep> out;
    for (const QList<QVariant> &args : spy)
        out.append(args[0].value<MixStep>());
    return out;
}

} // namespace


class TestMixSession : public QObject {
    Q_OBJECT

    std::optional<crypto::RsaKeyPair> m_key;
    std::shared_ptr<TestWallet> m_wallet;
    std::unique_ptr<FakeCoordinator> m_coordinator;
    int m_height = 840'000; ///< the "wallet's chain tip" every config() reads

    MixConfig config() const
    {
        MixConfig c;
        c.poolId = kPoolId;
        c.denomination = kDenomination;
        c.network = kNetwork;
        c.coordinatorUrl = m_coordinator->url();
        c.blockHeight = [this] { return m_height; };
        c.connectTimeoutMs = 5000;
        c.registerOutputRetryMs = 10;
        return c;
    }

    /// A session for a mustMix coin (or liquidity), with the coordinator told about it.
    std::unique_ptr<MixSession> newSession(bool liquidity = false, std::optional<MixConfig> cfg = std::nullopt)
    {
        const MixUtxo coin = m_wallet->utxo(liquidity ? kDenomination : kDenomination + 5'000);
        m_coordinator->client = coin;
        return std::make_unique<MixSession>(cfg.value_or(config()), coin, m_wallet);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<MixStep>();
        qRegisterMetaType<MixFailReason>();
        m_key = crypto::RsaKeyPair::generate(2048);
    }

    void init()
    {
        m_wallet = std::make_shared<TestWallet>();
        m_coordinator = std::make_unique<FakeCoordinator>(*m_key);
        QVERIFY(m_coordinator->listen());
        m_height = 840'000;
    }

    void cleanup()
    {
        m_coordinator.reset();
        QThreadPool::globalInstance()->waitForDone();
    }

    void stepTable()
    {
        QCOMPARE(mixStepInfo(MixStep::Connecting).progress, 10);
        QCOMPARE(QString::fromLatin1(mixStepInfo(MixStep::ConfirmingInput).message), QStringLiteral("waiting for a mix..."));
        QVERIFY(!mixStepInfo(MixStep::ConfirmedInput).interruptable); // it holds a blind signature
        QVERIFY(!mixStepInfo(MixStep::RegisteringOutput).interruptable);
        QVERIFY(!mixStepInfo(MixStep::Signed).interruptable);
        QVERIFY(mixStepInfo(MixStep::RevealedOutput).interruptable);
        QCOMPARE(mixStepInfo(MixStep::RevealedOutput).progress, 100);
        QCOMPARE(mixStepName(MixStep::RegisteredInput), QStringLiteral("REGISTERED_INPUT"));
        QCOMPARE(mixFailReasonName(MixFailReason::KeyMismatch), QStringLiteral("KEY_MISMATCH"));
        QCOMPARE(MixSession::webSocketUrl(QUrl(QStringLiteral("https://pool.example:8080/"))),
                 QUrl(QStringLiteral("wss://pool.example:8080/ws/connect")));
        QCOMPARE(MixSession::webSocketUrl(QUrl(QStringLiteral("http://abc.onion"))),
                 QUrl(QStringLiteral("ws://abc.onion/ws/connect")));
    }

    void happyPath_data()
    {
        QTest::addColumn<bool>("liquidity");
        QTest::addColumn<bool>("registerOutputFirst");
        QTest::addColumn<bool>("signingFirst");
        QTest::newRow("mustmix") << false << false << false;
        QTest::newRow("liquidity") << true << false << false;
        QTest::newRow("register-output-before-confirm-response") << false << true << false;
        QTest::newRow("signing-before-register-output-reply") << false << false << true;
    }
    void happyPath()
    {
        QFETCH(bool, liquidity);
        QFETCH(bool, registerOutputFirst);
        QFETCH(bool, signingFirst);
        m_coordinator->registerOutputBeforeConfirmResponse = registerOutputFirst;
        m_coordinator->signingBeforeRegisterOutputReply = signingFirst;
        auto session = newSession(liquidity);
        QSignalSpy stepSpy(session.get(), &MixSession::stepChanged);
        QSignalSpy failed(session.get(), &MixSession::failed);
        QSignalSpy succeeded(session.get(), &MixSession::succeeded);
        session->start();
        QTRY_COMPARE(succeeded.size() + failed.size(), 1);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][1].toString()));

        const QList<MixStep> expected{MixStep::Connecting,        MixStep::Connected,         MixStep::RegisteredInput,
                                      MixStep::ConfirmingInput,   MixStep::ConfirmedInput,    MixStep::RegisteringOutput,
                                      MixStep::RegisteredOutput,  MixStep::Signing,           MixStep::Signed,
                                      MixStep::Success};
        QCOMPARE(steps(stepSpy), expected);
        for (const QList<QVariant> &args : stepSpy) {
            const MixStepInfo info = mixStepInfo(args[0].value<MixStep>());
            QCOMPARE(args[1].toString(), QString::fromLatin1(info.message));
            QCOMPARE(args[2].toInt(), info.progress);
        }
        FakeCoordinator &c = *m_coordinator;
        QCOMPARE(succeeded[0][0].toString(), c.tx.txid().toHex());
        QCOMPARE(session->step(), MixStep::Success);
        QVERIFY(session->isFinished());
        QCOMPARE(session->mixId(), c.mixId);

        // subscription and input registration
        const auto subscribe = std::find_if(c.frames.cbegin(), c.frames.cend(),
                                            [](const proto::StompFrame &f) { return f.command() == "SUBSCRIBE"; });
        QVERIFY(subscribe != c.frames.cend());
        QCOMPARE(subscribe->header("destination"), QByteArray("/private/reply"));
        QCOMPARE(subscribe->header("poolId"), kPoolId.toUtf8());
        QCOMPARE(subscribe->header("protocolVersion"), QByteArray("0.23"));
        for (const proto::StompFrame &f : c.frames)
            if (f.command() == "SEND")
                QCOMPARE(f.header("protocolVersion"), QByteArray("0.23"));
        QCOMPARE(c.registerInputs.size(), 1);
        const proto::RegisterInputRequest &in = c.registerInputs[0];
        QCOMPARE(in.poolId, kPoolId);
        QCOMPARE(in.utxoHash, c.client.outpoint.txid.toHex());
        QCOMPARE(in.utxoIndex, qint64(c.client.outpoint.index));
        QCOMPARE(in.liquidity, liquidity);
        QCOMPARE(in.blockHeight, 840'000);
        QVERIFY(c.registerInputSignatureValid);

        // confirmation: key checked over REST first, userHash per §8.4
        QCOMPARE(c.confirms.size(), 1);
        QCOMPARE(c.confirms[0].mixId, c.mixId);
        QCOMPARE(c.confirms[0].userHash, util::toHex(crypto::sha256((c.mixId + m_wallet->preHash).toUtf8())));
        QCOMPARE(c.restRequests.value(0), QStringLiteral("GET /rest/pools"));

        // output registration over another connection, with the unblinded token
        QCOMPARE(c.restRequests.value(1), QStringLiteral("POST /rest/registerOutput"));
        QCOMPARE(c.registerOutputAttempts.size(), 1);
        QCOMPARE(c.registeredAddress, m_wallet->addresses[0]);
        QCOMPARE(c.registerOutputAttempts[0].inputsHash, c.inputsHash);
        for (quint16 port : std::as_const(c.restPeerPorts))
            QVERIFY(port != c.wsPeerPort);
        for (const QString &agent : std::as_const(c.userAgents))
            QCOMPARE(agent, QStringLiteral("whirlpool-client/0.23"));

        // a valid BIP143 signature of the verified transaction
        QCOMPARE(c.signings.size(), 1);
        QCOMPARE(c.signings[0].witnesses64.size(), 2);
        QVERIFY(c.signatureValid);
        QCOMPARE(m_wallet->signInputCalls.load(), 1);
        // the session hung up after success
        QTRY_VERIFY(!c.session || c.session->state() != QAbstractSocket::ConnectedState);
    }

    void errorResponse_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<MixFailReason>("reason");
        QTest::newRow("banned") << 612 << QStringLiteral("Banned from service. Contact us.") << MixFailReason::InputRejected;
        QTest::newRow("unconfirmed") << 610 << QStringLiteral("Input is not confirmed") << MixFailReason::InputRejected;
        QTest::newRow("version") << 600 << QStringLiteral("Protocol version mismatch") << MixFailReason::ProtocolMismatch;
    }
    void errorResponse()
    {
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(MixFailReason, reason);
        m_coordinator->errorOnRegisterInput = code;
        m_coordinator->errorMessage = message;
        auto session = newSession();
        QSignalSpy stepSpy(session.get(), &MixSession::stepChanged);
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].value<MixFailReason>(), reason);
        QCOMPARE(failed[0][1].toString(), message);
        QCOMPARE(failed[0][2].toInt(), code);
        QCOMPARE(steps(stepSpy).last(), MixStep::Fail);
        QVERIFY(m_coordinator->confirms.isEmpty());
    }

    void keyTagging_data()
    {
        QTest::addColumn<QString>("published");
        QTest::newRow("other-key") << util::toHex(crypto::RsaKeyPair::generate(2048).fingerprint());
        QTest::newRow("not-published") << QString();
        QTest::newRow("garbage") << QStringLiteral("zz");
    }
    void keyTagging()
    {
        QFETCH(QString, published);
        m_coordinator->publishedFingerprint = published;
        auto session = newSession();
        QSignalSpy stepSpy(session.get(), &MixSession::stepChanged);
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].value<MixFailReason>(), MixFailReason::KeyMismatch);
        QVERIFY(failed[0][1].toString().contains(m_coordinator->mixId));
        // aborted before blinding: nothing was confirmed
        QVERIFY(m_coordinator->confirms.isEmpty());
        QVERIFY(!steps(stepSpy).contains(MixStep::ConfirmingInput));
        QCOMPARE(m_coordinator->restRequests, QStringList{QStringLiteral("GET /rest/pools")});
    }

    void keyMatchesWithUppercaseFingerprint()
    {
        m_coordinator->publishedFingerprint = util::toHex(m_key->fingerprint()).toUpper();
        auto session = newSession();
        QSignalSpy succeeded(session.get(), &MixSession::succeeded);
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(succeeded.size() + failed.size(), 1);
        QCOMPARE(succeeded.size(), 1);
    }

    void otherMixIdWaitsForTheNextInvitation()
    {
        // The pool publishes another mix than the one we were invited to: no
        // confirmation; the next invitation (to the published mix) goes through.
        m_coordinator->publishedMixId = QStringLiteral("fedcba9876543210fedcba9876543210");
        m_coordinator->reinviteWithPublishedMix = true;
        auto session = newSession();
        QSignalSpy succeeded(session.get(), &MixSession::succeeded);
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(succeeded.size() + failed.size(), 1);
        QCOMPARE(succeeded.size(), 1);
        QCOMPARE(m_coordinator->confirms.size(), 1);
        QCOMPARE(m_coordinator->confirms[0].mixId, QStringLiteral("fedcba9876543210fedcba9876543210"));
        QCOMPARE(m_coordinator->restRequests.count(QStringLiteral("GET /rest/pools")), 2);
    }

    void txVerificationRefusesToSign_data()
    {
        QTest::addColumn<Tamper>("tamper");
        QTest::addColumn<QString>("why");
        QTest::newRow("inputs-hash") << Tamper::InputsHash << QStringLiteral("inputsHash");
        QTest::newRow("extra-output") << Tamper::ExtraOutput << QStringLiteral("inputs for");
        QTest::newRow("own-input-missing") << Tamper::OwnInputMissing << QStringLiteral("own input");
        QTest::newRow("own-output-missing") << Tamper::OwnOutputMissing << QStringLiteral("own output");
        QTest::newRow("duplicate-input-txid") << Tamper::DuplicateInputTxid << QStringLiteral("same transaction");
        QTest::newRow("wrong-output-value") << Tamper::WrongOutputValue << QStringLiteral("worth");
        QTest::newRow("duplicate-output") << Tamper::DuplicateOutput << QStringLiteral("same script");
    }
    void txVerificationRefusesToSign()
    {
        QFETCH(Tamper, tamper);
        QFETCH(QString, why);
        m_coordinator->tamper = tamper;
        auto session = newSession();
        QSignalSpy stepSpy(session.get(), &MixSession::stepChanged);
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].value<MixFailReason>(), MixFailReason::InvalidTransaction);
        QVERIFY2(failed[0][1].toString().contains(why), qPrintable(failed[0][1].toString()));
        QCOMPARE(m_wallet->signInputCalls.load(), 0);
        QVERIFY(m_coordinator->signings.isEmpty());
        QVERIFY(m_coordinator->sent(proto::endpoint::kWsSigning).isEmpty());
        QVERIFY(!steps(stepSpy).contains(MixStep::Signing));
        QCOMPARE(steps(stepSpy).last(), MixStep::Fail);
    }

    void revealOutput_data()
    {
        QTest::addColumn<bool>("revealFirst");
        QTest::newRow("after-register-output-reply") << false;
        // REVEAL_OUTPUT (STOMP) processed before the registerOutput reply (HTTP) arrives:
        // the session must still reveal the output the coordinator accepted, or the
        // coordinator would blame it for the failed round.
        QTest::newRow("before-register-output-reply") << true;
    }
    void revealOutput()
    {
        QFETCH(bool, revealFirst);
        m_coordinator->revealInsteadOfSigning = true;
        m_coordinator->holdRegisterOutputReply = revealFirst;
        auto session = newSession();
        QSignalSpy stepSpy(session.get(), &MixSession::stepChanged);
        QSignalSpy failed(session.get(), &MixSession::failed);
        auto *stomp = session->findChild<StompClient *>();
        QVERIFY(stomp);
        QSignalSpy received(stomp, &StompClient::messageReceived);
        session->start();
        if (revealFirst) {
            const auto revealSeen = [&] {
                for (const QList<QVariant> &args : received)
                    if (proto::messageTypeShortName(args[0].toString()) ==
                        proto::messageTypeShortName(QString::fromLatin1(proto::type::kRevealOutputMixStatus)))
                        return true;
                return false;
            };
            QTRY_VERIFY(revealSeen());
            QCOMPARE(session->step(), MixStep::RegisteringOutput);
            QVERIFY(m_coordinator->reveals.isEmpty());
            QVERIFY(bool(m_coordinator->heldRegisterOutputReply));
            m_coordinator->heldRegisterOutputReply();
        }
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].value<MixFailReason>(), MixFailReason::MixFailed);
        QCOMPARE(m_coordinator->reveals.size(), 1);
        QCOMPARE(m_coordinator->reveals[0].mixId, m_coordinator->mixId);
        QCOMPARE(m_coordinator->reveals[0].receiveAddress, m_coordinator->registeredAddress);
        const QList<MixStep> s = steps(stepSpy);
        QCOMPARE(s.mid(s.size() - 3), (QList<MixStep>{MixStep::RegisteredOutput, MixStep::RevealedOutput, MixStep::Fail}));
        QCOMPARE(m_wallet->signInputCalls.load(), 0);
    }

    void connectionLoss()
    {
        m_coordinator->dropAfterConfirm = true;
        auto session = newSession();
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].value<MixFailReason>(), MixFailReason::Disconnected);
        QCOMPARE(session->step(), MixStep::Fail);
    }

    void blockHeightReadAtEachRegistration()
    {
        // One coin, one MixConfig reused for every attempt (as ResilientMixSession and the
        // orchestrator do): the height must be the tip when each RegisterInputRequest is
        // sent, not the tip when mixing started, or a coordinator whose node moved on
        // refuses the input ("Invalid blockHeight 601 (coordinator: 617)").
        const MixConfig shared = config();
        const MixUtxo coin = m_wallet->utxo(kDenomination + 5'000);
        m_coordinator->client = coin;

        // First registration: a block arrives while the wallet signs the registration
        // message (a hardware wallet may take minutes); then the connection drops.
        m_height = 601;
        m_wallet->holdSignMessage = true;
        m_coordinator->dropAfterConfirm = true;
        auto first = std::make_unique<MixSession>(shared, coin, m_wallet);
        QSignalSpy firstFailed(first.get(), &MixSession::failed);
        first->start();
        QTRY_VERIFY(bool(m_wallet->held));
        m_height = 602;
        std::exchange(m_wallet->held, {})();
        QTRY_COMPARE(firstFailed.size(), 1);
        QCOMPARE(firstFailed[0][0].value<MixFailReason>(), MixFailReason::Disconnected);
        QCOMPARE(m_coordinator->registerInputs.size(), 1);
        QCOMPARE(m_coordinator->registerInputs[0].blockHeight, 602);

        // Reconnect and re-register the same coin after the chain moved on (a failover
        // lands on an instance whose node is at 617): the new request carries the new tip.
        m_height = 617;
        m_wallet->holdSignMessage = false;
        m_coordinator->dropAfterConfirm = false;
        auto second = std::make_unique<MixSession>(shared, coin, m_wallet);
        QSignalSpy succeeded(second.get(), &MixSession::succeeded);
        QSignalSpy secondFailed(second.get(), &MixSession::failed);
        second->start();
        QTRY_COMPARE(succeeded.size() + secondFailed.size(), 1);
        QVERIFY2(secondFailed.isEmpty(), secondFailed.isEmpty() ? "" : qPrintable(secondFailed[0][1].toString()));
        QCOMPARE(m_coordinator->wsSessions, 2);
        QCOMPARE(m_coordinator->registerInputs.size(), 2);
        QCOMPARE(m_coordinator->registerInputs[1].utxoHash, coin.outpoint.txid.toHex());
        QCOMPARE(m_coordinator->registerInputs[1].blockHeight, 617);
    }

    void blockHeightZeroSkipsTheCheck_data()
    {
        QTest::addColumn<bool>("provider");
        QTest::addColumn<int>("height");
        QTest::newRow("no-provider") << false << 0;
        QTest::newRow("zero") << true << 0;
        QTest::newRow("unknown-tip") << true << -1; // a chain scanner that has not reached the node yet
    }
    void blockHeightZeroSkipsTheCheck()
    {
        QFETCH(bool, provider);
        QFETCH(int, height);
        MixConfig c = config();
        if (provider)
            m_height = height;
        else
            c.blockHeight = nullptr;
        auto session = newSession(false, c);
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(m_coordinator->registerInputs.size(), 1);
        QCOMPARE(m_coordinator->registerInputs[0].blockHeight, 0);
        session->stop();
        QCOMPARE(failed.size(), 1);
    }

    void coordinatorUnreachable()
    {
        MixConfig c = config();
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        c.coordinatorUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
        probe.close();
        auto session = newSession(false, c);
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].value<MixFailReason>(), MixFailReason::Disconnected);
    }

    void redirect()
    {
        m_coordinator->redirectOnSubscribe = true;
        auto session = newSession();
        QSignalSpy failed(session.get(), &MixSession::failed);
        QSignalSpy redirected(session.get(), &MixSession::redirected);
        session->start();
        QTRY_COMPARE(redirected.size(), 1);
        const auto r = redirected[0][0].value<proto::RedirectResponse>();
        QCOMPARE(r.urlClear, QStringLiteral("https://owner.example:8080"));
        QCOMPARE(r.urlOnion, QStringLiteral("http://owner.onion"));
        QCOMPARE(r.epoch, qint64(7));
        QVERIFY(session->isFinished());
        QVERIFY(failed.isEmpty());
        QVERIFY(m_coordinator->registerInputs.isEmpty());
    }

    void poolMismatch_data()
    {
        QTest::addColumn<QString>("networkId");
        QTest::addColumn<qint64>("denomination");
        QTest::addColumn<qint64>("value");
        QTest::newRow("network") << QStringLiteral("main") << qint64(kDenomination) << qint64(kDenomination + 5'000);
        QTest::newRow("denomination") << QStringLiteral("regtest") << qint64(kDenomination * 10) << qint64(kDenomination + 5'000);
        QTest::newRow("below-min") << QStringLiteral("regtest") << qint64(kDenomination) << qint64(kDenomination + 100);
        QTest::newRow("above-max") << QStringLiteral("regtest") << qint64(kDenomination) << qint64(kDenomination + 20'000);
        QTest::newRow("fee-too-high") << QStringLiteral("regtest") << qint64(kDenomination) << qint64(kDenomination + 100'001);
        QTest::newRow("smaller-than-pool") << QStringLiteral("regtest") << qint64(kDenomination) << qint64(kDenomination - 1);
    }
    void poolMismatch()
    {
        QFETCH(QString, networkId);
        QFETCH(qint64, denomination);
        QFETCH(qint64, value);
        m_coordinator->poolNetworkId = networkId;
        m_coordinator->poolDenomination = denomination;
        const MixUtxo coin = m_wallet->utxo(value);
        m_coordinator->client = coin;
        MixSession session(config(), coin, m_wallet);
        QSignalSpy failed(&session, &MixSession::failed);
        session.start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].value<MixFailReason>(), MixFailReason::PoolMismatch);
        QVERIFY(m_coordinator->registerInputs.isEmpty());
    }

    void protocolVersionMismatch()
    {
        m_coordinator->messageProtocolVersion = "0.22";
        auto session = newSession();
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].value<MixFailReason>(), MixFailReason::ProtocolMismatch);
    }

    void registerOutputRetries_data()
    {
        QTest::addColumn<int>("failures");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("addressIndex"); // -1: gives up
        QTest::newRow("transient") << 3 << QStringLiteral("Mix not found") << 0;
        QTest::newRow("address-reused") << 2 << QStringLiteral("Output already registered") << 2;
        QTest::newRow("gives-up-after-11") << 100 << QStringLiteral("Mix not found") << -1;
    }
    void registerOutputRetries()
    {
        QFETCH(int, failures);
        QFETCH(QString, error);
        QFETCH(int, addressIndex);
        m_coordinator->failRegisterOutput = failures;
        m_coordinator->registerOutputError = error;
        auto session = newSession();
        QSignalSpy succeeded(session.get(), &MixSession::succeeded);
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(succeeded.size() + failed.size(), 1);
        if (addressIndex < 0) {
            QCOMPARE(failed.size(), 1);
            QCOMPARE(failed[0][0].value<MixFailReason>(), MixFailReason::MixFailed);
            QVERIFY(failed[0][1].toString().contains(error));
            QCOMPARE(m_coordinator->registerOutputAttempts.size(), 11);
        } else {
            QCOMPARE(succeeded.size(), 1);
            QCOMPARE(m_coordinator->registerOutputAttempts.size(), failures + 1);
            QCOMPARE(m_coordinator->registeredAddress, m_wallet->addresses[addressIndex]);
        }
    }

    void walletFailures_data()
    {
        QTest::addColumn<bool>("refuse");
        QTest::addColumn<bool>("corrupt");
        QTest::newRow("refuses") << true << false;
        QTest::newRow("bad-signature") << false << true;
    }
    void walletFailures()
    {
        QFETCH(bool, refuse);
        QFETCH(bool, corrupt);
        m_wallet->refuseToSign = refuse;
        m_wallet->corruptSignature = corrupt;
        auto session = newSession();
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].value<MixFailReason>(), MixFailReason::InternalError);
        QVERIFY(m_coordinator->signings.isEmpty());
    }

    void stopWhileWaiting()
    {
        m_coordinator->publishedMixId = QStringLiteral("never-the-invited-one"); // keeps the session waiting
        auto session = newSession();
        QSignalSpy stepSpy(session.get(), &MixSession::stepChanged);
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_VERIFY(!m_coordinator->restRequests.isEmpty());
        session->stop();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].value<MixFailReason>(), MixFailReason::Stop);
        QVERIFY(!steps(stepSpy).contains(MixStep::Fail));
        QTRY_VERIFY(!m_coordinator->session || m_coordinator->session->state() != QAbstractSocket::ConnectedState);
        session->stop(); // no-op
        QCOMPARE(failed.size(), 1);
    }

    void deletedWhileWalletIsBusy()
    {
        // A wallet answering (from another thread) after the session is gone must not reach it.
        m_wallet->holdSignMessage = true;
        auto session = newSession();
        session->start();
        QTRY_VERIFY(m_wallet->held);
        session.reset();
        QCOMPARE(m_wallet.use_count(), 1);
        QThreadPool::globalInstance()->start(m_wallet->held);
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents(); // nothing was posted to the dead session
        QVERIFY(m_coordinator->registerInputs.isEmpty());
    }

    void walletAnswersLate()
    {
        // The same held answer, released while the session lives: it proceeds.
        m_wallet->holdSignMessage = true;
        auto session = newSession();
        QSignalSpy succeeded(session.get(), &MixSession::succeeded);
        session->start();
        QTRY_VERIFY(m_wallet->held);
        QCOMPARE(session->step(), MixStep::Connected);
        QThreadPool::globalInstance()->start(m_wallet->held);
        QTRY_COMPARE(succeeded.size(), 1);
    }

    void separateIdentitiesThroughSocks()
    {
        test::Socks5Relay relay;
        QVERIFY(relay.listen());
        MixConfig c = config();
        c.identity.proxyHost = QStringLiteral("127.0.0.1");
        c.identity.proxyPort = relay.port();
        c.identity = c.identity.isolated();
        auto session = newSession(false, c);
        QSignalSpy succeeded(session.get(), &MixSession::succeeded);
        QSignalSpy failed(session.get(), &MixSession::failed);
        session->start();
        QTRY_COMPARE(succeeded.size() + failed.size(), 1);
        QCOMPARE(succeeded.size(), 1);
        // three identities: STOMP (input), key check, output registration; none shared
        QSet<QString> stompUsers, poolsUsers, outputUsers;
        for (const auto &[user, line] : std::as_const(relay.streams)) {
            if (line.startsWith("GET /ws/connect"))
                stompUsers.insert(user);
            else if (line.startsWith("GET /rest/pools"))
                poolsUsers.insert(user);
            else if (line.startsWith("POST /rest/registerOutput"))
                outputUsers.insert(user);
            else
                QFAIL(line.constData());
        }
        QCOMPARE(stompUsers, QSet<QString>{c.identity.user});
        QCOMPARE(poolsUsers.size(), 1);
        QCOMPARE(outputUsers.size(), 1);
        QVERIFY(!poolsUsers.contains(c.identity.user));
        QVERIFY(!outputUsers.contains(c.identity.user));
        QVERIFY(poolsUsers != outputUsers);
        for (quint16 port : std::as_const(relay.targets))
            QCOMPARE(port, m_coordinator->front.serverPort());
    }

    void uncredentialedProxyGetsIsolated()
    {
        test::Socks5Relay relay;
        QVERIFY(relay.listen());
        MixConfig c = config();
        c.identity.proxyHost = QStringLiteral("127.0.0.1");
        c.identity.proxyPort = relay.port(); // no credentials given
        auto session = newSession(false, c);
        QSignalSpy succeeded(session.get(), &MixSession::succeeded);
        session->start();
        QTRY_COMPARE(succeeded.size(), 1);
        QSet<QString> users;
        for (const auto &[user, line] : std::as_const(relay.streams)) {
            QVERIFY(!user.isEmpty());
            users.insert(user);
        }
        QCOMPARE(users.size(), 3);
    }

    void restClientErrors()
    {
        CoordinatorRestClient rest(m_coordinator->url(), NetworkIdentity());
        QObject context;
        std::optional<Result<void>> result;
        proto::RegisterOutputRequest bad; // no mix: the coordinator answers 500 {"message": ...}
        rest.registerOutput(bad, &context, [&](Result<void> r) { result = std::move(r); });
        QTRY_VERIFY(result.has_value());
        QVERIFY(!result->has_value());
        QCOMPARE(result->error().code, 500);
        QCOMPARE(result->error().message, QStringLiteral("Invalid signature"));

        std::optional<Result<proto::PoolsResponse>> pools;
        rest.fetchPools(&context, [&](Result<proto::PoolsResponse> r) { pools = std::move(r); });
        QTRY_VERIFY(pools.has_value());
        QVERIFY(pools->has_value());
        QCOMPARE((*pools)->pools.size(), 2);
        QCOMPARE((*pools)->pools[1].mixKeyFingerprint, util::toHex(m_key->fingerprint()));

        std::optional<Result<QString>> pushed;
        rest.pushTx0(proto::Tx0PushRequest{}, &context, [&](Result<QString> r) { pushed = std::move(r); });
        QTRY_VERIFY(pushed.has_value());
        QVERIFY(!pushed->has_value());
        QCOMPARE(pushed->error().code, 404);
    }
};

QTEST_GUILESS_MAIN(TestMixSession)
#include "tst_mixsession.moc"
