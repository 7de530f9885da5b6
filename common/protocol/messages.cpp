#include <protocol/messages.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <array>
#include <cmath>
#include <limits>

namespace wp::proto {

namespace {

/// Strict field extraction from an untrusted JSON object: the first problem
/// is kept and reported; later reads become no-ops.
class FieldReader {
public:
    explicit FieldReader(QByteArrayView json)
    {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
        if (doc.isNull())
            m_error = QStringLiteral("malformed JSON: %1").arg(parseError.errorString());
        else if (!doc.isObject())
            m_error = QStringLiteral("JSON body must be an object");
        else
            m_object = doc.object();
    }

    explicit FieldReader(QJsonObject object) : m_object(std::move(object)) {}

    QJsonArray array(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isArray())
            return setError(key, "an array"), QJsonArray();
        return v.toArray();
    }

    QString string(const char *key, bool nullable = false)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (nullable && (v.isNull() || v.isUndefined()))
            return {};
        if (!v.isString())
            return setError(key, "a string"), QString();
        return v.toString();
    }

    qint64 integer(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        const double d = v.toDouble();
        // JSON numbers are doubles; only integral values within ±2^53 are exact.
        if (!v.isDouble() || std::trunc(d) != d || std::fabs(d) > 9007199254740992.0)
            return setError(key, "an integer"), 0;
        return qint64(d);
    }

    /// integer() for an `int` field: a value outside the int range is an error,
    /// never silently wrapped (an errorCode of 2^32 + 630 is not 630).
    int integer32(const char *key)
    {
        const qint64 v = integer(key);
        if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
            return setError(key, "a 32-bit integer"), 0;
        return int(v);
    }

    bool boolean(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isBool())
            return setError(key, "a boolean"), false;
        return v.toBool();
    }

    QStringList stringArray(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isArray())
            return setError(key, "an array of strings"), QStringList();
        QStringList out;
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString())
                return setError(key, "an array of strings"), QStringList();
            out.append(item.toString());
        }
        return out;
    }

    bool has(const char *key) const { return m_object.contains(QLatin1String(key)); }

    template <typename T>
    Result<T> finish(T value) const
    {
        if (!m_error.isEmpty())
            return fail(error::kInvalidArgument, m_error);
        return value;
    }

private:
    void setError(const char *key, const char *what)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("field '%1' must be %2").arg(QLatin1String(key), QLatin1String(what));
    }

    QJsonObject m_object;
    QString m_error;
};

constexpr std::array<const char *, 6> kStatusNames = {"CONFIRM_INPUT", "REGISTER_OUTPUT", "REVEAL_OUTPUT",
                                                      "SIGNING", "SUCCESS", "FAIL"};

QJsonObject statusObject(MixStatus status, const QString &mixId)
{
    return {{QStringLiteral("status"), mixStatusName(status)}, {QStringLiteral("mixId"), mixId}};
}

/// Reads the status + mixId of a notification and checks the status is @p expected.
template <typename T>
Result<T> readNotification(FieldReader &r, MixStatus expected, T value)
{
    const QString status = r.string("status");
    value.mixId = r.string("mixId");
    auto result = r.finish(value);
    if (result && mixStatusFromName(status) != expected)
        return fail(error::kInvalidArgument, QStringLiteral("unexpected status '%1'").arg(status));
    return result;
}

/// Reads field @p key of a JSON body as a list of objects, each parsed by T::fromJson(QJsonObject).
template <typename T>
Result<QList<T>> readObjectList(QByteArrayView json, const char *key)
{
    FieldReader r(json);
    const QJsonArray array = r.array(key);
    auto checked = r.finish(QList<T>{});
    if (!checked)
        return checked;
    for (const QJsonValue &v : array) {
        if (!v.isObject())
            return fail(error::kInvalidArgument, QStringLiteral("field '%1' must hold objects").arg(QLatin1String(key)));
        auto item = T::fromJson(v.toObject());
        if (!item)
            return item.error();
        checked->append(*item);
    }
    return checked;
}

template <typename T>
QJsonArray toJsonArray(const QList<T> &items)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(item.toJson());
    return array;
}

} // namespace

QString mixStatusName(MixStatus status) { return QLatin1String(kStatusNames[size_t(status)]); }

std::optional<MixStatus> mixStatusFromName(QStringView name)
{
    for (size_t i = 0; i < kStatusNames.size(); ++i)
        if (name == QLatin1String(kStatusNames[i]))
            return MixStatus(i);
    return std::nullopt;
}

QString messageTypeShortName(QStringView messageType)
{
    return messageType.mid(messageType.lastIndexOf(u'.') + 1).toString();
}

