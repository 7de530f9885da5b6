#pragma once

#include <mix/banpolicy.h>
#include <mix/poolconfig.h>

#include <bitcoin/network.h>
#include <util/result.h>

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace wp::server {

/// Everything `whirlpool-coordinator` is configured with, immutable after
/// start-up. Defaults are the named constants of coordinatoroptions.cpp; the INI
/// file (--config) overrides them and `--set section.key=value` overrides the file.
struct CoordinatorOptions {
    btc::Network network = btc::Network::Regtest;
    QString instanceName;        ///< shown on the dashboard
    QHostAddress listenAddress;
    quint16 port = 0;
    QString urlClear;            ///< public clearnet base URL of this instance
    QString urlOnion;            ///< public onion base URL of this instance
    QString logRules;            ///< QLoggingCategory filter rules

    struct Db {
        QString host;
        quint16 port = 0;
        QString user;
        QString password;
        QString database;
        QString socket;
        int workers = 0;
    } db;

    struct Node {
        QString url;
        QString user;
        QString password;
        QString cookieFile;
        int timeoutMs = 0;
        int tipRefreshMs = 0;
        int blockHeightMaxSpread = 0;
    } node;

    struct Fees {
        QString secretWords;      ///< BIP39 words of the BIP47 account that unmasks Tx0 OP_RETURNs
        QString secretPassphrase;
        QString feeXpub;          ///< BIP84 account xpub (zpub/vpub) receiving the fees, chain 0 at feeIndice
        QStringList scodes;       ///< "NAME:payload:percent[:expirationMs]"
    } fees;

    mix::MixTimings timings;
    int inviteDelayMs = 0;
    mix::BanPolicy ban;

    struct Limits {
        int maxConnections = 0;
        int maxConnectionsPerIp = 0;
        int maxMessageBytes = 0;
        int framesPerSecond = 0;
        int frameBurst = 0;
    } limits;

    struct Cluster {
        int renewMs = 0;     ///< heartbeat + lease renewal period
        int leaseTtlMs = 0;  ///< lease length after each renewal
        int fenceMs = 0;     ///< stop serving after this long without a renewal (< TTL)
        int drainTimeoutMs = 0; ///< on SIGTERM, longest wait for running mixes before the leases go
        QString name;           ///< the cluster's name in the signed manifest
        QString operatorKey;    ///< WIF or hex private key signing GET /rest/cluster; empty: not served
        QString operatorAddressType; ///< "p2wpkh" (default), "p2pkh" or "p2sh-p2wpkh"
        int manifestTtlS = 0;   ///< validity of a signed manifest; instances seen this recently are listed
    } cluster;

    QList<mix::PoolConfig> pools;

    /// `--add-admin LOGIN`: create (or re-password) this dashboard admin and exit instead
    /// of running (status/addadmincommand.h). Empty: run the coordinator.
    QString addAdminLogin;

    /// Parses the command line (with the INI file it names) into options.
    /// Returns: the options, or an Error whose message is one line naming the
    /// offending setting; `--help`/`--version` print and report code 0.
    static Result<CoordinatorOptions> parse(const QStringList &arguments);
};

} // namespace wp::server
