// The mix state machine without I/O, driven by explicit times: slots, phases, and who is
// blamed for a failed mix (docs/operator-guide.md, "Who is blamed").
#include <mix/banpolicy.h>
#include <mix/inputqueue.h>
#include <mix/mix.h>

#include <bitcoin/bip69.h>
#include <bitcoin/sighash.h>
#include <crypto/eckey.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <crypto/rsablind.h>

#include <QTest>

using namespace wp;
using namespace wp::server::mix;

namespace {

constexpr btc::Amount kDenomination = 1'000'000;

PoolConfig testPool()
{
    PoolConfig p;
    p.poolId = QStringLiteral("0.01btc");
    p.denomination = kDenomination;
    p.feeValue = 50'000;
    p.minerFeeMin = 170;
    p.minerFeeCap = 9'690;
    p.minerFeeMax = 19'125;
    p.minRelayFee = 510;
    p.anonymitySet = 5;
    p.minMustMix = 2;
    p.minLiquidity = 1;
    p.surge = 0;
    return p;
}

MixTimings testTimings() { return MixTimings{1000, 5000, 3000, 4000, 2500}; }

/// A participant: its key, its coin, and later its bordereau.
struct Participant {
    crypto::PrivKey key = crypto::PrivKey::generate();
    RegisteredInput input;
    QByteArray bordereau = crypto::randomBytes(30);
    QString address;
    btc::Script outputScript;
};

btc::Script p2wpkhOf(const crypto::PubKey &key)
{
    return btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::hash160(key.serialize(true))));
}

Participant participant(int n, bool liquidity, btc::Amount overpay = 300)
{
    Participant p;
    p.input.sessionId = QStringLiteral("session-%1").arg(n);
    p.input.outpoint = btc::OutPoint{*btc::Txid::fromBytes(crypto::sha256(QByteArray::number(n))), std::uint32_t(n % 3)};
    p.input.liquidity = liquidity;
    p.input.prevout = btc::TxOut{liquidity ? kDenomination : kDenomination + overpay, p2wpkhOf(p.key.pubKey())};
    const crypto::PrivKey outKey = crypto::PrivKey::generate();
    p.outputScript = p2wpkhOf(outKey.pubKey());
    p.address = QStringLiteral("bcrt1q-output-%1").arg(n);
    return p;
}

} // namespace

class TestMix : public QObject {
    Q_OBJECT

    std::shared_ptr<const crypto::RsaKeyPair> m_key;

    std::unique_ptr<Mix> newMix(PoolConfig pool = testPool())
    {
        return std::make_unique<Mix>(pool, testTimings(), QStringLiteral("mix-1"), m_key, 0);
    }

    /// Invites and confirms @p people, and delivers their blind signatures.
    static void join(Mix &mix, QList<Participant> &people)
    {
        for (Participant &p : people) {
            mix.addConfirming(p.input, 0);
            const auto r = mix.confirmInput(p.input.sessionId, QStringLiteral("hash-") + p.input.sessionId);
            QCOMPARE(int(r.verdict), int(Mix::ConfirmVerdict::Accept));
            mix.confirmationSent(p.input.sessionId);
        }
    }

    /// Blind -> sign -> unblind, as client and coordinator do, then registers the output.
    Result<void> registerOutput(Mix &mix, const Participant &p)
    {
        const crypto::RsaPublicKey pub = mix.key().publicKey();
        auto context = crypto::blind(pub, p.bordereau);
        if (!context)
            return context.error();
        auto blindSig = mix.key().signBlinded(context->blinded());
        auto sig = crypto::unblind(pub, *context, *blindSig);
        return mix.registerOutput(p.address, p.outputScript, p.bordereau, *sig);
    }

    /// A mix in SIGNING: five participants joined and registered their outputs.
    QList<Participant> signingMix(Mix &mix)
    {
        QList<Participant> people = fullMix(mix);
        mix.startRegisterOutput(1000);
        for (const Participant &p : people)
            if (!registerOutput(mix, p))
                qFatal("output refused");
        mix.startSigning(2000);
        return people;
    }

    QList<Participant> fullMix(Mix &mix)
    {
        QList<Participant> people{participant(1, false), participant(2, false), participant(3, true),
                                  participant(4, true), participant(5, true)};
        join(mix, people);
        return people;
    }

private Q_SLOTS:
    void initTestCase() { m_key = std::make_shared<const crypto::RsaKeyPair>(crypto::RsaKeyPair::generate()); }