QJsonObject RegisterInputRequest::toJson() const
{
    return {{QStringLiteral("poolId"), poolId},     {QStringLiteral("utxoHash"), utxoHash},
            {QStringLiteral("utxoIndex"), utxoIndex}, {QStringLiteral("signature"), signature},
            {QStringLiteral("liquidity"), liquidity}, {QStringLiteral("blockHeight"), blockHeight}};
}

Result<RegisterInputRequest> RegisterInputRequest::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    RegisterInputRequest m;
    m.poolId = r.string("poolId");
    m.utxoHash = r.string("utxoHash");
    m.utxoIndex = r.integer("utxoIndex");
    m.signature = r.string("signature");
    m.liquidity = r.boolean("liquidity");
    // blockHeight arrived with protocol 0.23.9; older clients omit it (0 = unknown).
    const qint64 height = r.has("blockHeight") ? r.integer("blockHeight") : 0;
    if (height < 0 || height > INT32_MAX)
        return fail(error::kInvalidArgument, QStringLiteral("field 'blockHeight' out of range"));
    m.blockHeight = int(height);
    return r.finish(m);
}

QJsonObject ConfirmInputRequest::toJson() const
{
    return {{QStringLiteral("mixId"), mixId},
            {QStringLiteral("blindedBordereau64"), blindedBordereau64},
            {QStringLiteral("userHash"), userHash}};
}

Result<ConfirmInputRequest> ConfirmInputRequest::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    ConfirmInputRequest m;
    m.mixId = r.string("mixId");
    m.blindedBordereau64 = r.string("blindedBordereau64");
    m.userHash = r.string("userHash", true);
    return r.finish(m);
}

QJsonObject RevealOutputRequest::toJson() const
{
    return {{QStringLiteral("mixId"), mixId}, {QStringLiteral("receiveAddress"), receiveAddress}};
}

Result<RevealOutputRequest> RevealOutputRequest::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    RevealOutputRequest m;
    m.mixId = r.string("mixId");
    m.receiveAddress = r.string("receiveAddress");
    return r.finish(m);
}

QJsonObject SigningRequest::toJson() const
{
    return {{QStringLiteral("mixId"), mixId}, {QStringLiteral("witnesses64"), QJsonArray::fromStringList(witnesses64)}};
}

Result<SigningRequest> SigningRequest::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    SigningRequest m;
    m.mixId = r.string("mixId");
    m.witnesses64 = r.stringArray("witnesses64");
    return r.finish(m);
}

QJsonObject SubscribePoolResponse::toJson() const
{
    return {{QStringLiteral("networkId"), networkId},
            {QStringLiteral("denomination"), denomination},
            {QStringLiteral("mustMixBalanceMin"), mustMixBalanceMin},
            {QStringLiteral("mustMixBalanceCap"), mustMixBalanceCap},
            {QStringLiteral("mustMixBalanceMax"), mustMixBalanceMax}};
}

Result<SubscribePoolResponse> SubscribePoolResponse::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    SubscribePoolResponse m;
    m.networkId = r.string("networkId");
    m.denomination = r.integer("denomination");
    m.mustMixBalanceMin = r.integer("mustMixBalanceMin");
    m.mustMixBalanceCap = r.integer("mustMixBalanceCap");
    m.mustMixBalanceMax = r.integer("mustMixBalanceMax");
    return r.finish(m);
}

QJsonObject ConfirmInputMixStatusNotification::toJson() const
{
    QJsonObject o = statusObject(MixStatus::ConfirmInput, mixId);
    o.insert(QStringLiteral("publicKey64"), publicKey64);
    return o;
}

Result<ConfirmInputMixStatusNotification> ConfirmInputMixStatusNotification::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    ConfirmInputMixStatusNotification m;
    m.publicKey64 = r.string("publicKey64");
    return readNotification(r, MixStatus::ConfirmInput, m);
}

QJsonObject ConfirmInputResponse::toJson() const
{
    return {{QStringLiteral("mixId"), mixId}, {QStringLiteral("signedBordereau64"), signedBordereau64}};
}

Result<ConfirmInputResponse> ConfirmInputResponse::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    ConfirmInputResponse m;
    m.mixId = r.string("mixId");
    m.signedBordereau64 = r.string("signedBordereau64");
    return r.finish(m);
}

QJsonObject RegisterOutputMixStatusNotification::toJson() const
{
    QJsonObject o = statusObject(MixStatus::RegisterOutput, mixId);
    o.insert(QStringLiteral("inputsHash"), inputsHash);
    return o;
}

Result<RegisterOutputMixStatusNotification> RegisterOutputMixStatusNotification::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    RegisterOutputMixStatusNotification m;
    m.inputsHash = r.string("inputsHash");
    return readNotification(r, MixStatus::RegisterOutput, m);
}

QJsonObject SigningMixStatusNotification::toJson() const
{
    QJsonObject o = statusObject(MixStatus::Signing, mixId);
    o.insert(QStringLiteral("transaction64"), transaction64);
    return o;
}

