#include "whirlpoolplugin.h"

#include "pluginmixer.h"
#include "statuswidget.h"

#include <exception>

namespace wp::plugin {

namespace {
void setError(QString *errorString, const QString &message)
{
    if (errorString)
        *errorString = message;
}
} // namespace

WhirlpoolPlugin::~WhirlpoolPlugin() = default;

QString WhirlpoolPlugin::pluginVersion() const
{
    return QStringLiteral(WP_PLUGIN_VERSION);
}

bool WhirlpoolPlugin::initializeForApi(int hostApiVersion, QString *errorString)
{
    if (hostApiVersion != whirlpool::kApiVersion) {
        setError(errorString,
                 QStringLiteral("Whirlpool plugin %1 implements API version %2, but the host was built for API "
                                "version %3: install a plugin built for API %3 (or rebuild the host against API %2).")
                     .arg(pluginVersion())
                     .arg(whirlpool::kApiVersion)
                     .arg(hostApiVersion));
        return false;
    }
    m_initialized = true;
    return true;
}

void WhirlpoolPlugin::shutdown()
{
    m_initialized = false;
}

whirlpool::Mixer *WhirlpoolPlugin::createMixer(whirlpool::WalletBridge *bridge, const whirlpool::MixerConfig &config,
                                               QString *errorString)
{
    try {
        if (!m_initialized) {
            setError(errorString, QStringLiteral("the plugin is not initialized (call initialize() first)"));
            return nullptr;
        }
        if (!bridge) {
            setError(errorString, QStringLiteral("no wallet bridge given"));
            return nullptr;
        }
        if (auto r = PluginMixer::validate(config); !r) {
            setError(errorString, QStringLiteral("invalid mixer configuration: %1").arg(r.error().message));
            return nullptr;
        }
        return new PluginMixer(bridge, config);
    } catch (const std::exception &e) {
        setError(errorString, QStringLiteral("internal error: %1").arg(QString::fromUtf8(e.what())));
    } catch (...) {
        setError(errorString, QStringLiteral("internal error"));
    }
    return nullptr;
}

QWidget *WhirlpoolPlugin::createStatusWidget(whirlpool::Mixer *mixer, QWidget *parent)
{
    try {
        return new StatusWidget(dynamic_cast<PluginMixer *>(mixer), parent);
    } catch (...) {
        return nullptr;
    }
}

} // namespace wp::plugin