    void invitationSlots()
    {
        auto mix = newMix();
        // Before the mustMix minimum: mustMix slots = 5 - max(0, minLiquidity 1) = 4; liquidity = minLiquidity.
        QCOMPARE(mix->invitationsWanted(false), 4);
        QCOMPARE(mix->invitationsWanted(true), 1);
        Participant a = participant(1, false);
        mix->addConfirming(a.input, 0);
        QCOMPARE(mix->invitationsWanted(false), 3); // invitations in flight count
        QVERIFY(mix->isConfirming(a.input.sessionId));
        // Same tx or same address as an input in flight: not invited.
        Participant sameTx = participant(2, false);
        sameTx.input.outpoint.txid = a.input.outpoint.txid;
        QVERIFY(!mix->acceptsInvitation(sameTx.input));
        Participant sameAddress = participant(3, true);
        sameAddress.input.prevout.scriptPubKey = a.input.prevout.scriptPubKey;
        QVERIFY(!mix->acceptsInvitation(sameAddress.input));
        QVERIFY(mix->acceptsInvitation(participant(4, true).input));
    }

    void confirmRules()
    {
        auto mix = newMix();
        QCOMPARE(int(mix->confirmInput(QStringLiteral("never-invited"), {}).verdict), int(Mix::ConfirmVerdict::NotInvited));

        Participant a = participant(1, false);
        mix->addConfirming(a.input, 0);
        QCOMPARE(int(mix->confirmInput(a.input.sessionId, QStringLiteral("wallet-A")).verdict), int(Mix::ConfirmVerdict::Accept));
        QCOMPARE(mix->nbMustMix(), 1);
        QVERIFY(!mix->isConfirming(a.input.sessionId));

        // Same wallet (userHash) again: requeued with its new userHash.
        Participant b = participant(2, false);
        mix->addConfirming(b.input, 0);
        auto r = mix->confirmInput(b.input.sessionId, QStringLiteral("wallet-A"));
        QCOMPARE(int(r.verdict), int(Mix::ConfirmVerdict::Requeue));
        QVERIFY(r.input && r.input->lastUserHash == QStringLiteral("wallet-A"));

        // The outpoint already in the mix: 611.
        Participant again = a;
        again.input.sessionId = QStringLiteral("other-session");
        mix->addConfirming(again.input, 0);
        QCOMPARE(int(mix->confirmInput(again.input.sessionId, {}).verdict), int(Mix::ConfirmVerdict::AlreadyConfirmed));
    }

    void lastMustMixSlotMustBringTheFee()
    {
        PoolConfig pool = testPool();
        pool.anonymitySet = 2;
        pool.minLiquidity = 0;
        pool.minRelayFee = 1000; // two mustMix of 300 overpay are not enough
        auto mix = newMix(pool);
        Participant a = participant(1, false, 300);
        Participant poor = participant(2, false, 300);
        Participant rich = participant(3, false, 800);
        mix->addConfirming(a.input, 0);
        QCOMPARE(int(mix->confirmInput(a.input.sessionId, {}).verdict), int(Mix::ConfirmVerdict::Accept));
        mix->addConfirming(poor.input, 0);
        QCOMPARE(int(mix->confirmInput(poor.input.sessionId, {}).verdict), int(Mix::ConfirmVerdict::Requeue));
        mix->addConfirming(rich.input, 0);
        QCOMPARE(int(mix->confirmInput(rich.input.sessionId, {}).verdict), int(Mix::ConfirmVerdict::Accept));
        QCOMPARE(mix->minerFeeAccumulated(), 1100);
    }

    void tickUntilReadyThenRegisterOutput()
    {
        auto mix = newMix();
        QCOMPARE(mix->deadlineMs(), 1000);
        QCOMPARE(int(mix->onDeadline(1000).tick), int(Mix::TickAction::InviteMore));
        QCOMPARE(mix->deadlineMs(), 2000);

        QList<Participant> people{participant(1, false), participant(2, false), participant(3, true),
                                  participant(4, true), participant(5, true)};
        for (Participant &p : people) {
            mix->addConfirming(p.input, 0);
            QCOMPARE(int(mix->confirmInput(p.input.sessionId, p.input.sessionId).verdict), int(Mix::ConfirmVerdict::Accept));
        }
        QVERIFY(!mix->isReady()); // blind signatures not delivered yet
        for (Participant &p : people)
            mix->confirmationSent(p.input.sessionId);
        QVERIFY(mix->isReady());
        Participant late = participant(6, true);
        mix->addConfirming(late.input, 0);
        QCOMPARE(int(mix->onDeadline(2000).tick), int(Mix::TickAction::StartRegisterOutput));

        const QList<RegisteredInput> back = mix->startRegisterOutput(2000);
        QCOMPARE(back.size(), 1); // the late invitation goes back to the queue
        QCOMPARE(back.first().sessionId, late.input.sessionId);
        QCOMPARE(mix->phase(), MixPhase::RegisterOutput);
        QCOMPARE(mix->inputsHash().size(), 128);
        QCOMPARE(mix->deadlineMs(), 7000);
        // A confirmation arriving now finds no invitation: the input is already back in the queue (trap §13.14).
        QCOMPARE(int(mix->confirmInput(late.input.sessionId, {}).verdict), int(Mix::ConfirmVerdict::NotInvited));
    }