Result<SigningMixStatusNotification> SigningMixStatusNotification::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    SigningMixStatusNotification m;
    m.transaction64 = r.string("transaction64");
    return readNotification(r, MixStatus::Signing, m);
}

QJsonObject MixStatusNotification::toJson() const { return statusObject(status, mixId); }

Result<MixStatusNotification> MixStatusNotification::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    MixStatusNotification m;
    const QString status = r.string("status");
    m.mixId = r.string("mixId");
    auto result = r.finish(m);
    if (!result)
        return result;
    const auto parsed = mixStatusFromName(status);
    if (!parsed)
        return fail(error::kInvalidArgument, QStringLiteral("unknown mix status '%1'").arg(status));
    result->status = *parsed;
    return result;
}

QJsonObject ErrorResponse::toJson() const
{
    return {{QStringLiteral("mixId"), QJsonValue::Null},
            {QStringLiteral("errorCode"), errorCode},
            {QStringLiteral("message"), message}};
}

Result<ErrorResponse> ErrorResponse::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    ErrorResponse m;
    m.errorCode = r.integer32("errorCode");
    m.message = r.string("message", true);
    return r.finish(m);
}

QJsonObject RedirectResponse::toJson() const
{
    QJsonObject o{{QStringLiteral("poolId"), poolId},
                  {QStringLiteral("urlClear"), urlClear},
                  {QStringLiteral("urlOnion"), urlOnion},
                  {QStringLiteral("epoch"), epoch}};
    if (retryAfterMs > 0)
        o.insert(QStringLiteral("retryAfterMs"), retryAfterMs);
    return o;
}

Result<RedirectResponse> RedirectResponse::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    RedirectResponse m;
    m.poolId = r.string("poolId");
    m.urlClear = r.string("urlClear", true);
    m.urlOnion = r.string("urlOnion", true);
    m.epoch = r.integer("epoch");
    m.retryAfterMs = r.has("retryAfterMs") ? r.integer("retryAfterMs") : 0;
    return r.finish(m);
}

QJsonObject RegisterOutputRequest::toJson() const
{
    return {{QStringLiteral("inputsHash"), inputsHash},
            {QStringLiteral("unblindedSignedBordereau64"), unblindedSignedBordereau64},
            {QStringLiteral("receiveAddress"), receiveAddress},
            {QStringLiteral("bordereau64"), bordereau64.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(bordereau64)}};
}

Result<RegisterOutputRequest> RegisterOutputRequest::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    RegisterOutputRequest m;
    m.inputsHash = r.string("inputsHash");
    m.unblindedSignedBordereau64 = r.string("unblindedSignedBordereau64");
    m.receiveAddress = r.string("receiveAddress");
    m.bordereau64 = r.string("bordereau64", true);
    return r.finish(m);
}

QJsonObject CheckOutputRequest::toJson() const
{
    return {{QStringLiteral("receiveAddress"), receiveAddress}, {QStringLiteral("signature"), signature}};
}

Result<CheckOutputRequest> CheckOutputRequest::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    CheckOutputRequest m;
    m.receiveAddress = r.string("receiveAddress");
    m.signature = r.string("signature");
    return r.finish(m);
}

QJsonObject PoolInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("poolId"), poolId},
                  {QStringLiteral("denomination"), denomination},
                  {QStringLiteral("feeValue"), feeValue},
                  {QStringLiteral("mustMixBalanceMin"), mustMixBalanceMin},
                  {QStringLiteral("mustMixBalanceCap"), mustMixBalanceCap},
                  {QStringLiteral("mustMixBalanceMax"), mustMixBalanceMax},
                  {QStringLiteral("minAnonymitySet"), minAnonymitySet},
                  {QStringLiteral("minMustMix"), minMustMix},
                  {QStringLiteral("tx0MaxOutputs"), tx0MaxOutputs},
                  {QStringLiteral("nbRegistered"), nbRegistered},
                  {QStringLiteral("mixAnonymitySet"), mixAnonymitySet},
                  {QStringLiteral("mixStatus"), mixStatus},
                  {QStringLiteral("elapsedTime"), elapsedTime},
                  {QStringLiteral("nbConfirmed"), nbConfirmed}};
    auto optional = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    optional("mixId", mixId);
    optional("mixKeyFingerprint", mixKeyFingerprint);
    optional("ownerUrlClear", ownerUrlClear);
    optional("ownerUrlOnion", ownerUrlOnion);
    return o;
}

