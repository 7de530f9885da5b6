// SpendBuilder without a node: amounts, fee and change (kept, or given to the
// miners below the dust limit, at the exact boundary), "everything" mode, every
// destination type, BIP69 order, anti fee sniping lock time, RBF sequences,
// signatures checked, the vsize estimate against the signed serialization, and
// every error with its code.

#include <wallet/spendbuilder.h>

#include <bitcoin/address.h>
#include <bitcoin/bip69.h>
#include <bitcoin/sighash.h>
#include <crypto/hash.h>

#include <QTest>

using namespace wp;
using namespace wp::client;
using btc::AddressChain;

namespace {

constexpr char kMnemonic[] = "legal winner thank year wave sausage worth useful legal winner thank yellow";
constexpr int kHeight = 812'345;

const btc::NetworkParams &regtest()
{
    return btc::networkParams(btc::Network::Regtest);
}

QString addressOf(const btc::Script &script, btc::Network network = btc::Network::Regtest)
{
    return *btc::scriptToAddress(script, btc::networkParams(network));
}

btc::Hash160 hash160(char fill)
{
    return *btc::Hash160::fromBytes(QByteArray(20, fill));
}

/// A destination of each standard type on regtest.
QString destination(btc::AddressType type)
{
    switch (type) {
    case btc::AddressType::P2wpkh:
        return addressOf(btc::Script::p2wpkh(hash160('\x11')));
    case btc::AddressType::P2wsh:
        return addressOf(btc::Script::p2wsh(*btc::Sha256Hash::fromBytes(QByteArray(32, '\x22'))));
    case btc::AddressType::P2tr:
        return addressOf(*btc::Script::fromWitnessProgram(1, QByteArray(32, '\x33')));
    case btc::AddressType::P2pkh:
        return addressOf(btc::Script::p2pkh(hash160('\x44')));
    case btc::AddressType::P2sh:
        return addressOf(btc::Script::p2sh(hash160('\x55')));
    case btc::AddressType::WitnessUnknown:
        return addressOf(*btc::Script::fromWitnessProgram(2, QByteArray(32, '\x66')));
    }
    return {};
}

int code(SpendError e)
{
    return int(e);
}

} // namespace

class TestSpendBuilder : public QObject {
    Q_OBJECT

    std::shared_ptr<const WalletKeys> m_keys;

    std::shared_ptr<AddressBook> newBook() const { return std::make_shared<AddressBook>(m_keys); }

    /// A postmix (or other account's) coin of @p value at receive index @p index, outpoint from @p seed.
    Utxo coin(btc::Amount value, int seed, WalletAccount account = WalletAccount::Postmix, std::uint32_t index = 0) const
    {
        Utxo u;
        u.outpoint = btc::OutPoint{*btc::Txid::fromBytes(crypto::sha256(QByteArray::number(seed))), std::uint32_t(seed % 7)};
        u.value = value;
        u.path = KeyPath{account, AddressChain::Receive, index};
        u.script = *m_keys->script(u.path);
        u.confirmations = 3;
        u.blockHeight = kHeight - 2;
        return u;
    }
    QList<Utxo> coins(const QList<btc::Amount> &values) const
    {
        QList<Utxo> out;
        for (int i = 0; i < values.size(); ++i)
            out.append(coin(values[i], 100 + i, WalletAccount::Postmix, std::uint32_t(2 * i)));
        return out;
    }
    SpendRequest request(QList<Utxo> c, btc::Amount amount, btc::Amount feeRate = 5) const
    {
        SpendRequest r;
        r.coins = std::move(c);
        r.address = destination(btc::AddressType::P2wpkh);
        r.amount = amount;
        r.feeRate = feeRate;
        r.currentHeight = kHeight;
        return r;
    }