    void surgeWaitsOneTick()
    {
        PoolConfig pool = testPool();
        pool.surge = 2;
        pool.surgeRelayFee = 100;
        auto mix = newMix(pool);
        QList<Participant> people{participant(1, false, 800), participant(2, false, 800), participant(3, true),
                                  participant(4, true), participant(5, true)};
        join(*mix, people);
        // 1600 overpay - 510 minerFeeMix = 1090 -> min(2, 10) = 2 surge slots, for liquidity only.
        QCOMPARE(mix->surge(), 2);
        QCOMPARE(mix->invitationsWanted(false), 0);
        QCOMPARE(mix->invitationsWanted(true), 2);
        QCOMPARE(int(mix->onDeadline(1000).tick), int(Mix::TickAction::WaitForSurge));
        QCOMPARE(int(mix->onDeadline(2000).tick), int(Mix::TickAction::StartRegisterOutput));
    }

    void fullMixSucceeds()
    {
        auto mix = newMix();
        QList<Participant> people = fullMix(*mix);
        mix->startRegisterOutput(1000);
        for (int i = 0; i < people.size(); ++i) {
            QVERIFY(!mix->hasAllOutputs());
            auto r = registerOutput(*mix, people[i]);
            QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        }
        QVERIFY(mix->hasAllOutputs());
        const btc::Transaction &tx = mix->startSigning(2000);
        QCOMPARE(mix->phase(), MixPhase::Signing);
        QCOMPARE(tx.version, 1u);
        QCOMPARE(tx.lockTime, 0u);
        QCOMPARE(tx.inputs.size(), 5);
        QCOMPARE(tx.outputs.size(), 5);
        QVERIFY(btc::isBip69Sorted(tx));
        for (const btc::TxOut &o : tx.outputs)
            QCOMPARE(o.value, kDenomination);

        for (int i = 0; i < people.size(); ++i) {
            const Participant &p = people[i];
            btc::Transaction copy = mix->transaction();
            const auto at = std::find_if(copy.inputs.begin(), copy.inputs.end(),
                                         [&](const btc::TxIn &in) { return in.prevout == p.input.outpoint; });
            QVERIFY(btc::signP2wpkhInput(copy, at - copy.inputs.begin(), p.input.prevout.value, p.key));
            const auto verdict = mix->registerSignature(p.input.sessionId, copy.inputs[at - copy.inputs.begin()].witness, 2100);
            QVERIFY2(verdict.kind != Mix::SignatureVerdict::Kind::Blamed, qPrintable(verdict.reason));
            QCOMPARE(verdict.kind, i == people.size() - 1 ? Mix::SignatureVerdict::Kind::AllSigned
                                                          : Mix::SignatureVerdict::Kind::Accepted);
        }
        for (qsizetype i = 0; i < mix->transaction().inputs.size(); ++i) {
            const auto &in = mix->transaction().inputs[i];
            const auto p = std::find_if(people.begin(), people.end(), [&](const Participant &x) { return x.input.outpoint == in.prevout; });
            QVERIFY(btc::verifyP2wpkhInput(mix->transaction(), i, p->input.prevout.value, p->input.prevout.scriptPubKey));
        }
        mix->succeed(2500);
        QCOMPARE(mix->phase(), MixPhase::Success);
        QVERIFY(mix->isOver());
    }

    void outputRegistrationRules()
    {
        auto mix = newMix();
        QList<Participant> people = fullMix(*mix);
        QVERIFY(!registerOutput(*mix, people[0])); // not yet REGISTER_OUTPUT
        mix->startRegisterOutput(1000);
        QVERIFY(registerOutput(*mix, people[0]));

        Participant replay = people[1];
        replay.bordereau = people[0].bordereau; // the same bordereau twice (trap §13.7)
        QVERIFY(!registerOutput(*mix, replay));

        Participant sameAddress = people[1];
        sameAddress.address = people[0].address;
        QVERIFY(!registerOutput(*mix, sameAddress));

        Participant inputAddress = people[1];
        inputAddress.outputScript = people[2].input.prevout.scriptPubKey;
        QVERIFY(!registerOutput(*mix, inputAddress));

        // A signature of another bordereau.
        auto forged = mix->registerOutput(people[1].address, people[1].outputScript, people[1].bordereau,
                                          QByteArray(256, '\x01'));
        QVERIFY(!forged);
        QVERIFY(forged.error().message.contains(QStringLiteral("unblindedSignedBordereau")));

        // Released after the shared table refused the address: the same bordereau may come back
        // with a fresh address, once.
        mix->releaseOutput(people[0].address);
        QVERIFY(!mix->receiveAddresses().contains(people[0].address));
        Participant retry = people[0];
        retry.address = QStringLiteral("bcrt1q-fresh");
        QVERIFY(registerOutput(*mix, retry));
        retry.address = QStringLiteral("bcrt1q-fresh-again");
        QVERIFY(!registerOutput(*mix, retry));
    }