Result<PoolInfo> PoolInfo::fromJson(const QJsonObject &object)
{
    FieldReader r(object);
    PoolInfo p;
    p.poolId = r.string("poolId");
    p.denomination = r.integer("denomination");
    p.feeValue = r.integer("feeValue");
    p.mustMixBalanceMin = r.integer("mustMixBalanceMin");
    p.mustMixBalanceCap = r.integer("mustMixBalanceCap");
    p.mustMixBalanceMax = r.integer("mustMixBalanceMax");
    p.minAnonymitySet = r.integer32("minAnonymitySet");
    p.minMustMix = r.integer32("minMustMix");
    p.tx0MaxOutputs = r.integer32("tx0MaxOutputs");
    p.nbRegistered = r.integer32("nbRegistered");
    p.mixAnonymitySet = r.integer32("mixAnonymitySet");
    p.mixStatus = r.string("mixStatus", true);
    p.elapsedTime = r.integer("elapsedTime");
    p.nbConfirmed = r.integer32("nbConfirmed");
    p.mixId = r.string("mixId", true);
    p.mixKeyFingerprint = r.string("mixKeyFingerprint", true);
    p.ownerUrlClear = r.string("ownerUrlClear", true);
    p.ownerUrlOnion = r.string("ownerUrlOnion", true);
    return r.finish(p);
}

QJsonObject PoolsResponse::toJson() const
{
    return {{QStringLiteral("pools"), toJsonArray(pools)}};
}

Result<PoolsResponse> PoolsResponse::fromJson(QByteArrayView json)
{
    auto pools = readObjectList<PoolInfo>(json, "pools");
    if (!pools)
        return pools.error();
    return PoolsResponse{*pools};
}

QJsonObject Tx0DataRequest::toJson() const
{
    return {{QStringLiteral("scode"), scode.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(scode)},
            {QStringLiteral("partnerId"), partnerId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(partnerId)},
            {QStringLiteral("cascading"), cascading}};
}

Result<Tx0DataRequest> Tx0DataRequest::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    Tx0DataRequest m;
    m.scode = r.string("scode", true);
    if (m.scode == QLatin1String("null"))
        m.scode.clear();
    m.partnerId = r.string("partnerId", true);
    m.cascading = r.has("cascading") ? r.boolean("cascading") : false;
    return r.finish(m);
}

QJsonObject Tx0Data::toJson() const
{
    auto nullable = [](const QString &v) { return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v); };
    return {{QStringLiteral("poolId"), poolId},
            {QStringLiteral("feePaymentCode"), feePaymentCode},
            {QStringLiteral("feeValue"), feeValue},
            {QStringLiteral("feeChange"), feeChange},
            {QStringLiteral("feeDiscountPercent"), feeDiscountPercent},
            {QStringLiteral("message"), nullable(message)},
            {QStringLiteral("feePayload64"), feePayload64},
            {QStringLiteral("feeAddress"), nullable(feeAddress)},
            {QStringLiteral("feeOutputSignature"), nullable(feeOutputSignature)}};
}

Result<Tx0Data> Tx0Data::fromJson(const QJsonObject &object)
{
    FieldReader r(object);
    Tx0Data m;
    m.poolId = r.string("poolId");
    m.feePaymentCode = r.string("feePaymentCode");
    m.feeValue = r.integer("feeValue");
    m.feeChange = r.integer("feeChange");
    m.feeDiscountPercent = r.integer32("feeDiscountPercent");
    m.message = r.string("message", true);
    m.feePayload64 = r.string("feePayload64");
    m.feeAddress = r.string("feeAddress", true);
    m.feeOutputSignature = r.string("feeOutputSignature", true);
    return r.finish(m);
}

QJsonObject Tx0DataResponse::toJson() const
{
    return {{QStringLiteral("tx0Datas"), toJsonArray(tx0Datas)}};
}

Result<Tx0DataResponse> Tx0DataResponse::fromJson(QByteArrayView json)
{
    auto datas = readObjectList<Tx0Data>(json, "tx0Datas");
    if (!datas)
        return datas.error();
    return Tx0DataResponse{*datas};
}

QJsonObject Tx0PushRequest::toJson() const
{
    return {{QStringLiteral("tx64"), tx64}, {QStringLiteral("poolId"), poolId}};
}

Result<Tx0PushRequest> Tx0PushRequest::fromJson(QByteArrayView json)
{
    FieldReader r(json);
    Tx0PushRequest m;
    m.tx64 = r.string("tx64");
    m.poolId = r.string("poolId");
    return r.finish(m);
}

QByteArray restErrorBody(const QString &message)
{
    return toJsonBytes({{QStringLiteral("message"), message}});
}

QString restErrorMessage(QByteArrayView body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray());
    if (doc.isObject() && doc.object().value(QStringLiteral("message")).isString())
        return doc.object().value(QStringLiteral("message")).toString();
    return QString::fromUtf8(body.first(qMin<qsizetype>(body.size(), 200)));
}

QByteArray toJsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace wp::proto
