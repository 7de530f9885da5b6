#include <bitcoin/network.h>

#include <util/assert.h>

namespace wp::btc {

const NetworkParams &networkParams(Network network)
{
    static const NetworkParams kMain{Network::Main, QStringLiteral("main"), QStringLiteral("bc"), 0x00, 0x05, 0x80,
                                     0x0488B21E, 0x0488ADE4, 0x04B24746, 0x04B2430C, 0};
    static const NetworkParams kTest{Network::Test, QStringLiteral("test"), QStringLiteral("tb"), 0x6F, 0xC4, 0xEF,
                                     0x043587CF, 0x04358394, 0x045F1CF6, 0x045F18BC, 1};
    static const NetworkParams kRegtest{Network::Regtest, QStringLiteral("regtest"), QStringLiteral("bcrt"), 0x6F, 0xC4,
                                        0xEF, 0x043587CF, 0x04358394, 0x045F1CF6, 0x045F18BC, 1};
    switch (network) {
    case Network::Main: return kMain;
    case Network::Test: return kTest;
    case Network::Regtest: return kRegtest;
    }
    WP_ASSERT(false);
    return kMain;
}

std::optional<Network> networkFromName(QStringView name)
{
    const QString n = name.toString().toLower();
    if (n == u"main" || n == u"mainnet" || n == u"bitcoin")
        return Network::Main;
    if (n == u"test" || n == u"testnet" || n == u"testnet3")
        return Network::Test;
    if (n == u"regtest")
        return Network::Regtest;
    return std::nullopt;
}

} // namespace wp::btc