    void badSignatureRefused()
    {
        auto mix = newMix();
        QList<Participant> people = signingMix(*mix);
        btc::Transaction copy = mix->transaction();
        const auto at = std::find_if(copy.inputs.begin(), copy.inputs.end(),
                                     [&](const btc::TxIn &in) { return in.prevout == people[0].input.outpoint; });
        const qsizetype index = at - copy.inputs.begin();
        // Not one of the mix's inputs: an error for that request, nothing more.
        QCOMPARE(mix->registerSignature(QStringLiteral("stranger"), {}, 2100).kind, Mix::SignatureVerdict::Kind::Ignored);
        QCOMPARE(mix->phase(), MixPhase::Signing);
        // A signature by another key: the mix cannot be broadcast with it; its input is blamed at once.
        QVERIFY(btc::signP2wpkhInput(copy, index, people[0].input.prevout.value, people[1].key));
        const auto verdict = mix->registerSignature(people[0].input.sessionId, copy.inputs[index].witness, 2100);
        QCOMPARE(verdict.kind, Mix::SignatureVerdict::Kind::Blamed);
        QCOMPARE(verdict.blame->identifier, people[0].input.blameIdentifier());
        QCOMPARE(verdict.blame->reason, BlameReason::Signing);
        QCOMPARE(mix->phase(), MixPhase::Fail);
        QCOMPARE(mix->failReason(), FailReason::Signing);
        QCOMPARE(mix->blames().size(), 1);
        QCOMPARE(mix->unblamedInputs().size(), 4);
    }

    void garbageSignatureBlamed()
    {
        auto mix = newMix();
        QList<Participant> people = signingMix(*mix);
        const auto verdict = mix->registerSignature(people[3].input.sessionId, {QByteArray("garbage")}, 2100);
        QCOMPARE(verdict.kind, Mix::SignatureVerdict::Kind::Blamed);
        QCOMPARE(mix->blames().first().identifier, people[3].input.blameIdentifier());
    }

    void registerOutputTimeoutWithoutOutputsBlamesNobody()
    {
        auto mix = newMix();
        fullMix(*mix);
        mix->startRegisterOutput(1000);
        const auto out = mix->onDeadline(mix->deadlineMs());
        QVERIFY(out.failed);
        QVERIFY(out.blames.isEmpty());
        QCOMPARE(mix->failReason(), FailReason::RegisterOutputs);
    }

    /// A mix in REVEAL_OUTPUT: every participant but the last registered its output.
    QList<Participant> revealingMix(Mix &mix)
    {
        QList<Participant> people = fullMix(mix);
        mix.startRegisterOutput(1000);
        for (int i = 0; i < 4; ++i)
            if (!registerOutput(mix, people[i]))
                qFatal("output refused");
        if (mix.onDeadline(mix.deadlineMs()).failed || mix.phase() != MixPhase::RevealOutput)
            qFatal("not revealing");
        return people;
    }

    void revealBlamesWhoDidNotReveal()
    {
        auto mix = newMix();
        QList<Participant> people = revealingMix(*mix);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(*mix->revealOutput(people[i].input.sessionId, people[i].address), false);
        QVERIFY(!mix->revealOutput(people[0].input.sessionId, people[0].address)); // the first answer counts
        // The fourth reveal claims the last registered output: whoever is left registered nothing.
        QCOMPARE(*mix->revealOutput(people[3].input.sessionId, people[3].address), true);
        const auto end = mix->onDeadline(mix->deadlineMs());
        QVERIFY(end.failed);
        QCOMPARE(end.blames.size(), 1);
        QCOMPARE(end.blames.first().identifier, people[4].input.blameIdentifier());
        QCOMPARE(end.blames.first().reason, BlameReason::RegisterOutput);
        // Liquidity inputs are blamed by outpoint, mustMix by txid (the whole Tx0).
        QVERIFY(people[4].input.blameIdentifier().contains(QLatin1Char(':')));
        QVERIFY(!people[0].input.blameIdentifier().contains(QLatin1Char(':')));
    }

