#pragma once

#include <bitcoin/network.h>
#include <crypto/eckey.h>
#include <util/result.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

// The signed cluster manifest (DESIGN §2.1): the list of a cluster's
// coordinator instances, served by every instance at GET /rest/cluster and
// signed by the operator as a Bitcoin signed message, as Whirlpool signed its
// coordinator announcements. A client follows a redirect only to an instance
// of a manifest it verified (or of its own bootstrap list).
//
// Wire body of GET /rest/cluster:
//   {"manifest": "<canonical JSON, as a string>",
//    "signature": "<base64 Bitcoin signed message of exactly those UTF-8 bytes>",
//    "address": "<operator signing address>"}
// The manifest travels as a string so that the signed bytes are the bytes
// received: no re-serialization on the verifying side. The canonical form is
// compact JSON with keys in the fixed order
//   {"version":1,"cluster":..,"network":..,"issuedAtMs":..,"expiresAtMs":..,
//    "instances":[{"id":..,"name":..,"urlClear":..,"urlOnion":..},..]}
// strings escaped minimally (", \, control characters as \u00XX; everything
// else as raw UTF-8). A verifier accepts only that exact form, so no two
// parsers can read one signed manifest differently (duplicate keys, escapes).
namespace wp::proto {

/// Why a manifest was refused (Error::code of the functions below).
enum class ManifestError : int {
    Malformed = 1,      ///< not JSON, missing or mistyped field, oversized
    NotCanonical = 2,   ///< valid JSON but not the canonical bytes of its content
    InvalidInstance = 3,///< an instance with a bad id, name or URL
    Duplicate = 4,      ///< two instances share an id or a URL
    WrongSigner = 5,    ///< `address` is not the operator address the client pins
    BadSignature = 6,   ///< the signature does not verify for the operator address
    WrongNetwork = 7,   ///< a manifest of another bitcoin network
    Expired = 8,        ///< expiresAtMs <= now
    NotYetValid = 9,    ///< issued in the future beyond kManifestClockSkewMs
    BadValidity = 10,   ///< expiresAtMs <= issuedAtMs, or longer than kManifestMaxLifetimeMs
};

inline constexpr int kManifestVersion = 1;
/// Clock difference tolerated between the operator and the client.
inline constexpr qint64 kManifestClockSkewMs = 5 * 60 * 1000;
/// A manifest valid for longer would let an old signed list (one naming a host
/// the operator no longer controls) be replayed for too long.
inline constexpr qint64 kManifestMaxLifetimeMs = 30LL * 24 * 3600 * 1000;
inline constexpr int kManifestMaxInstances = 256;
inline constexpr int kManifestMaxFieldLength = 256;
/// Upper bound on the GET /rest/cluster body a verifier reads.
inline constexpr qsizetype kManifestMaxBodyBytes = 256 * 1024;

/// One coordinator instance as the operator announces it.
struct ClusterInstance {
    QString id;       ///< stable operator-chosen id, unique in the manifest (1..256 chars)
    QString name;     ///< shown to users (may be empty)
    QString urlClear; ///< http(s)://host[:port] or empty
    QString urlOnion; ///< http(s)://<...>.onion[:port] or empty; at least one URL is set

    friend bool operator==(const ClusterInstance &, const ClusterInstance &) = default;
};

/// The manifest content (what is signed).
struct ClusterManifest {
    QString cluster;    ///< cluster name
    QString network;    ///< btc::NetworkParams::name: "main", "test", "regtest"
    qint64 issuedAtMs = 0;
    qint64 expiresAtMs = 0;
    QList<ClusterInstance> instances;

    /// The canonical bytes (see the file comment). Never fails; the caller is
    /// expected to have a valid manifest (validate()) before signing it.
    QByteArray canonicalJson() const;

    /// Checks the content alone: fields present and bounded, 1..kManifestMaxInstances
    /// instances, every URL valid (parseInstanceUrl), no duplicate id or URL,
    /// expiresAtMs > issuedAtMs and within kManifestMaxLifetimeMs.
    /// Returns: an Error whose code is a ManifestError.
    Result<void> validate() const;

    /// Parses canonical bytes and validates them (validate()). Refuses any
    /// other serialization of the same content (ManifestError::NotCanonical).
    /// Safe on any input.
    static Result<ClusterManifest> fromCanonicalJson(QByteArrayView json);

    friend bool operator==(const ClusterManifest &, const ClusterManifest &) = default;
};

/// A coordinator base URL as redirects and manifests carry it, normalized for
/// comparison: scheme http or https (lowercase), a host (lowercase), the port
/// only when it is not the scheme's default (":443" on https is dropped), no
/// user info, query or fragment, no trailing '/'. With @p onion the host must end in ".onion", without it must not.
/// Returns: the normalized URL, or an Error (code ManifestError::InvalidInstance)
/// saying why. Safe on any input.
Result<QUrl> parseInstanceUrl(QStringView url, bool onion);

/// The GET /rest/cluster body for @p manifest signed by @p key, whose
/// signing address is @p address (P2PKH, P2WPKH or P2SH-P2WPKH of the
/// compressed key; the caller derives it). Precondition: manifest.validate() succeeds (WP_ASSERT).
QJsonObject signManifest(const ClusterManifest &manifest, const crypto::PrivKey &key, const QString &address);

/// Verifies a GET /rest/cluster body against the operator address the client
/// pins: JSON shape, `address` equal to @p operatorAddress (same script), the
/// signature over the manifest string's exact UTF-8 bytes, canonical form,
/// content (validate()), network == @p params.name, not expired at @p nowMs
/// and not issued after nowMs + kManifestClockSkewMs.
/// Returns: the manifest, or an Error whose code is a ManifestError and whose
/// message says why (shown to the user). Safe on any input.
Result<ClusterManifest> verifySignedManifest(QByteArrayView body, const QString &operatorAddress,
                                             const btc::NetworkParams &params, qint64 nowMs);

} // namespace wp::proto