    /// Checks what every built spend must satisfy.
    void checkSpend(const SpendRequest &r, const SpendTx &s)
    {
        const btc::Transaction &tx = s.tx;
        QCOMPARE(tx.version, 2u);
        QCOMPARE(tx.lockTime, std::uint32_t(r.currentHeight));
        QVERIFY(btc::isBip69Sorted(tx));
        QCOMPARE(tx.inputs.size(), r.coins.size());
        for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
            QCOMPARE(tx.inputs[i].sequence, SpendBuilder::kSequenceRbf);
            QVERIFY(tx.inputs[i].scriptSig.isEmpty());
            const auto u = std::find_if(r.coins.begin(), r.coins.end(),
                                        [&](const Utxo &x) { return x.outpoint == tx.inputs[i].prevout; });
            QVERIFY(u != r.coins.end());
            QVERIFY(btc::verifyP2wpkhInput(tx, i, u->value, u->script));
        }
        // Values add up: fee = inputs - outputs, as previewed.
        QCOMPARE(*tx.totalOutput() + s.preview.fee, totalValue(r.coins));
        QCOMPARE(tx.outputs[s.recipientOutput].value, s.preview.amount);
        QCOMPARE(tx.outputs[s.recipientOutput].scriptPubKey, *btc::addressToScript(s.preview.address, regtest()));
        QCOMPARE(tx.outputs.size(), s.changeOutput >= 0 ? 2 : 1);
        for (const btc::TxOut &o : tx.outputs)
            QVERIFY(o.value >= SpendBuilder::kDustLimit);
        // vsize: the estimate is an upper bound, at most 2 bytes of signature per input above.
        const qint64 actual = tx.vsize();
        const qint64 n = tx.inputs.size();
        QVERIFY2(actual <= s.preview.vsize && s.preview.vsize - actual <= (2 * n + 3) / 4 + 1,
                 qPrintable(QStringLiteral("estimate %1, actual %2").arg(s.preview.vsize).arg(actual)));
        // The rate paid is at least the rate asked.
        QVERIFY(s.preview.fee >= actual * r.feeRate);
        // The round trip through the wire form keeps everything.
        QCOMPARE(*btc::Transaction::deserialize(tx.serialize()), tx);
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto keys = WalletKeys::fromMnemonic(QString::fromLatin1(kMnemonic), {}, btc::Network::Regtest);
        QVERIFY(keys);
        m_keys = std::make_shared<const WalletKeys>(std::move(*keys));
    }

    void amountWithChange()
    {
        auto book = newBook();
        const SpendRequest r = request(coins({1'000'000, 2'000'000}), 1'500'000, 7);
        auto preview = SpendBuilder::preview(r, *book);
        QVERIFY2(preview, preview ? "" : qPrintable(preview.error().message));
        // 2 P2WPKH inputs, P2WPKH payment + change: 10 + 2*41 + 2*31 = 154 bytes + 218 WU witness = 209 vB.
        QCOMPARE(preview->vsize, 209);
        QCOMPARE(preview->fee, 209 * 7);
        QCOMPARE(preview->amount, 1'500'000);
        QCOMPARE(preview->change, 3'000'000 - 1'500'000 - 209 * 7);
        QCOMPARE(preview->changeAddedToFee, 0);
        QCOMPARE(preview->totalInputs, 3'000'000);
        QCOMPARE(preview->nbInputs, 2);
        QCOMPARE(preview->addressType, btc::AddressType::P2wpkh);
        QCOMPARE(preview->changePath, KeyPath({WalletAccount::Postmix, AddressChain::Change, 0}));
        // A preview reserves nothing.
        QCOMPARE(book->peekNext(WalletAccount::Postmix, AddressChain::Change).index, 0u);

        auto built = SpendBuilder::build(r, *book);
        QVERIFY2(built, built ? "" : qPrintable(built.error().message));
        QCOMPARE(built->preview, *preview);
        checkSpend(r, *built);
        QVERIFY(built->changeOutput >= 0);
        QCOMPARE(built->tx.outputs[built->changeOutput].value, preview->change);
        QCOMPARE(built->tx.outputs[built->changeOutput].scriptPubKey,
                 *m_keys->script({WalletAccount::Postmix, AddressChain::Change, 0}));
        // The change address is now reserved: the next spend uses index 1.
        QCOMPARE(book->peekNext(WalletAccount::Postmix, AddressChain::Change).index, 1u);
        auto again = SpendBuilder::build(r, *book);
        QVERIFY(again);
        QCOMPARE(again->preview.changePath->index, 1u);
    }

    void dustChangeGoesToTheFee()
    {
        auto book = newBook();
        const QList<Utxo> c = coins({100'000});
        // 1 input: alone 110 vB, with change 141 vB; at 2 sat/vB: 220 / 282.
        const btc::Amount feeAlone = 110 * 2, feeWithChange = 141 * 2;
        auto p = SpendBuilder::preview(request(c, 100'000 - feeWithChange - 546, 2), *book);
        QVERIFY(p);
        QCOMPARE(p->vsize, 141);
        QCOMPARE(p->change, 546); // exactly the dust limit: kept
        QCOMPARE(p->fee, feeWithChange);

        const SpendRequest r = request(c, 100'000 - feeWithChange - 545, 2);
        p = SpendBuilder::preview(r, *book);
        QVERIFY(p);
        QCOMPARE(p->change, 0); // one below: given to the miners
        QCOMPARE(p->vsize, 110);
        QCOMPARE(p->fee, 100'000 - r.amount);
        QCOMPARE(p->changeAddedToFee, p->fee - feeAlone);
        QCOMPARE(p->changeAddedToFee, 545 + feeWithChange - feeAlone);
        QVERIFY(!p->changePath);
        auto built = SpendBuilder::build(r, *book);
        QVERIFY(built);
        checkSpend(r, *built);
        QCOMPARE(built->changeOutput, -1);
        QCOMPARE(book->peekNext(WalletAccount::Postmix, AddressChain::Change).index, 0u); // nothing reserved

        // Exactly the amount plus the fee without change: no change, no extra fee.
        p = SpendBuilder::preview(request(c, 100'000 - feeAlone, 2), *book);
        QVERIFY(p);
        QCOMPARE(p->fee, feeAlone);
        QCOMPARE(p->changeAddedToFee, 0);
        // One sat more is too much.
        p = SpendBuilder::preview(request(c, 100'000 - feeAlone + 1, 2), *book);
        QVERIFY(!p);
        QCOMPARE(p.error().code, code(SpendError::InsufficientFunds));
    }

    void everything()
    {
        auto book = newBook();
        SpendRequest r = request(coins({50'000, 60'000, 70'000}), 0, 3);
        r.sendAll = true;
        r.amount = 123; // ignored
        auto built = SpendBuilder::build(r, *book);
        QVERIFY2(built, built ? "" : qPrintable(built.error().message));
        checkSpend(r, *built);
        QCOMPARE(built->tx.outputs.size(), 1);
        QCOMPARE(built->changeOutput, -1);
        QCOMPARE(built->preview.amount, 180'000 - built->preview.fee);
        QCOMPARE(built->preview.fee, built->preview.vsize * 3);
        QCOMPARE(built->preview.change, 0);

        // Coins too small to leave a non-dust output after the fee.
        r.coins = coins({600});
        auto p = SpendBuilder::preview(r, *book);
        QVERIFY(!p);
        QCOMPARE(p.error().code, code(SpendError::InsufficientFunds));
        QVERIFY2(p.error().message.contains(QStringLiteral("below the dust limit")), qPrintable(p.error().message));
    }

    void everyDestinationType_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<qsizetype>("scriptSize");
        QTest::newRow("p2wpkh") << int(btc::AddressType::P2wpkh) << qsizetype(22);
        QTest::newRow("p2wsh") << int(btc::AddressType::P2wsh) << qsizetype(34);
        QTest::newRow("p2tr") << int(btc::AddressType::P2tr) << qsizetype(34);
        QTest::newRow("p2pkh") << int(btc::AddressType::P2pkh) << qsizetype(25);
        QTest::newRow("p2sh") << int(btc::AddressType::P2sh) << qsizetype(23);
    }
    void everyDestinationType()
    {
        QFETCH(int, type);
        QFETCH(qsizetype, scriptSize);
        auto book = newBook();
        for (const bool sendAll : {false, true}) {
            SpendRequest r = request(coins({300'000, 400'000}), 250'000, 11);
            r.address = destination(btc::AddressType(type));
            r.sendAll = sendAll;
            auto built = SpendBuilder::build(r, *book);
            QVERIFY2(built, built ? "" : qPrintable(built.error().message));
            QCOMPARE(int(built->preview.addressType), type);
            QCOMPARE(built->tx.outputs[built->recipientOutput].scriptPubKey.size(), scriptSize);
            checkSpend(r, *built);
        }
        // Upper case bech32 and surrounding spaces are accepted too.
        SpendRequest r = request(coins({300'000}), 250'000, 11);
        const QString address = destination(btc::AddressType(type));
        r.address = QStringLiteral("  %1\n").arg(address.startsWith(QStringLiteral("bcrt")) ? address.toUpper() : address);
        auto p = SpendBuilder::preview(r, *book);
        QVERIFY2(p, p ? "" : qPrintable(p.error().message));
        QCOMPARE(p->address, address);
    }

    void vsizeEstimateAgainstTheSignedTransaction_data()
    {
        QTest::addColumn<int>("nbInputs");
        QTest::addColumn<bool>("sendAll");
        for (int n : {1, 2, 3, 5, 8, 13, 40, 120, 300})
            for (bool all : {false, true})
                QTest::addRow("%d inputs%s", n, all ? " everything" : "") << n << all;
    }
    void vsizeEstimateAgainstTheSignedTransaction()
    {
        QFETCH(int, nbInputs);
        QFETCH(bool, sendAll);
        QList<btc::Amount> values;
        for (int i = 0; i < nbInputs; ++i)
            values.append(1'000'000 + 1'000 * i);
        auto book = newBook();
        SpendRequest r = request(coins(values), 500'000, 1);
        r.sendAll = sendAll;
        auto built = SpendBuilder::build(r, *book);
        QVERIFY2(built, built ? "" : qPrintable(built.error().message));
        checkSpend(r, *built);
        qint64 sigBytes = 0;
        for (const btc::TxIn &in : built->tx.inputs)
            sigBytes += in.witness[0].size();
        // The estimate counts 72 bytes per signature (DER + hash type): exactly the difference in WU.
        const qint64 estimatedWeight = built->preview.vsize * 4;
        QVERIFY(estimatedWeight - built->tx.weight() >= 72 * nbInputs - sigBytes);
        QVERIFY(estimatedWeight - built->tx.weight() <= 72 * nbInputs - sigBytes + 3);
    }

    void errors()
    {
        auto book = newBook();
        const QList<Utxo> good = coins({100'000, 200'000});
        auto expect = [&](const SpendRequest &r, SpendError e, const QString &words) {
            auto p = SpendBuilder::preview(r, *book);
            if (p) {
                qWarning("expected error %d, got a preview", int(e));
                return false;
            }
            if (p.error().code != code(e) || !p.error().message.contains(words)) {
                qWarning("expected error %d '%s', got %d: %s", int(e), qPrintable(words), p.error().code,
                         qPrintable(p.error().message));
                return false;
            }
            // build() refuses the same way, and reserves nothing.
            auto b = SpendBuilder::build(r, *book);
            return !b && b.error().code == code(e)
                   && book->peekNext(WalletAccount::Postmix, AddressChain::Change).index == 0;
        };

        QVERIFY(expect(request({}, 1000), SpendError::NoCoins, QStringLiteral("no coin")));
        QVERIFY(expect(request({good[0], good[0]}, 1000), SpendError::BadCoin, QStringLiteral("chosen twice")));
        QVERIFY(expect(request({good[0], coin(50'000, 7, WalletAccount::Premix)}, 1000), SpendError::BadCoin,
                       QStringLiteral("belongs to the premix account, not postmix")));
        Utxo notSegwit = good[0];
        notSegwit.script = btc::Script::p2pkh(hash160('\x01'));
        QVERIFY(expect(request({notSegwit}, 1000), SpendError::BadCoin, QStringLiteral("not P2WPKH")));
        Utxo zero = good[0];
        zero.value = 0;
        QVERIFY(expect(request({zero}, 1000), SpendError::BadCoin, QStringLiteral("invalid value")));
        Utxo immature = good[0];
        immature.coinbase = true;
        immature.confirmations = 99;
        QVERIFY(expect(request({immature}, 1000), SpendError::ImmatureCoinbase, QStringLiteral("99 confirmation")));

        SpendRequest r = request(good, 1000);
        r.address = QStringLiteral("bcrt1qnotanaddress");
        QVERIFY(expect(r, SpendError::InvalidAddress, QStringLiteral("not a valid address")));
        r.address = QString();
        QVERIFY(expect(r, SpendError::InvalidAddress, QStringLiteral("no destination")));
        r.address = destination(btc::AddressType::WitnessUnknown);
        QVERIFY(expect(r, SpendError::InvalidAddress, QStringLiteral("future segwit version")));
        r.address = addressOf(btc::Script::p2wpkh(hash160('\x11')), btc::Network::Main);
        QVERIFY(expect(r, SpendError::WrongNetwork, QStringLiteral("is a mainnet address; this wallet is on regtest")));
        r.address = addressOf(btc::Script::p2pkh(hash160('\x11')), btc::Network::Main);
        QVERIFY(expect(r, SpendError::WrongNetwork, QStringLiteral("mainnet")));
        r.address = addressOf(btc::Script::p2wpkh(hash160('\x11')), btc::Network::Test);
        QVERIFY(expect(r, SpendError::WrongNetwork, QStringLiteral("is a testnet address")));

        QVERIFY(expect(request(good, 0), SpendError::BadAmount, QStringLiteral("between 1 sat")));
        QVERIFY(expect(request(good, -5), SpendError::BadAmount, QStringLiteral("between 1 sat")));
        QVERIFY(expect(request(good, btc::kMaxMoney + 1), SpendError::BadAmount, QStringLiteral("21 million")));
        QVERIFY(expect(request(good, 545), SpendError::DustOutput, QStringLiteral("below the dust limit of 546")));
        QVERIFY(SpendBuilder::preview(request(good, 546), *book));

        QVERIFY(expect(request(good, 1000, 0), SpendError::BadFeeRate, QStringLiteral("outside [1, 1000]")));
        QVERIFY(expect(request(good, 1000, 1001), SpendError::BadFeeRate, QStringLiteral("1001 sat/vB")));
        QVERIFY(SpendBuilder::preview(request(good, 1000, 1), *book));
        QVERIFY(SpendBuilder::preview(request(good, 1000, 1000), *book));

        r = request(good, 1000);
        r.currentHeight = -1;
        QVERIFY(expect(r, SpendError::BadHeight, QStringLiteral("out of range")));
        r.currentHeight = 500'000'000;
        QVERIFY(expect(r, SpendError::BadHeight, QStringLiteral("out of range")));
        r.currentHeight = 0; // allowed: lock time 0
        QVERIFY(SpendBuilder::preview(r, *book));

        QVERIFY(expect(request(good, 300'000), SpendError::InsufficientFunds, QStringLiteral("the coins hold 300000 sat")));

        // Above the standard weight: about 1470 P2WPKH inputs.
        QList<Utxo> many;
        for (int i = 0; i < 1500; ++i)
            many.append(coin(10'000, 1000 + i));
        QVERIFY(expect(request(many, 1'000'000, 1), SpendError::TooLarge, QStringLiteral("above the standard limit")));

        // A coin whose script is not its path's key: only build() can tell.
        Utxo foreign = good[0];
        foreign.script = btc::Script::p2wpkh(hash160('\x09'));
        const SpendRequest bad = request({foreign}, 50'000);
        QVERIFY(SpendBuilder::preview(bad, *book));
        auto built = SpendBuilder::build(bad, *book);
        QVERIFY(!built);
        QCOMPARE(built.error().code, code(SpendError::BadCoin));
        QVERIFY(built.error().message.contains(QStringLiteral("not paid to the wallet key")));
    }

    void otherAccountsSpendToTheirOwnChangeChain()
    {
        auto book = newBook();
        SpendRequest r = request({coin(1'000'000, 5, WalletAccount::Deposit, 3)}, 400'000);
        r.account = WalletAccount::Deposit;
        auto built = SpendBuilder::build(r, *book);
        QVERIFY(built);
        checkSpend(r, *built);
        QCOMPARE(built->preview.changePath, KeyPath({WalletAccount::Deposit, AddressChain::Change, 0}));
        QCOMPARE(book->peekNext(WalletAccount::Postmix, AddressChain::Change).index, 0u);
    }
};

QTEST_GUILESS_MAIN(TestSpendBuilder)
#include "tst_spendbuilder.moc"