    void duplicateRevealBlamesEveryRevealerAndNoHonestInput()
    {
        // Inputs 3 and 4 are one attacker: 3 registered an output, 4 did not; both reveal 3's address.
        auto mix = newMix();
        QList<Participant> people = revealingMix(*mix);
        QCOMPARE(*mix->revealOutput(people[3].input.sessionId, people[3].address), false);
        QCOMPARE(*mix->revealOutput(people[4].input.sessionId, people[3].address), false);
        QCOMPARE(*mix->revealOutput(people[0].input.sessionId, people[0].address), false);
        QCOMPARE(*mix->revealOutput(people[1].input.sessionId, people[1].address), false);
        // Counting sessions, four answers out of five would have blamed honest input 2 here.
        QCOMPARE(*mix->revealOutput(people[2].input.sessionId, people[2].address), true); // everybody answered
        const auto end = mix->onDeadline(mix->deadlineMs());
        QVERIFY(end.failed);
        QCOMPARE(end.blames.size(), 2);
        const QStringList blamed{end.blames[0].identifier, end.blames[1].identifier};
        QVERIFY(blamed.contains(people[3].input.blameIdentifier()));
        QVERIFY(blamed.contains(people[4].input.blameIdentifier()));
    }

    void revealOfAnUnregisteredAddressIsBlamed()
    {
        auto mix = newMix();
        QList<Participant> people = revealingMix(*mix);
        for (int i = 0; i < 4; ++i)
            QVERIFY(mix->revealOutput(people[i].input.sessionId, people[i].address));
        QVERIFY(*mix->revealOutput(people[4].input.sessionId, QStringLiteral("bcrt1q-never-registered")));
        const auto end = mix->onDeadline(mix->deadlineMs());
        QCOMPARE(end.blames.size(), 1);
        QCOMPARE(end.blames.first().identifier, people[4].input.blameIdentifier());
        // The timeout alone: the silent ones are blamed, the revealers are not.
        auto quiet = newMix();
        QList<Participant> others = revealingMix(*quiet);
        QVERIFY(quiet->revealOutput(others[0].input.sessionId, others[0].address));
        const auto timeout = quiet->onDeadline(quiet->deadlineMs());
        QCOMPARE(timeout.blames.size(), 4);
        QVERIFY(std::none_of(timeout.blames.begin(), timeout.blames.end(),
                             [&](const Blame &b) { return b.identifier == others[0].input.blameIdentifier(); }));
    }

    void signingTimeoutBlamesNonSigners()
    {
        auto mix = newMix();
        QList<Participant> people = signingMix(*mix);
        QCOMPARE(mix->deadlineMs(), 6000);
        const auto end = mix->onDeadline(6000);
        QVERIFY(end.failed);
        QCOMPARE(end.blames.size(), 5);
        QCOMPARE(end.blames.first().reason, BlameReason::Signing);
        QCOMPARE(mix->failReason(), FailReason::Signing);
    }

    void disconnects()
    {
        {   // Invited but not confirmed: dropped, no blame, mix goes on.
            auto mix = newMix();
            Participant a = participant(1, false);
            mix->addConfirming(a.input, 0);
            const auto out = mix->onDisconnect(a.input.sessionId, 10);
            QVERIFY(out.dropped && out.blames.isEmpty() && !out.failed);
            QCOMPARE(mix->nbConfirming(), 0);
        }
        {   // Confirmed, blind signature not delivered yet: removed quietly (it has nothing to use).
            auto mix = newMix();
            Participant a = participant(1, false);
            mix->addConfirming(a.input, 0);
            QCOMPARE(int(mix->confirmInput(a.input.sessionId, {}).verdict), int(Mix::ConfirmVerdict::Accept));
            const auto out = mix->onDisconnect(a.input.sessionId, 10);
            QVERIFY(!out.failed && out.blames.isEmpty());
            QCOMPARE(mix->nbInputs(), 0);
        }
        {   // Holding a blind signature during CONFIRM_INPUT: its leaving is its own fault. It is
            // blamed and the mix fails, so the signature can never register an output.
            auto mix = newMix();
            QList<Participant> people = fullMix(*mix);
            const auto out = mix->onDisconnect(people[2].input.sessionId, 10);
            QVERIFY(out.failed);
            QCOMPARE(out.blames.size(), 1);
            QCOMPARE(out.blames.first().identifier, people[2].input.blameIdentifier());
            QCOMPARE(out.blames.first().reason, BlameReason::Disconnect);
            QCOMPARE(mix->failReason(), FailReason::Disconnect);
            QCOMPARE(mix->unblamedInputs().size(), 4); // the others are invited first next time
        }
        {   // During REGISTER_OUTPUT: blamed DISCONNECT, the mix fails with txid:index as info.
            auto mix = newMix();
            QList<Participant> people = fullMix(*mix);
            mix->startRegisterOutput(1000);
            const auto out = mix->onDisconnect(people[0].input.sessionId, 1500);
            QVERIFY(out.failed && out.blames.size() == 1);
            QCOMPARE(out.blames.first().reason, BlameReason::Disconnect);
            QCOMPARE(out.blames.first().identifier, people[0].input.outpoint.txid.toHex());
            QCOMPARE(mix->failInfo(), people[0].input.outpoint.toString());
        }
        {   // During SIGNING, after signing: its part is done.
            auto mix = newMix();
            QList<Participant> people = signingMix(*mix);
            btc::Transaction copy = mix->transaction();
            const auto at = std::find_if(copy.inputs.begin(), copy.inputs.end(),
                                         [&](const btc::TxIn &in) { return in.prevout == people[1].input.outpoint; });
            QVERIFY(btc::signP2wpkhInput(copy, at - copy.inputs.begin(), people[1].input.prevout.value, people[1].key));
            QCOMPARE(mix->registerSignature(people[1].input.sessionId, copy.inputs[at - copy.inputs.begin()].witness, 2100).kind,
                     Mix::SignatureVerdict::Kind::Accepted);
            QVERIFY(!mix->onDisconnect(people[1].input.sessionId, 2200).failed);
            QVERIFY(mix->onDisconnect(people[2].input.sessionId, 2200).failed);
            QCOMPARE(mix->blames().size(), 1);
        }
    }

