// Fuzz target: the classic Whirlpool JSON messages (common/protocol/messages.h),
// both directions: client -> server STOMP bodies and REST requests (read by the
// coordinator) and server -> client replies (read by the client). The first input
// byte picks the message type, the rest is the JSON body.
// Invariants: never crashes; errors are Result errors (code 601); a message that
// parses serializes (toJson) to a body that parses to the same message; every
// number the input gave for a field the message keeps is the number it keeps
// (no silent narrowing: an errorCode of 2^32 + 630 is not 630).

#include "fuzzcheck.h"

#include <protocol/messages.h>

#include <QJsonArray>
#include <QJsonDocument>

using namespace wp::proto;

namespace {

/// Every number of @p input (recursively, by key) must equal the one in @p kept
/// wherever @p kept has that key with a number.
void checkNumbersKept(const QJsonObject &input, const QJsonObject &kept)
{
    for (auto it = kept.begin(); it != kept.end(); ++it) {
        const QJsonValue in = input.value(it.key());
        if (it.value().isDouble() && in.isDouble())
            WP_FUZZ_CHECK(in.toDouble() == it.value().toDouble());
        if (it.value().isObject() && in.isObject())
            checkNumbersKept(in.toObject(), it.value().toObject());
        if (it.value().isArray() && in.isArray()) {
            const QJsonArray a = in.toArray();
            const QJsonArray b = it.value().toArray();
            for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i)
                if (a.at(i).isObject() && b.at(i).isObject())
                    checkNumbersKept(a.at(i).toObject(), b.at(i).toObject());
        }
    }
}

template <typename T>
void check(const QByteArray &json)
{
    const auto parsed = T::fromJson(json);
    if (!parsed) {
        WP_FUZZ_CHECK(parsed.error().code == error::kInvalidArgument);
        return;
    }
    const QJsonObject first = parsed->toJson();
    const QByteArray wire = toJsonBytes(first);
    const auto again = T::fromJson(wire);
    WP_FUZZ_CHECK(again.has_value());
    WP_FUZZ_CHECK(again->toJson() == first);
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    WP_FUZZ_CHECK(doc.isObject());
    checkNumbersKept(doc.object(), first);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray json = wp::fuzz::bytes(data + 1, size - 1);
    switch (data[0] % 20) {
    case 0: check<RegisterInputRequest>(json); break;
    case 1: check<ConfirmInputRequest>(json); break;
    case 2: check<RevealOutputRequest>(json); break;
    case 3: check<SigningRequest>(json); break;
    case 4: check<SubscribePoolResponse>(json); break;
    case 5: check<ConfirmInputMixStatusNotification>(json); break;
    case 6: check<ConfirmInputResponse>(json); break;
    case 7: check<RegisterOutputMixStatusNotification>(json); break;
    case 8: check<SigningMixStatusNotification>(json); break;
    case 9: check<MixStatusNotification>(json); break;
    case 10: check<ErrorResponse>(json); break;
    case 11: check<RedirectResponse>(json); break;
    case 12: check<RegisterOutputRequest>(json); break;
    case 13: check<CheckOutputRequest>(json); break;
    case 14: check<PoolsResponse>(json); break;
    case 15: check<Tx0DataRequest>(json); break;
    case 16: check<Tx0DataResponse>(json); break;
    case 17: check<Tx0PushRequest>(json); break;
    case 18: {
        // REST error bodies and messageType / status names.
        const QString message = restErrorMessage(json);
        const QByteArray body = restErrorBody(message);
        WP_FUZZ_CHECK(restErrorMessage(body) == message);
        const QString text = QString::fromUtf8(json);
        (void)messageTypeShortName(text);
        if (const auto status = mixStatusFromName(text))
            WP_FUZZ_CHECK(mixStatusName(*status) == text);
        break;
    }
    default: {
        // The client reads /private/reply bodies by their messageType header: any body
        // must be refused or accepted cleanly by every server -> client parser.
        check<SubscribePoolResponse>(json);
        check<ConfirmInputMixStatusNotification>(json);
        check<ConfirmInputResponse>(json);
        check<RegisterOutputMixStatusNotification>(json);
        check<SigningMixStatusNotification>(json);
        check<MixStatusNotification>(json);
        check<ErrorResponse>(json);
        check<RedirectResponse>(json);
        break;
    }
    }
    return 0;
}
