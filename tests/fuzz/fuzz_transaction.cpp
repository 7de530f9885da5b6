// Fuzz target: bitcoin transaction and block deserialization (common/bitcoin/
// transaction.h, block.h), legacy and BIP144 witness forms. Transactions come from
// peers (Tx0 push, the mix transaction the coordinator sends for signing) and
// blocks from the node.
// Invariants: never crashes; deserialize() accepts only the exact serialization of
// what it returns (serialize() gives back the input bytes); deserializePrefix()
// agrees with it and reports the size consumed; hashes and sizes are consistent.

#include "fuzzcheck.h"

#include <bitcoin/block.h>
#include <bitcoin/transaction.h>

using namespace wp;
using namespace wp::btc;

namespace {

void checkTransaction(const Transaction &tx)
{
    const QByteArray full = tx.serialize(true);
    const QByteArray stripped = tx.serialize(false);
    WP_FUZZ_CHECK(tx.weight() == 3 * stripped.size() + full.size());
    WP_FUZZ_CHECK(tx.hasWitness() == (full != stripped));
    if (!tx.hasWitness())
        WP_FUZZ_CHECK(tx.txid().bytes() == tx.wtxid().bytes());
    const auto again = Transaction::deserialize(stripped);
    WP_FUZZ_CHECK(again.has_value());
    WP_FUZZ_CHECK(again->txid() == tx.txid());
    (void)tx.totalOutput();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    const auto tx = Transaction::deserialize(input);
    qsizetype consumed = -1;
    const auto prefix = Transaction::deserializePrefix(input, &consumed);
    if (tx) {
        WP_FUZZ_CHECK(tx->serialize() == input);
        WP_FUZZ_CHECK(prefix.has_value() && *prefix == *tx && consumed == input.size());
        checkTransaction(*tx);
    }
    if (prefix) {
        WP_FUZZ_CHECK(consumed > 0 && consumed <= input.size());
        WP_FUZZ_CHECK(prefix->serialize() == input.first(consumed));
        const auto exact = Transaction::deserialize(input.first(consumed));
        WP_FUZZ_CHECK(exact.has_value() && *exact == *prefix);
    }

    if (const auto header = BlockHeader::deserialize(input.first(qMin<qsizetype>(input.size(), BlockHeader::kSize)))) {
        WP_FUZZ_CHECK(header->serialize() == input.first(BlockHeader::kSize));
    }
    if (const auto block = Block::deserialize(input)) {
        WP_FUZZ_CHECK(block->serialize() == input);
        WP_FUZZ_CHECK(!block->transactions.isEmpty());
        const QList<Txid> txids = block->txids();
        (void)block->checkMerkleRoot(&txids);
        WP_FUZZ_CHECK(block->weight() == 3 * block->strippedSize() + block->size());
        for (const Transaction &t : block->transactions)
            checkTransaction(t);
    }
    return 0;
}