    void spentInputsAreBlamedOnceTheyHoldASignature()
    {
        {   // CONFIRM_INPUT, blind signature delivered: blamed SPENT, the mix fails (a fresh key follows).
            auto mix = newMix();
            QList<Participant> people = fullMix(*mix);
            const auto out = mix->onInputsSpent({people[1].input.outpoint}, 500);
            QVERIFY(out.failed);
            QCOMPARE(out.blames.size(), 1);
            QCOMPARE(out.blames.first().reason, BlameReason::Spent);
            QCOMPARE(out.blames.first().identifier, people[1].input.blameIdentifier());
            QCOMPARE(mix->failReason(), FailReason::Spent);
        }
        {   // CONFIRM_INPUT, no signature sent yet: it just leaves, the mix goes on.
            auto mix = newMix();
            Participant a = participant(1, false);
            Participant b = participant(2, false);
            QList<Participant> one{a};
            join(*mix, one);
            mix->addConfirming(b.input, 0);
            QCOMPARE(int(mix->confirmInput(b.input.sessionId, QStringLiteral("wallet-b")).verdict), int(Mix::ConfirmVerdict::Accept));
            const auto out = mix->onInputsSpent({b.input.outpoint}, 500);
            QVERIFY(!out.failed && out.blames.isEmpty());
            QCOMPARE(mix->nbInputs(), 1);
            QVERIFY(!mix->hasSession(b.input.sessionId));
        }
        {   // Later phases: blamed SPENT, the mix fails.
            auto mix = newMix();
            QList<Participant> people = fullMix(*mix);
            mix->startRegisterOutput(1000);
            const auto out = mix->onInputsSpent({people[1].input.outpoint}, 1200);
            QCOMPARE(out.blames.size(), 1);
            QCOMPARE(out.blames.first().reason, BlameReason::Spent);
            QCOMPARE(mix->phase(), MixPhase::Fail);
        }
    }

    /// The attack of issue #11: two inputs of one attacker hold blind signatures; one is
    /// double-spent. Before, the spent one was dropped and its signature stayed valid, so the
    /// attacker registered two outputs for one input and displaced an honest output.
    void aSignatureOfALostInputNeverRegistersAnOutput()
    {
        auto mix = newMix();
        QList<Participant> people = fullMix(*mix);
        QVERIFY(mix->onInputsSpent({people[4].input.outpoint}, 500).failed);
        QVERIFY(!registerOutput(*mix, people[4])); // the mix is over: nothing registers
        // The next mix has a fresh key: the old signatures do not verify there.
        auto next = std::make_unique<Mix>(testPool(), testTimings(), QStringLiteral("mix-2"),
                                          std::make_shared<const crypto::RsaKeyPair>(crypto::RsaKeyPair::generate()), 600);
        QList<Participant> again = fullMix(*next);
        next->startRegisterOutput(1000);
        auto oldContext = crypto::blind(mix->key().publicKey(), people[4].bordereau);
        auto oldBlind = mix->key().signBlinded(oldContext->blinded());
        auto oldSig = crypto::unblind(mix->key().publicKey(), *oldContext, *oldBlind);
        QVERIFY(!next->registerOutput(people[4].address, people[4].outputScript, people[4].bordereau, *oldSig));
        // Outputs never outnumber the inputs still in the mix.
        for (const Participant &p : again)
            QVERIFY(registerOutput(*next, p));
        Participant extra = participant(9, true);
        QVERIFY(!registerOutput(*next, extra));
        QCOMPARE(next->receiveAddresses().size(), next->nbInputs());
    }

    void confirmDeadline()
    {
        auto mix = newMix(); // confirm deadline 2500 ms, tick 1000 ms
        Participant slow = participant(1, false);
        Participant quick = participant(2, false);
        mix->addConfirming(slow.input, 0);
        mix->addConfirming(quick.input, 1000);
        QVERIFY(mix->takeExpiredInvitations(2499).isEmpty());
        auto tick = mix->onDeadline(2500);
        QCOMPARE(tick.expired.size(), 1);
        QCOMPARE(tick.expired.first().sessionId, slow.input.sessionId);
        QVERIFY(!mix->isConfirming(slow.input.sessionId));
        QVERIFY(mix->isConfirming(quick.input.sessionId));
        QCOMPARE(mix->invitationsWanted(false), 3); // its slot is free again
        // A late answer finds no invitation.
        QCOMPARE(int(mix->confirmInput(slow.input.sessionId, {}).verdict), int(Mix::ConfirmVerdict::NotInvited));
        // Answering resets the count of missed invitations.
        RegisteredInput missed = participant(3, false).input;
        missed.missedConfirms = 1;
        mix->addConfirming(missed, 3000);
        const auto r = mix->confirmInput(missed.sessionId, QStringLiteral("wallet-3"));
        QCOMPARE(int(r.verdict), int(Mix::ConfirmVerdict::Accept));
        QCOMPARE(mix->inputs().last().input.missedConfirms, 0);
    }

    void neverInvitesWhatItMustRefuse()
    {
        auto mix = newMix();
        QList<Participant> one{participant(1, false)};
        join(*mix, one); // userHash "hash-session-1"
        // Another input of the same wallet confirms: refused, and not invited again in this mix.
        Participant sameWallet = participant(2, false);
        mix->addConfirming(sameWallet.input, 0);
        const auto r = mix->confirmInput(sameWallet.input.sessionId, QStringLiteral("hash-session-1"));
        QCOMPARE(int(r.verdict), int(Mix::ConfirmVerdict::Requeue));
        QVERIFY(r.reason.contains(QStringLiteral("same wallet")));
        QVERIFY(!mix->acceptsInvitation(*r.input));
        QVERIFY(mix->acceptsInvitation(participant(3, false).input));

        // The last mustMix slot goes only to an input that brings the fee the mix still needs,
        // counting the mustMix invitations in flight.
        PoolConfig pool = testPool();
        pool.anonymitySet = 3;
        pool.minLiquidity = 0;
        pool.minMustMix = 3;
        pool.minRelayFee = 1500;
        auto fee = newMix(pool);
        fee->addConfirming(participant(4, false, 500).input, 0);
        fee->addConfirming(participant(5, false, 500).input, 0);
        QVERIFY(!fee->acceptsInvitation(participant(6, false, 400).input));
        QVERIFY(fee->acceptsInvitation(participant(7, false, 500).input));
    }

    /// A queue with two inputs of one wallet and enough inputs of others always fills the
    /// mix, whatever the random picks (before, the pool kept re-inviting the refused one and
    /// stalled for tens of seconds).
    void mixFormationWithTwoInputsOfOneWallet()
    {
        for (std::uint64_t seed = 0; seed < 40; ++seed) {
            std::uint64_t state = seed * 2654435761u + 1;
            InputQueue queue([&](std::uint64_t bound) {
                state = state * 6364136223846793005ULL + 1442695040888963407ULL;
                return (state >> 33) % bound;
            });
            PoolConfig pool = testPool();
            pool.minLiquidity = 0;
            pool.minMustMix = 1;
            auto mix = newMix(pool);
            QHash<QString, QString> walletOf; // session -> wallet
            for (int i = 1; i <= 6; ++i) {
                Participant p = participant(i, true);
                queue.add(p.input);
                walletOf.insert(p.input.sessionId, i <= 2 ? QStringLiteral("wallet-A") : QStringLiteral("wallet-%1").arg(i));
            }
            Participant must = participant(7, false, 600); // pays the mix's miner fee alone
            queue.add(must.input);
            walletOf.insert(must.input.sessionId, QStringLiteral("wallet-7"));
            int ticks = 0;
            for (; ticks < 10 && mix->nbInputs() < pool.anonymitySet; ++ticks) {
                const qint64 t = 1000LL * ticks;
                for (const bool liquidity : {true, false}) {
                    for (int wanted = mix->invitationsWanted(liquidity); wanted > 0; --wanted) {
                        auto input = queue.takeRandom(liquidity, [&](const RegisteredInput &i) { return mix->acceptsInvitation(i); }, t);
                        if (!input)
                            break;
                        mix->addConfirming(*input, t);
                    }
                }
                // Every invited client answers with its wallet's userHash.
                for (auto it = walletOf.begin(); it != walletOf.end(); ++it) {
                    if (!mix->isConfirming(it.key()))
                        continue;
                    const auto r = mix->confirmInput(it.key(), it.value());
                    if (r.verdict == Mix::ConfirmVerdict::Requeue)
                        queue.requeue(*r.input);
                    else
                        mix->confirmationSent(it.key());
                }
            }
            QVERIFY2(mix->nbInputs() == pool.anonymitySet, qPrintable(QStringLiteral("seed %1: %2 inputs").arg(seed).arg(mix->nbInputs())));
            // Tick 1: the mustMix; tick 2: four liquidities (maybe both of wallet A); tick 3: the last slot.
            QVERIFY2(ticks <= 3, qPrintable(QStringLiteral("seed %1 took %2 ticks").arg(seed).arg(ticks)));
        }
    }

    void coordinatorFailureBlamesNobody()
    {
        auto mix = newMix();
        fullMix(*mix);
        mix->startRegisterOutput(1000);
        mix->failMix(FailReason::Coordinator, QStringLiteral("draining"), 1100);
        QCOMPARE(mix->failReason(), FailReason::Coordinator);
        QCOMPARE(mix->onDeadline(999999).blames.size(), 0);
    }

    void inputQueue()
    {
        std::uint64_t next = 0;
        InputQueue queue([&](std::uint64_t bound) { return next++ % bound; });
        Participant a = participant(1, false);
        Participant b = participant(2, true);
        QCOMPARE(queue.add(a.input), InputQueue::AddResult::Added);
        QCOMPARE(queue.add(a.input), InputQueue::AddResult::AlreadyQueued);
        RegisteredInput second = b.input;
        second.sessionId = a.input.sessionId;
        QCOMPARE(queue.add(second), InputQueue::AddResult::SessionHasAnotherInput);
        QCOMPARE(queue.add(b.input), InputQueue::AddResult::Added);
        QCOMPARE(queue.count(false), 1);
        QCOMPARE(queue.count(true), 1);
        // A reconnected client re-registers its outpoint from a new session: the new session owns it.
        RegisteredInput moved = a.input;
        moved.sessionId = QStringLiteral("new-session");
        QCOMPARE(queue.add(moved), InputQueue::AddResult::Added);
        QVERIFY(!queue.containsSession(a.input.sessionId));
        QVERIFY(queue.containsSession(QStringLiteral("new-session")));
        QCOMPARE(queue.size(), 2);

        QVERIFY(!queue.takeRandom(true, [](const RegisteredInput &) { return false; }, 0));
        const auto taken = queue.takeRandom(true, [](const RegisteredInput &) { return true; }, 0);
        QVERIFY(taken && taken->outpoint == b.input.outpoint);
        QCOMPARE(queue.size(), 1);
        QVERIFY(queue.removeSession(QStringLiteral("new-session")));
        QCOMPARE(queue.size(), 0);
    }

    void inputQueueRanks()
    {
        InputQueue queue([](std::uint64_t bound) { return bound - 1; }); // always the last candidate
        RegisteredInput punctual = participant(1, true).input;
        RegisteredInput missed = participant(2, true).input;
        missed.missedConfirms = 1;
        RegisteredInput innocent = participant(3, true).input;
        queue.add(punctual);
        queue.add(missed);
        queue.add(innocent);
        auto all = [](const RegisteredInput &) { return true; };
        // The innocent input of a failed mix first (by outpoint, whatever session registers it), while its priority lasts.
        queue.prioritise({innocent.outpoint}, 5000);
        QCOMPARE(queue.takeRandom(true, all, 1000)->outpoint, innocent.outpoint);
        // Then inputs that answer their invitations, then the one that let one expire.
        QCOMPARE(queue.takeRandom(true, all, 1000)->outpoint, punctual.outpoint);
        QCOMPARE(queue.takeRandom(true, all, 1000)->outpoint, missed.outpoint);
        // Priority ends.
        queue.add(punctual);
        queue.add(innocent);
        queue.prioritise({punctual.outpoint}, 5000);
        QCOMPARE(queue.takeRandom(true, all, 6000)->outpoint, innocent.outpoint);
    }

    void banPolicy()
    {
        BanPolicy policy; // 8 blames in 2 h -> 12 h, then x2
        QVERIFY(!policy.banFor(7, std::nullopt));
        QCOMPARE(*policy.banFor(8, std::nullopt), 43200);
        QCOMPARE(*policy.banFor(8, 43200), 86400);
        QCOMPARE(*policy.banFor(9, policy.maxBanDurationS), policy.maxBanDurationS);
        BanPolicy strict{1};
        QCOMPARE(*strict.banFor(1, std::nullopt), 43200);
    }
};

QTEST_GUILESS_MAIN(TestMix)
#include "tst_mix.moc"
